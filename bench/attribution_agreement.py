"""How well do newsframe's attribution and quotation rules agree with hand annotation on news nobody here wrote?

Reads tests/fixtures/attribution_gold.csv (every sentence of 6+ words of four articles of the Article
Extraction Benchmark, MIT, annotated by hand) and runs newsframe.framing.attributions / quotations on the
full article bodies (so pronouns can be resolved). Prints:

* sentence level: is the sentence attributed? precision, recall, F1 (recall also without the sentences that
  are attributed only because they continue a multi-sentence quote, which the rules do not follow);
* for correctly detected sentences: source exact match (ignoring a leading article), source partial match
  (a shared name or head word), cue match;
* quotations: quoted spans in annotated-attributed sentences, share given the right speaker.

    .venv/bin/python bench/attribution_agreement.py [--show-errors]

Figures are printed, never asserted; docs/framing.md records them.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from newsframe import framing
from newsframe.text import normalize

ROOT = Path(__file__).resolve().parents[1]
GOLD_BODIES = ROOT.parent / "shared" / "benchmarks" / "boilerplate" / "dev" / "gold.jsonl"
IMPLICIT = "(implicit: quote continues)"
SKIP = {"the", "a", "an", "both", "s", "of", "for", "to", "and", "'s"}


def read_gold(path) -> list[dict]:
    text = Path(path).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))))


def span_text(body: str, alt: str) -> str:
    """A gold source alternative: ``@start:end`` is that span of the article body; other text as written."""
    if alt.startswith("@"):
        start, end = map(int, alt[1:].split(":"))
        return body[start:end]
    return alt


def _norm(s: str) -> str:
    s = normalize(str(s)).lower().strip()
    return re.sub(r"^(?:the|a|an|both)\s+", "", re.sub(r"\s+", " ", s))


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[\w-]+", normalize(str(s)).lower()) if w not in SKIP}


def source_match(pred, gold_alts: str) -> tuple[bool, bool]:
    """(exact, partial) match of a predicted source phrase against the |-separated gold alternatives."""
    if pred is None or (isinstance(pred, float) and pd.isna(pred)):
        return False, False
    alts = [a for a in gold_alts.split("|") if a]
    exact = any(_norm(pred) == _norm(a) for a in alts)
    partial = exact or any(_words(pred) & _words(a) for a in alts)
    return exact, partial


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=ROOT / "tests" / "fixtures" / "attribution_gold.csv")
    ap.add_argument("--bodies", default=GOLD_BODIES)
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    gold = read_gold(args.gold)
    bodies = {}
    for line in Path(args.bodies).read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        bodies[d["id"]] = d["body"]
    from newsframe.text import sentences

    for r in gold:   # (the gold file keeps no benchmark text: the sentence and the source come from the body)
        body = bodies[r["doc_id"]]
        r["text"] = sentences(body)[int(r["sentence"])]
        r["source"] = "|".join(span_text(body, alt) for alt in r["source"].split("|") if alt)
    for name in dict.fromkeys(r.get("set", "all") for r in gold):
        rows = [r for r in gold if r.get("set", "all") == name]
        print(f"\n== set {name}")
        errors = evaluate(rows, bodies)
        if args.show_errors:
            print("errors:")
            for kind, g, p in errors:
                print(f"  {kind:<18} gold [{g['source']} / {g['cue']}] pred [{p.source} / {p.cue}] {g['text'][:90]}")


def evaluate(gold: list[dict], bodies: dict) -> list:
    """Print the figures for one set of annotated sentences; return the errors."""
    ids = list(dict.fromkeys(r["doc_id"] for r in gold))
    arts = pd.DataFrame({"id": ids, "outlet": ids, "body": [bodies[i] for i in ids]})
    attr = framing.attributions(arts)
    quotes = framing.quotations(arts, attr=attr)
    pred = {(r.id, int(r.sentence)): r for r in attr.itertuples(index=False)}

    tp = fp = fn = fn_implicit = 0
    exact = partial = cue_ok = n_cue = 0
    errors = []
    for g in gold:
        key = (g["doc_id"], int(g["sentence"]))
        p = pred[key]
        if normalize(p.text).strip() != normalize(g["text"]).strip():
            raise SystemExit(f"sentence {key} does not line up: {p.text[:60]!r} vs {g['text'][:60]!r}")
        is_gold, is_pred = g["attributed"] == "1", bool(p.attributed)
        if is_gold and is_pred:
            tp += 1
            e, pa = source_match(p.source, g["source"])
            if not pa and isinstance(p.source_person, str):  # "she" resolved to "Stephanie Grisham"
                pa = source_match(p.source_person, g["source"])[1]
            exact += e
            partial += pa
            explicit = g["cue"] != IMPLICIT
            n_cue += explicit
            good_cue = p.cue in g["cue"].split("|")
            cue_ok += explicit and good_cue
            if not pa or (explicit and not good_cue):
                errors.append(("wrong source/cue", g, p))
        elif is_pred:
            fp += 1
            errors.append(("false attribution", g, p))
        elif is_gold:
            fn += 1
            fn_implicit += g["cue"] == IMPLICIT
            errors.append(("missed", g, p))
    n_gold = tp + fn
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / n_gold if n_gold else 0.0
    n_explicit = n_gold - sum(1 for g in gold if g["cue"] == IMPLICIT)
    rec_explicit = (tp - sum(1 for g in gold if g["cue"] == IMPLICIT and pred[(g["doc_id"], int(g["sentence"]))].attributed)) / n_explicit
    print(f"{len(gold)} annotated sentences from {len(ids)} articles; {n_gold} attributed by the annotator "
          f"({n_gold - n_explicit} only as continuations of a multi-sentence quote)")
    print(f"attributed? precision {prec:.3f} ({tp}/{tp + fp}), recall {rec:.3f} ({tp}/{n_gold}), "
          f"F1 {2 * prec * rec / (prec + rec) if prec + rec else 0:.3f}; recall on sentences with their own "
          f"attribution {rec_explicit:.3f}")
    print(f"of {tp} correctly detected: source exact {exact / tp:.3f} ({exact}), partial {partial / tp:.3f} ({partial}), "
          f"cue {cue_ok / max(n_cue, 1):.3f} ({cue_ok}/{n_cue} with an explicit cue)")

    gold_by = {(g["doc_id"], int(g["sentence"])): g for g in gold}
    q_total = q_right = q_unattr = 0
    for q in quotes.itertuples(index=False):
        a = attr[(attr["id"] == q.id) & (attr["start"] <= q.end) & (attr["end"] >= q.end)]
        if a.empty:
            continue
        g = gold_by.get((q.id, int(a.iloc[0]["sentence"])))
        if g is None or g["attributed"] != "1":
            continue
        q_total += 1
        if q.kind == "unattributed":
            q_unattr += 1
            continue
        got = q.speaker if _words(q.speaker) & _words(g["source"]) else q.speaker_person
        q_right += source_match(got, g["source"])[1]
    if q_total:
        print(f"quotations in annotated-attributed sentences: {q_total}; right speaker {q_right / q_total:.3f} "
              f"({q_right}), no speaker found {q_unattr}")
    return errors


if __name__ == "__main__":
    main()
