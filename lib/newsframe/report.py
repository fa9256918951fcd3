"""Exported reports: run every notebook on a corpus and write self-contained HTML.

:func:`build_reports` executes each notebook of ``notebooks/`` with papermill
(the corpus, figure and table folders are passed as parameters, so the same
notebooks run on any corpus without edited copies), exports it with
nbconvert's HTML exporter and writes ``reports/<notebook>.html`` plus
``reports/index.html`` linking them, each with a one-line summary.

Reports are single files a reader opens without Python: images are embedded,
the template (``data/templates/newsframe_report.html.j2``) drops the scripts
JupyterLab's export would fetch from other hosts, HTML produced by cells is
sanitised (nbconvert's ``sanitize_html``, bleach), and a table of contents
built from the section headings opens each report. Input cells are hidden
unless ``show_code=True``.
"""
from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

from .resources import DATA_DIR

TEMPLATE_DIR = DATA_DIR / "templates"
TEMPLATE_FILE = "newsframe_report.html.j2"
KERNEL_NAME = "python3"


def notebook_summary(nb) -> str:
    """First sentence after the title in the notebook's first markdown cell (the question)."""
    for cell in (nb.cells if nb is not None else []):
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines()[1:]:
            line = re.sub(r"[*_`#>]", "", line).strip()
            if line:
                return line
    return ""


def notebook_title(nb, default: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return default


def _heading_toc(body_html: str) -> str:
    items = []
    for m in re.finditer(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', body_html, re.S):
        level, anchor, inner = m.groups()
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        if level == "2" and text:
            items.append(f'<li><a href="#{anchor}">{text}</a></li>')
    if not items:
        return ""
    return ('<nav class="newsframe-toc" aria-label="Contents"><h2>Contents</h2><ul>'
            + "".join(items) + "</ul></nav>")


# HTML that cell outputs may contain in a report (pandas tables and Styler, details, images).
ALLOWED_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "div", "span",
                "p", "b", "i", "em", "strong", "code", "pre", "br", "hr", "ul", "ol", "li", "a", "img", "h1", "h2",
                "h3", "h4", "h5", "h6", "del", "ins", "mark", "small", "sub", "sup", "details", "summary", "style",
                "blockquote", "figure", "figcaption"}
ALLOWED_ATTRIBUTES = {"*": ["class", "id", "title", "style", "colspan", "rowspan", "border", "align"],
                      "a": ["href", "title"], "img": ["src", "alt", "width", "height"]}
ALLOWED_PROTOCOLS = {"http", "https", "data", "mailto"}


def sanitize_outputs(nb):
    """Copy of ``nb`` whose ``text/html`` outputs are cleaned with bleach.

    Scripts, event-handler attributes (``onerror=``), iframes and forms are
    removed or escaped, so article text shown by a cell can never run in a
    report; tables, inline styles (pandas Styler) and embedded images stay.
    Markdown cells, which the project writes, are left as they are.
    """
    import copy

    import bleach
    from bleach.css_sanitizer import CSSSanitizer

    css = CSSSanitizer(allowed_css_properties=list(bleach.css_sanitizer.ALLOWED_CSS_PROPERTIES) + [
        "border-bottom", "border-top", "border-left", "border-right", "font-size", "max-width", "min-width",
        "vertical-align", "white-space", "text-align", "padding", "margin", "background", "opacity"])
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                raw = data["text/html"]
                raw = "".join(raw) if isinstance(raw, list) else raw
                data["text/html"] = bleach.clean(raw, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                                                 protocols=ALLOWED_PROTOCOLS, css_sanitizer=css, strip=False)
            for key in ("application/javascript", "text/javascript", "application/vnd.jupyter.widget-view+json"):
                data.pop(key, None)
    return nb


def export_html(nb, *, show_code: bool = False) -> str:
    """HTML of an executed notebook: self-contained, sanitised, with a table of contents."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_file=str(TEMPLATE_DIR / TEMPLATE_FILE),
        embed_images=True,
        sanitize_html=False,  # our own markdown (<details> solutions) stays; outputs are cleaned below
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(sanitize_outputs(nb))
    toc = _heading_toc(body)
    return body.replace("<main>", "<main>\n" + toc, 1) if toc else body


def execute_notebook(path, out_path, *, parameters: dict, cwd=None):
    """Run one notebook with papermill; return the executed notebook node."""
    import nbformat
    import papermill as pm

    pm.execute_notebook(str(path), str(out_path), parameters=parameters, cwd=str(cwd or Path(path).parent),
                        kernel_name=KERNEL_NAME, progress_bar=False, log_output=False)
    return nbformat.read(str(out_path), as_version=4)


# the notebooks of this checkout: lib/newsframe/report.py -> <checkout>/notebooks
CHECKOUT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def notebooks_folder(notebooks_dir="notebooks") -> Path:
    """``notebooks_dir`` resolved; the default ``notebooks`` falls back to the checkout's notebooks
    when the working folder has none (``python -m newsframe report`` run from another folder)."""
    folder = Path(notebooks_dir).resolve()
    if str(notebooks_dir) == "notebooks" and not folder.is_dir() and CHECKOUT_NOTEBOOKS.is_dir():
        return CHECKOUT_NOTEBOOKS
    return folder


def build_reports(corpus_dir="seeds", *, out_dir="reports", notebooks_dir="notebooks", figures_dir=None,
                  show_code: bool = False, notebooks=None, progress: bool = True, compare_by: str | None = None,
                  parameters: dict | None = None) -> list[dict]:
    """Execute every notebook on ``corpus_dir`` and export it to ``out_dir``.

    Everything a run writes goes under ``out_dir``: the HTML reports, the
    executed notebooks (``executed/``), the CSV tables (``tables/``) and the
    figures as PNG and SVG (``figures/``, unless ``figures_dir`` is given), so
    a run on your own corpus changes no file of the project.
    ``compare_by`` (an article column such as ``country``) is passed to every
    notebook; ``None`` lets each notebook choose (:func:`newsframe.groups.choose_grouping`).
    ``parameters``: more notebook parameters, for all notebooks.

    A notebook that fails does not stop the run: the cells it ran are still
    exported, with the error, and the index says which notebook failed and why.
    Returns one dict per notebook: ``notebook, html, title, summary, seconds, status, error``.
    Also writes ``out_dir/index.html`` and ``out_dir/reports.json``.
    """
    from tqdm.auto import tqdm

    nb_dir = notebooks_folder(notebooks_dir)
    out = Path(out_dir).resolve()
    (out / "executed").mkdir(parents=True, exist_ok=True)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    paths = sorted(Path(p) for p in notebooks) if notebooks else sorted(nb_dir.glob("[0-9]*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"{nb_dir}: no notebooks (00_*.ipynb ...) to run; pass notebooks_dir= "
                                "(--notebooks) the folder that holds them")
    solutions = sorted((nb_dir / "solutions").glob("*.ipynb")) if not notebooks and (nb_dir / "solutions").is_dir() else []
    figures = Path(figures_dir).resolve() if figures_dir is not None else out / "figures"
    params = {"corpus_dir": str(Path(corpus_dir).resolve()), "figures_dir": str(figures),
              "tables_dir": str(out / "tables"), **(parameters or {})}
    if compare_by:
        params["compare_by"] = compare_by
    results = []
    for path in tqdm(paths + solutions, desc="notebooks", disable=not progress):
        results.append(_run_one(path, out, params, show_code=show_code, nb_dir=nb_dir))
    write_index(results, out / "index.html", corpus_dir=str(corpus_dir))
    (out / "reports.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def _failure_reason(exc: BaseException) -> str:
    """One line: the exception's name and message (papermill's wraps the cell's error)."""
    name = getattr(exc, "ename", None) or type(exc).__name__
    value = getattr(exc, "evalue", None) or str(exc)
    line = f"{name}: {value}".strip().splitlines()
    return (line[0] if line else name)[:300]


def _run_one(path: Path, out: Path, params: dict, *, show_code: bool, nb_dir: Path) -> dict:
    """Run and export one notebook; a failure is recorded, never raised."""
    import nbformat

    start = time.perf_counter()
    name = ("solutions_" if path.parent.name == "solutions" else "") + path.stem
    executed_path = out / "executed" / path.name
    target = out / f"{name}.html"
    status, error, executed = "ok", "", None
    try:
        executed = execute_notebook(path, executed_path, parameters=params, cwd=path.parent)
    except Exception as exc:  # noqa: BLE001 - any failure of one notebook must leave the others running
        status, error = "failed", _failure_reason(exc)
        if executed_path.exists():
            try:
                executed = nbformat.read(str(executed_path), as_version=4)
            except Exception:  # noqa: BLE001 - a half-written notebook is reported, not exported
                executed = None
    title = notebook_title(executed, path.stem) if executed is not None else path.stem
    summary = notebook_summary(executed) if executed is not None else ""
    try:
        page = export_html(executed, show_code=show_code) if executed is not None else None
    except Exception as exc:  # noqa: BLE001
        status, error, page = "failed", error or f"export: {_failure_reason(exc)}", None
    if page is None:
        page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
                f"<h1>{html.escape(title)}</h1><p>This notebook failed before it could be exported: "
                f"<code>{html.escape(error)}</code></p></body></html>")
    target.write_text(page, encoding="utf-8")
    rel = str(path.relative_to(nb_dir.parent)) if nb_dir.parent in path.parents else str(path)
    return {"notebook": rel, "html": target.name, "title": title, "summary": summary,
            "seconds": round(time.perf_counter() - start, 1), "status": status, "error": error}


def write_index(results: list[dict], path, *, corpus_dir: str) -> None:
    """``index.html``: one link and one-line summary per report."""
    def row(r):
        failed = r.get("status", "ok") != "ok"
        note = (f'<br><span class="failed">This notebook failed: <code>{html.escape(r.get("error", ""))}</code>. '
                "The report shows the cells that ran; the other reports are complete.</span>") if failed else ""
        return (f'<li><a href="{html.escape(r["html"])}">{html.escape(r["title"])}</a>'
                f'{" (failed)" if failed else ""}<br>'
                f'<span class="summary">{html.escape(r["summary"])}</span>{note}</li>')

    rows = "\n".join(row(r) for r in results)
    n_failed = sum(r.get("status", "ok") != "ok" for r in results)
    failed_line = (f"<p class='failed'><b>{n_failed} of {len(results)} notebooks failed</b>; "
                   "see the notes below.</p>") if n_failed else ""
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsframe reports</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5;padding:0 1em}}
li{{margin:.8em 0}} .summary{{color:#555}} .failed{{color:#a00}}</style></head>
<body><h1>newsframe reports</h1>
<p>How different outlets covered the same story, from the corpus <code>{html.escape(corpus_dir)}</code>.
Each report is one notebook run top to bottom; tables are also in <a href="tables/">tables/</a> as CSV, figures in <a href="figures/">figures/</a>.</p>
{failed_line}<ol>
{rows}
</ol></body></html>
"""
    Path(path).write_text(page, encoding="utf-8")
