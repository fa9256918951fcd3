"""Reading pages: body, headline, date and outlet on the benchmark's dev and train pages, per renderer.

    .venv/bin/python bench/page_reading_bench.py

Runs `python -m newsframe clean DIR/*.txt --format json` on `../shared/benchmarks/boilerplate/dev`
and `train` (each page read alone, as a user's folder without a manifest), then scores the bodies
with the benchmark's `score.py` (per split and per renderer) and the metadata with `score_meta.py`,
adding headline precision (right / headlines given, over pages with a gold headline). The renderer
of a train page comes from `train/sources.csv`; for dev pages it is guessed from the dump's bullets
(the guess is printed with its agreement on train pages). The page-field models were trained on
these same pages: their held-out figures are the leave-site-out CV ones, printed at the end from
`lib/newsframe/data/page_fields.json` (made by `bench/train_page_fields.py`).
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "boilerplate"
sys.path.insert(0, str(BENCH))


def guess_renderer(text: str) -> str:
    lines = text.split("\n")
    w3m = sum(ln.lstrip().startswith(("• ", "o ")) for ln in lines)
    ins = sum(ln.lstrip().startswith(("* ", "+ ")) for ln in lines)
    indented = sum(ln.startswith("  ") and ln.strip() != "" for ln in lines)
    if w3m > ins and w3m >= 2:
        return "w3m"
    if ins >= 2 or indented > 5:
        return "inscriptis"
    return "htmltext"


def body_scores(gold_dir: Path, pred_dir: Path) -> dict:
    res = subprocess.run([sys.executable, str(BENCH / "score.py"), "--gold", str(gold_dir), "--pred", str(pred_dir),
                          "--json", "--per-doc", "--bootstrap", "0"], check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def macro(per_doc: dict, ids) -> tuple[float, float, float, int]:
    ps = [per_doc[i]["precision"] for i in ids if i in per_doc and per_doc[i].get("precision") is not None
          and per_doc[i].get("pred_empty") is not True]
    rs = [per_doc[i]["recall"] for i in ids if i in per_doc]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r, len(rs)


def main() -> None:
    import score_meta

    sources = {r["id"]: r["renderer"] for r in csv.DictReader(open(BENCH / "train" / "sources.csv", encoding="utf-8"))}
    agree = sum(guess_renderer((BENCH / "train" / f"{i}.txt").read_text(encoding="utf-8", errors="replace")) == r
                for i, r in sources.items() if (BENCH / "train" / f"{i}.txt").exists())
    print(f"renderer guess agrees with train/sources.csv on {agree} of {len(sources)} pages")
    with tempfile.TemporaryDirectory() as tmp:
        for split in ("dev", "train"):
            d = BENCH / split
            pages = sorted(d.glob("*.txt"))
            out = Path(tmp) / split
            subprocess.run([sys.executable, "-m", "newsframe", "clean", *map(str, pages), "--out", str(out),
                            "--format", "json"], check=True, capture_output=True)
            bodies = Path(tmp) / f"{split}-bodies"
            bodies.mkdir()
            for p in out.glob("*.json"):
                (bodies / f"{p.stem}.txt").write_text(json.loads(p.read_text(encoding="utf-8"))["body"] or "",
                                                      encoding="utf-8")
            scores = body_scores(d, bodies)
            per_doc = scores.get("per_doc", {})
            renderer = {p.stem: sources.get(p.stem) or guess_renderer(p.read_text(encoding="utf-8", errors="replace"))
                        for p in pages}
            print(f"\n{split}: body F1 {scores['f1']:.3f} P {scores['precision']:.3f} R {scores['recall']:.3f} "
                  f"({scores.get('docs', len(pages))} pages)")
            by = defaultdict(list)
            for i, r in renderer.items():
                by[r].append(i)
            for r, ids in sorted(by.items()):
                f, p, rc, n = macro(per_doc, ids)
                print(f"   {r:10s} body F1 {f:.3f} P {p:.3f} R {rc:.3f} ({n} pages{', renderer guessed' if split == 'dev' else ''})")
            gold = score_meta.load_gold(d)
            pred, _ = score_meta.load_pred(out, sorted(gold))
            res, _ = score_meta.score(gold, pred)
            for field in ("headline", "published", "outlet"):
                r = res[field]
                print(f"   {field:9s} accuracy {r['acc']:.3f} ({r['right']}/{r['scored']} scored, "
                      f"{r['empty_predictions']} empty)")
            given = [i for i in gold if gold[i].get("headline") and score_meta.norm_headline(pred[i].get("headline"))]
            right = sum(score_meta.headline_right(gold[i]["headline"], pred[i].get("headline")) for i in given)
            print(f"   headline precision {right / max(1, len(given)):.3f} ({right}/{len(given)} given)")
    models = json.loads((ROOT / "lib" / "newsframe" / "data" / "page_fields.json").read_text(encoding="utf-8"))
    print("\nleave-site-out CV of the page-field models (bench/train_page_fields.py; the figures to judge them by):")
    for field, m in sorted(models.items()):
        cv = m["cv"]
        print(f"   {field:9s} threshold {m['threshold']:.2f}: " + "; ".join(
            f"{part} acc {cv[part]['acc']:.3f} precision {cv[part]['precision']:.3f}" for part in ("dev", "train", "all")))


if __name__ == "__main__":
    main()
