"""Exported reports: self-contained, escaped, and clean in a real browser."""
import re
import shutil

import nbformat
import pytest

from newsframe.report import build_reports, export_html, sanitize_outputs

from conftest import ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
EVIL = ('Evil page\n\nThe <script>alert("pwned")</script> minister said the talks would resume next year, officials '
        'said on Friday in Seoul. The summit <img src=x onerror=alert(2)> ended without a deal, '
        'according to reporters who attended the meeting.\n\n'
        'A second paragraph follows with enough ordinary words to count as article text for the cleaner.\n')


def open_in_browser(path, screenshot):
    """Open a file in headless Chromium; return (js errors, failed or external requests, dialogs)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "chromium is missing: `make setup` installs Debian's chromium"
    errors, bad_requests, dialogs = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: bad_requests.append(r.url))
        page.on("request", lambda r: bad_requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()
    return errors, bad_requests, dialogs


def test_every_notebook_exported_with_index(seed_reports):
    out, results = seed_reports
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
    assert [r["html"] for r in results][: len(notebooks)] == [f"{n}.html" for n in notebooks]
    index = (out / "index.html").read_text()
    for r in results:
        assert f'href="{r["html"]}"' in index and r["summary"]


@pytest.mark.parametrize("check", ["toc", "embedded_images", "no_external_scripts", "code_hidden"])
def test_report_pages_are_self_contained(seed_reports, check):
    out, results = seed_reports
    for r in results:
        page = (out / r["html"]).read_text()
        if check == "toc":
            assert '<nav class="newsframe-toc"' in page
        elif check == "embedded_images":
            assert "data:image/png;base64" in page
            assert not re.search(r'<img[^>]+src="(?!data:)', page)
        elif check == "no_external_scripts":
            assert not re.search(r'<script[^>]+src=', page) and not re.search(r'<link[^>]+href="https?:', page)
        elif check == "code_hidden":
            assert "hl-ipython3" not in page  # no highlighted code cell


def test_reports_open_cleanly_in_chromium(seed_reports):
    out, results = seed_reports
    shots = ROOT / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name in ["index.html"] + [r["html"] for r in results]:
        errors, bad, dialogs = open_in_browser(out / name, shots / (name.replace(".html", ".png")))
        assert errors == [] and bad == [] and dialogs == [], (name, errors, bad, dialogs)


def test_article_markup_is_shown_as_text_never_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "0000_evil.txt").write_text(EVIL)
    shutil.copy(SEEDS / "000_c40e52543c5c9a5f.txt", corpus)
    results = build_reports(corpus, out_dir=tmp_path / "out", notebooks_dir=ROOT / "notebooks",
                            figures_dir=tmp_path / "figs", progress=False,
                            parameters={"article_to_inspect": "0000_evil"})  # notebook 00 prints this page's body
    for r in results:
        page = (tmp_path / "out" / r["html"]).read_text()
        assert not re.search(r"<script>alert", page, re.I), r["html"]
        assert not re.search(r"<img[^>]*onerror", page, re.I), r["html"]
        errors, bad, dialogs = open_in_browser(tmp_path / "out" / r["html"], tmp_path / f"{r['html']}.png")
        assert dialogs == [] and errors == [], (r["html"], dialogs, errors)
    corpus_page = (tmp_path / "out" / "00_corpus.html").read_text()
    # the cleaner removed the stray markup from the prose (the line audit keeps it); the prose is shown
    assert "The minister said the talks would resume next year" in corpus_page
    assert "pwned" not in corpus_page


def test_sanitize_outputs_removes_handlers_keeps_tables():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<table><tr><td style="color: red">ok</td></tr></table><img src=x onerror=alert(1)><script>alert(1)</script>'})]
    nb.cells = [cell]
    html = sanitize_outputs(nb).cells[0].outputs[0]["data"]["text/html"]
    assert "<td" in html and 'style="color: red;"' in html
    assert not re.search(r"<img[^>]*onerror", html) and "<script" not in html


def test_show_code_option_shows_inputs(seed_reports):
    out, _ = seed_reports
    nb = nbformat.read(out / "executed" / "00_corpus.ipynb", as_version=4)
    assert "hl-ipython3" in export_html(nb, show_code=True)
    assert "hl-ipython3" not in export_html(nb, show_code=False)


def _tiny_notebook(path, source):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiny\n\nA notebook for the report tests."),
                nbformat.v4.new_code_cell("corpus_dir = ''\nfigures_dir = ''\ntables_dir = ''", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, str(path))


def test_a_failing_notebook_leaves_the_others_exported(tmp_path):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _tiny_notebook(nbs / "01_fails.ipynb", "print('before the error')\nraise ValueError('the corpus has no dates')")
    _tiny_notebook(nbs / "02_works.ipynb", "print('fine')")
    results = build_reports(SEEDS, out_dir=tmp_path / "out", notebooks_dir=nbs, progress=False)
    by_name = {r["html"]: r for r in results}
    assert by_name["01_fails.html"]["status"] == "failed"
    assert "ValueError" in by_name["01_fails.html"]["error"] and "no dates" in by_name["01_fails.html"]["error"]
    assert by_name["02_works.html"]["status"] == "ok" and by_name["02_works.html"]["error"] == ""
    assert "before the error" in (tmp_path / "out" / "01_fails.html").read_text()  # the cells that ran are shown
    assert "fine" in (tmp_path / "out" / "02_works.html").read_text()
    index = (tmp_path / "out" / "index.html").read_text()
    assert "1 of 2 notebooks failed" in index and "no dates" in index


def test_report_writes_figures_under_its_output_folder(seed_reports):
    out, _ = seed_reports
    assert any((out / "figures").glob("*.png")) and any((out / "figures").glob("*.svg"))
    assert any((out / "tables").glob("*.csv"))


def test_a_folder_without_notebooks_is_an_error_not_an_empty_report(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebooks"):
        build_reports(SEEDS, out_dir=tmp_path / "out", notebooks_dir=tmp_path, progress=False)


def test_the_default_notebooks_are_found_from_another_working_folder(tmp_path, monkeypatch):
    from newsframe.report import notebooks_folder

    monkeypatch.chdir(tmp_path)
    assert notebooks_folder("notebooks") == ROOT / "notebooks"
    assert notebooks_folder(tmp_path / "mine") == tmp_path / "mine"   # a folder named by the user is kept
