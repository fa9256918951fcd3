"""Data files and user overrides."""
import pytest

from newsframe import resources


def test_shipped_files_have_source_comments():
    for f in resources.DATA_DIR.iterdir():
        if f.suffix in {".txt", ".csv"}:
            head = f.read_text(encoding="utf-8").lstrip()[:1]
            assert head == "#", f"{f.name} lacks a '#' comment naming its source"


def test_user_file_is_layered(tmp_path, monkeypatch):
    (tmp_path / "outlet_words.txt").write_text("# mine\nBulletin\n")
    monkeypatch.setenv("NEWSFRAME_DATA", str(tmp_path))
    words = resources.read_lines("outlet_words.txt")
    assert "Bulletin" in words and "Times" in words


def test_missing_data_file():
    with pytest.raises(FileNotFoundError):
        resources.read_lines("no_such_file.txt")
