"""Turn the annotators' attribution files into the stored gold: offsets only, never the benchmark's text.

    .venv/bin/python bench/make_attribution_gold.py RAW_DIR

RAW_DIR holds one `<id>.json` per article as written while annotating (a list of attributions whose
source, cue and content spans are `[start, end, "exact text"]`, see docs/attribution_guidelines.md).
Every span is checked against the body in `../shared/benchmarks/boilerplate/{dev,train}/gold.jsonl`; the
output `bench/gold/attribution_spans.jsonl` keeps the offsets, the type and category, and a hash of the
body (so a changed body is noticed), one line per article.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attribution_spans import BENCH, GOLD, body_hash  # noqa: E402


def main(raw_dir: str) -> None:
    texts, split_of = {}, {}
    for split in ("dev", "train"):
        for line in open(BENCH / split / "gold.jsonl", encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                texts[d["id"]], split_of[d["id"]] = d["body"], split
    out = []
    for path in sorted(Path(raw_dir).glob("*.json")):
        pid = path.stem
        body = texts[pid]
        items = json.loads(path.read_text(encoding="utf-8"))
        atts = []
        for k, a in enumerate(items):
            rec = {"type": a["type"], "category": a.get("category", "speech")}
            for field in ("source", "cue", "content"):
                spans = a[field]
                if spans is None:
                    rec[field] = None
                    continue
                for s, e, t in spans:
                    if body[s:e] != t:
                        raise SystemExit(f"{pid} item {k} {field}: [{s},{e}] is {body[s:e]!r}, not {t!r}")
                rec[field] = [[s, e] for s, e, _ in spans]
            atts.append(rec)
        atts.sort(key=lambda r: (min(s for s, _ in r["content"]), r["cue"][0][0] if r["cue"] else 0))
        out.append({"id": pid, "benchmark_split": split_of[pid], "body_sha1": body_hash(body), "attributions": atts})
    GOLD.parent.mkdir(parents=True, exist_ok=True)
    GOLD.write_text("".join(json.dumps(d, separators=(",", ":")) + "\n" for d in out), encoding="utf-8")
    print(f"{len(out)} articles, {sum(len(d['attributions']) for d in out)} attributions -> {GOLD}")


if __name__ == "__main__":
    main(sys.argv[1])
