"""Reading raw pages: from a folder of dumps to one row per article and an audit of every line.

The reading side of newsframe, bottom to top (notebook 00 shows what it did):

* :mod:`.decoding`: bytes to text (encoding detection, mojibake repair with ftfy, HTML given where text
  was expected turned into text) with a clear error naming the file when the input is not text;
* :mod:`.formats`: the input formats (text dumps, HTML, JSONL, CSV, gzip of these) as one stream of
  documents, with the manifest's and the records' columns;
* :mod:`.clean`: the line classifier that keeps the article body and labels every other line
  (navigation, related headlines, ads, comments ...; docs/cleaning.md);
* :mod:`.page_fields`: the learned scorer that picks the headline, the publication date and the outlet
  among the candidate lines of a page (docs/page_fields_model.md);
* :mod:`.meta`: dates, bylines, datelines and credits read off the text;
* :mod:`.dedup`: near-duplicate pages (MinHash over word 5-grams);
* :mod:`.corpus`: :func:`load_corpus`, which runs all of these over a corpus: one row per article
  with every manifest column, and the line audit where every input line ends with its label and reason.

For corpora larger than memory, :func:`newsframe.scale.build` runs the same reading in partitions.
"""
from __future__ import annotations

from .corpus import (CorpusWarning, Page, label_counts, load_corpus, overview, read_page, removed_lines)
from .decoding import InputError, decode_bytes, html_to_text, looks_like_html, repair_text
from .dedup import duplicates_table, flag_duplicates
from .formats import (FORMATS, WARNINGS_SHOWN, Document, InputProblem, detect_format, input_problems, iter_documents,
    list_inputs, warn_files)
from .meta import extract_metadata, find_credits, parse_dates
from .clean import assemble_body, classify_lines, label_lines
