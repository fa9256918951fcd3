"""Attribution spans (source, cue, content) against the project's PARC-style gold: who said what.

    .venv/bin/python bench/attribution_spans.py [--split dev|test|all] [--show-errors N] [--pred PRED.jsonl]

Gold: `bench/gold/attribution_spans.jsonl` - attributions in 33 article bodies of the boilerplate
benchmark (`../shared/benchmarks/boilerplate/{dev,train}/gold.jsonl`: Article Extraction Benchmark, MIT;
Mozilla Readability test pages, Apache-2.0), annotated following the PARC 3.0 (Pareti 2016) and PolNeAR
(Newell, Margolin and Ruths 2018) guidelines as summarised in `docs/framing.md`: each attribution has a
source, a cue and a content span (character offsets into the body; the file holds offsets and a hash of
each body, never its text), a type (direct, indirect, mixed) and a category (speech, document, belief).
The articles are split by a hash of their id into `dev` (looked at while writing rules) and `test`
(never looked at; its figures are the held-out ones). Four test articles were in the older
sentence-level gold whose dev and test sets tuned the rules of earlier sessions; "test, never used to
tune rules" leaves them out.

Prediction: `python -m newsframe quotes` on `{"id", "text": body}` lines (or `--pred` a file of its output).
Matching, as in PolNeAR's evaluation: a predicted and a gold attribution match when their contents share
at least half of the gold content's tokens and half of the predicted content's tokens (`\\w+` tokens,
by position); pairs are matched one to one, best overlap first. Then:

* attribution P/R/F1: matched contents, whatever the source;
* who-said-what P/R/F1: matched contents whose source spans overlap (a token in common) - a pronoun
  source must be the pronoun; a gold attribution without a source in the text matches a prediction
  without a speaker span;
* per type: recall of gold direct / indirect / mixed attributions (any predicted type), and the direct
  F1 of the issue (gold direct against predicted direct, matched on content);
* direct speaker: share of matched direct pairs with the right source; cue: share of matched pairs whose
  cue spans overlap.
Beliefs are scored with everything else and also left out (`speech and document only`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "boilerplate"
GOLD = ROOT / "bench" / "gold" / "attribution_spans.jsonl"
_TOKEN = re.compile(r"\w+")
TYPES = ("direct", "indirect", "mixed")


def bodies() -> dict[str, str]:
    out = {}
    for split in ("dev", "train"):
        for line in open(BENCH / split / "gold.jsonl", encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                out[d["id"]] = d["body"]
    return out


def body_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def split_of(doc_id: str) -> str:
    """dev or test, by a hash of the id (fixed before any figure was seen)."""
    return "dev" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def tuned_before() -> set[str]:
    """Articles of the older sentence-level gold (tests/fixtures/attribution_gold.csv) whose sets were used
    to tune the rules in earlier sessions (its "dev" and "test" sets; "final" never was)."""
    import csv
    import io

    text = (ROOT / "tests" / "fixtures" / "attribution_gold.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))))
    return {r["doc_id"] for r in rows if r["set"] in ("dev", "test")}


def load_gold(path=GOLD) -> list[dict]:
    docs = [json.loads(x) for x in open(path, encoding="utf-8") if x.strip()]
    texts = bodies()
    for d in docs:
        if body_hash(texts[d["id"]]) != d["body_sha1"]:
            raise SystemExit(f"{d['id']}: the benchmark body changed (hash differs); the gold offsets no longer apply")
        d["body"] = texts[d["id"]]
    return docs


def token_positions(text: str, spans) -> set[int]:
    """Indices of the tokens of ``text`` that lie (at least half) inside one of ``spans``."""
    out = set()
    for k, m in enumerate(_TOKEN.finditer(text)):
        mid = (m.start() + m.end()) / 2
        if any(s <= mid < e for s, e in spans):
            out.add(k)
    return out


def predictions(docs, pred_path=None) -> dict[str, list[dict]]:
    if pred_path is None:
        with tempfile.TemporaryDirectory() as tmp:
            src, out = Path(tmp, "in.jsonl"), Path(tmp, "out.jsonl")
            src.write_text("".join(json.dumps({"id": d["id"], "text": d["body"]}) + "\n" for d in docs), encoding="utf-8")
            subprocess.run([sys.executable, "-m", "newsframe", "quotes", str(src), "--out", str(out)], check=True,
                           capture_output=True)
            lines = out.read_text(encoding="utf-8").splitlines()
    else:
        lines = Path(pred_path).read_text(encoding="utf-8").splitlines()
    return {json.loads(x)["id"]: json.loads(x)["quotes"] for x in lines if x.strip()}


def _pred_record(body: str, q: dict) -> dict:
    content = q.get("content_spans") or [[q["start"], q["end"]]]
    src = [[q["speaker_start"], q["speaker_end"]]] if q.get("speaker_start") is not None else []
    cue = [[q["cue_start"], q["cue_end"]]] if q.get("cue_start") is not None else []
    return {"type": q.get("type") or q.get("kind"), "content": token_positions(body, content),
            "source": token_positions(body, src), "has_source": bool(q.get("speaker")),
            "cue": token_positions(body, cue), "raw": q}


def _gold_record(body: str, a: dict) -> dict:
    return {"type": a["type"], "category": a.get("category", "speech"),
            "content": token_positions(body, [(s, e) for s, e in a["content"]]),
            "source": token_positions(body, [(s, e) for s, e in (a["source"] or [])]),
            "has_source": a["source"] is not None,
            "cue": token_positions(body, [(s, e) for s, e in a["cue"]]), "raw": a}


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) whose contents overlap enough, best overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            inter = len(g["content"] & p["content"])
            if g["content"] and p["content"] and inter >= 0.5 * len(g["content"]) and inter >= 0.5 * len(p["content"]):
                cands.append((inter / len(g["content"] | p["content"]), i, j))
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in sorted(cands, reverse=True):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def source_right(g: dict, p: dict) -> bool:
    if not g["has_source"]:
        return not p["source"]
    return bool(g["source"] & p["source"])


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs, preds, *, beliefs=True, show_errors=0) -> dict:
    tot = {"gold": 0, "pred": 0, "match": 0, "who": 0, "cue": 0}
    by_type = {t: {"gold": 0, "found": 0, "who": 0} for t in TYPES}
    direct = {"gold": 0, "pred": 0, "match": 0, "speaker": 0}
    errors = []
    for d in docs:
        body = d["body"]
        gold = [_gold_record(body, a) for a in d["attributions"] if beliefs or a.get("category") != "belief"]
        pred = [_pred_record(body, q) for q in preds.get(d["id"], [])]
        pairs = match(gold, pred)
        tot["gold"] += len(gold)
        tot["pred"] += len(pred)
        tot["match"] += len(pairs)
        for i, j in pairs:
            ok = source_right(gold[i], pred[j])
            tot["who"] += ok
            tot["cue"] += bool(gold[i]["cue"] & pred[j]["cue"])
            by_type[gold[i]["type"]]["found"] += 1
            by_type[gold[i]["type"]]["who"] += ok
            if not ok:
                errors.append(("wrong source", d["id"], gold[i]["raw"], pred[j]["raw"]))
        for g in gold:
            by_type[g["type"]]["gold"] += 1
        found_g = {i for i, _ in pairs}
        found_p = {j for _, j in pairs}
        errors += [("missed", d["id"], gold[i]["raw"], None) for i in range(len(gold)) if i not in found_g]
        errors += [("spurious", d["id"], None, pred[j]["raw"]) for j in range(len(pred)) if j not in found_p]
        gd = [g for g in gold if g["type"] == "direct"]
        pdir = [p for p in pred if p["type"] == "direct"]
        dpairs = match(gd, pdir)
        direct["gold"] += len(gd)
        direct["pred"] += len(pdir)
        direct["match"] += len(dpairs)
        direct["speaker"] += sum(source_right(gd[i], pdir[j]) for i, j in dpairs)
    res = {"attributions": prf(tot["match"], tot["pred"], tot["gold"]),
           "who_said_what": prf(tot["who"], tot["pred"], tot["gold"]),
           "cue_right": tot["cue"] / tot["match"] if tot["match"] else 0.0,
           "direct": prf(direct["match"], direct["pred"], direct["gold"]),
           "direct_speaker": direct["speaker"] / direct["match"] if direct["match"] else 0.0,
           "recall_by_type": {t: (v["found"] / v["gold"] if v["gold"] else 0.0, v["gold"]) for t, v in by_type.items()},
           "counts": tot}
    if show_errors:
        res["errors"] = errors
    return res


def show(name: str, res: dict) -> None:
    a, w, dr = res["attributions"], res["who_said_what"], res["direct"]
    c = res["counts"]
    print(f"{name}: {c['gold']} gold, {c['pred']} predicted")
    print(f"   attribution (content)  P {a[0]:.3f} R {a[1]:.3f} F1 {a[2]:.3f}")
    print(f"   who-said-what          P {w[0]:.3f} R {w[1]:.3f} F1 {w[2]:.3f}")
    print(f"   direct                 P {dr[0]:.3f} R {dr[1]:.3f} F1 {dr[2]:.3f}; direct speaker right {res['direct_speaker']:.3f}")
    print("   recall by gold type    " + "  ".join(f"{t} {r:.3f} ({n})" for t, (r, n) in res["recall_by_type"].items())
          + f"; cue right (matched) {res['cue_right']:.3f}")


def _span_text(body, spans):
    return " | ".join(body[s:e] for s, e in spans)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--pred", default=None)
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    if not GOLD.exists() or not BENCH.exists():
        raise SystemExit("needs bench/gold/attribution_spans.jsonl and ../shared/benchmarks/boilerplate")
    docs = load_gold()
    preds = predictions(docs, args.pred)
    tuned = tuned_before()
    names = ("dev", "test", "test, never used to tune rules", "all") if args.split == "all" else (args.split,)
    for name in names:
        if name.startswith("test, never"):
            part = [d for d in docs if split_of(d["id"]) == "test" and d["id"] not in tuned]
        else:
            part = [d for d in docs if name == "all" or split_of(d["id"]) == name]
        res = evaluate(part, preds, show_errors=args.show_errors)
        show(f"{name} ({len(part)} articles)", res)
        if not name.startswith("test"):
            show(f"{name}, speech and document only", evaluate(part, preds, beliefs=False))
        if args.show_errors and name == "dev":
            body = {d["id"]: d["body"] for d in docs}
            for kind, did, g, p in res["errors"][:args.show_errors]:
                b = body[did]
                gs = f"G[{g['type']}] {_span_text(b, g['source'] or [])} / {_span_text(b, g['cue'])} / {_span_text(b, g['content'])[:120]}" if g else ""
                ps = (f"P[{p.get('type') or p.get('kind')}] {p.get('speaker')} / {p.get('cue')} / "
                      f"{_span_text(b, p.get('content_spans') or [[p['start'], p['end']]])[:120]}") if p else ""
                print(f"  {kind:12s} {did[:8]} {gs}  {ps}")


if __name__ == "__main__":
    main()
