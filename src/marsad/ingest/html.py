"""One HTML page: its main text (trafilatura), title, URL, and every publication date the page offers.

The HTML library is imported on the first page, not with marsad: a run of text files never needs it, and an
install whose HTML library cannot load (trafilatura without ``lxml_html_clean``, as an old pip leaves it)
gets one clear error on each HTML document while every other document of the batch is stored.

Dates are gathered, never guessed:

- the page's publication markup (``article:published_time`` and the other meta keys of ``dates.yaml``,
  JSON-LD ``datePublished``, ``itemprop="datePublished"``, ``<time pubdate>``), and its first
  ``<time datetime>``: :class:`DateHint` at the precision written;
- the URL (``/2013/08/28/``, ``/20180508-…``, ``/2013/middle_east/8/3/``): a :class:`DateHint` too;
- the date line of the page header (``الأربعاء، 28 آب/اغسطس 2013``), which the extractor drops with the
  rest of the header: it is put back into the text layer, under the title, so that the pipeline finds it
  in the text like any stated date, with its offsets.

The pipeline's ``pub_date`` stage chooses among them (:func:`marsad.dates.choose_pub_date`).  The date
that trafilatura itself reports is not used: it pads a year-only guess to a day (``2013-01-01``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import Any

from marsad.records import DateHint, DocError, RawDocument

E_HTML_LIBRARY = "{source}: HTML page not read: the HTML library cannot be loaded ({error})"
E_HTML_PARSE = "{source}: HTML could not be parsed ({error})"
E_NO_MAIN_TEXT = "{source}: no main text found in the HTML"

HEADER_LINES = 12  # visible lines above the main text searched for the page's date line
_BLOCK_TAGS = ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
               "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
               "ol", "p", "pre", "section", "table", "td", "th", "time", "tr", "ul")
_HIDDEN_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "svg", "select", "button")
_SPACE_RE = re.compile(r"\s+")


@cache
def _library() -> tuple[ModuleType, Any] | str:
    """trafilatura and its HTML loader, or the message of the ImportError that stopped them."""
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError as exc:
        message = " ".join(str(exc).split()).rstrip(".")
        missing = "lxml_html_clean" if "lxml_html_clean" in message else getattr(exc, "name", None)
        hint = f"pip install {missing.split('.')[0]}" if missing else "reinstall marsad with its dependencies"
        return f"{type(exc).__name__}: {message}. To read HTML: {hint}"
    return trafilatura, load_html


def html_available() -> bool:
    """Whether HTML pages can be read in this install."""
    return not isinstance(_library(), str)


def _failed(doc_id: str, source: str, message: str) -> RawDocument:
    return RawDocument(doc_id=doc_id, text="", source=source, errors=[DocError("ingest", message)])


def html_document(doc_id: str, source: str, html: str, **meta: Any) -> RawDocument:
    """Main text, title, URL and date hints of an HTML page; ``meta`` (title, url, outlet, pub_date) given
    by the container (a JSONL record, a WARC header) wins over what the page says."""
    lib = _library()
    if isinstance(lib, str):
        return _failed(doc_id, source, E_HTML_LIBRARY.format(source=source, error=lib))
    trafilatura, load_html = lib
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        return _failed(doc_id, source, E_HTML_PARSE.format(source=source, error=type(exc).__name__))
    if extracted is None or not (extracted.text or "").strip():
        return _failed(doc_id, source, E_NO_MAIN_TEXT.format(source=source))
    title = (extracted.title or "").strip() or None
    body = extracted.text
    url = meta.get("url") or extracted.url
    hints: list[DateHint] = []
    date_line = None
    try:
        tree = load_html(html)
        if tree is not None:
            hints.extend(markup_dates(tree))
            date_line = header_date_line(tree, body, title)
    except Exception:  # a page whose markup cannot be walked keeps its text; it only offers no date
        hints, date_line = [], None
    hints.extend(DateHint(value, "url", name) for value, name in _url_dates(url))
    # the title first (the extractor often keeps it as the first line), then the header's date line
    rest = body[len(title):].lstrip("\n") if title and body.startswith(title) else body
    text = "\n".join(line for line in (title, date_line, rest) if line)
    return RawDocument(
        doc_id=doc_id,
        text=text,
        source=source,
        title=meta.get("title") or title,
        pub_date=meta.get("pub_date"),
        url=url,
        outlet=meta.get("outlet") or extracted.sitename,
        date_hints=hints,
    )


def _url_dates(url: str | None) -> list[tuple[str, str]]:
    from marsad.dates import url_dates

    return url_dates(url)


# ---- dates in the markup ------------------------------------------------------------------------------

@cache
def _markup_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    from marsad.dates import lexicon

    pub = lexicon().pub
    return frozenset(k.lower() for k in pub["markup_meta"]), tuple(pub["json_ld_keys"])


def markup_dates(tree: Any) -> list[DateHint]:
    """The publication dates the page's markup states, in document order, at the precision written."""
    from marsad.dates import iso_date

    meta_keys, ld_keys = _markup_keys()
    out: list[DateHint] = []
    for el in tree.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key in meta_keys:
                value = iso_date(el.get("content") or "")
                if value:
                    out.append(DateHint(value, "markup", f"meta {key}"))
                break
    for el in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        value = iso_date(el.get("datetime") or el.get("content") or "")
        if value:
            out.append(DateHint(value, "markup", f"{el.tag} itemprop=datePublished"))
    for el in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(el.text or "")
        except ValueError:
            continue
        for key, raw in _json_ld_dates(data, ld_keys):
            value = iso_date(raw)
            if value:
                out.append(DateHint(value, "markup", f"json-ld {key}"))
    first_time = True
    for el in tree.iter("time"):
        value = iso_date(el.get("datetime") or "")
        if not value or el.get("itemprop") == "datePublished":
            continue
        if el.get("pubdate") is not None or "publish" in (el.get("class") or "").lower():
            out.append(DateHint(value, "markup", "time pubdate"))
        elif first_time:
            out.append(DateHint(value, "time", "first <time datetime>"))
            first_time = False
    return out


def _json_ld_dates(data: Any, keys: tuple[str, ...], depth: int = 0) -> Iterator[tuple[str, str]]:
    """``(key, value)`` of every publication date in a JSON-LD block (``@graph`` and lists walked)."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_dates(item, keys, depth + 1)
    elif isinstance(data, dict):
        for key in keys:
            if isinstance(data.get(key), str):
                yield key, data[key]
                break
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), list | dict):
                yield from _json_ld_dates(data[key], keys, depth + 1)


# ---- the date line of the page header -----------------------------------------------------------------

def visible_lines(tree: Any) -> list[str]:
    """The page's visible text, one line per block element, white space collapsed (``tree`` is changed)."""
    from lxml import etree

    etree.strip_elements(tree, *_HIDDEN_TAGS, with_tail=False)
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    for el in tree.iter(*_BLOCK_TAGS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    lines = (_SPACE_RE.sub(" ", line).strip() for line in tree.text_content().split("\n"))
    return [line for line in lines if line]


def header_date_line(tree: Any, body: str, title: str | None = None) -> str | None:
    """The line above the main text that states the page's date, if the main text does not hold it.

    The header is the :data:`HEADER_LINES` visible lines before the first line of the main text; a line
    counts as :func:`marsad.dates.find_pub_date` reads header lines (a publication cue and a date, or a
    line of nothing but a date, a weekday and a time).  The main text's first line is the first one that
    is not the page's ``title`` (the extractor often keeps the headline)."""
    from marsad.dates import find_pub_date

    title = _SPACE_RE.sub(" ", title or "").strip()
    first = next((line for line in body.split("\n")
                  if line.strip() and _SPACE_RE.sub(" ", line).strip() != title), "")
    probe = _SPACE_RE.sub(" ", first).strip()[:40]
    if len(probe) < 10:
        return None
    lines = visible_lines(tree)
    at = next((i for i, line in enumerate(lines) if probe in line), None)
    if at is None:
        return None
    header = lines[max(0, at - HEADER_LINES) : at]
    joined = "\n".join(header)
    hit = find_pub_date(joined)
    if hit is None:
        return None
    start = joined.rfind("\n", 0, hit.start) + 1
    end = joined.find("\n", hit.end)
    line = joined[start : end if end >= 0 else len(joined)]
    return None if line in body else line
