"""Cut a scraped page into stories and boilerplate.

The page is read line by line.  Each line is classified from cue words (data:
``lexicons/boilerplate.yaml``) and from its shape (short headline vs. paragraph).  The first run of
paragraphs is the main story; a tags line, a source line, a related-articles list or a share bar
closes it, and paragraphs that come after such a close (usually behind a "read also" header and a
headline) form an *appended* story: another article the page carries.  A "read also" list in the
middle of the main story is boilerplate inside the story's extent and the story goes on after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from marsad.clean.schema import FILE, check_spec
from marsad.records import Boilerplate, Story
from marsad.resources import load_yaml
from marsad.text.normalize import NormText, normalize, normalize_key

_LINE_RE = re.compile(r"[^\n]+")
_SENT_END_RE = re.compile(r"[.!؟?…:»\"”]\s*$|[.!؟?]\s*[\"”»']\s*$")
# "القاهرة (رويترز) - قال …": an agency in a wire dateline, not a photo credit
_DATELINE_RE = re.compile(r"^\S+(?:\s\S+)?\s*\([^()]{1,40}\)\s*[-–—]")
_BULLET_RE = re.compile(r"^[\s•·●▪■◦*\-–—]+")


@dataclass(frozen=True, slots=True)
class _Cues:
    headers: tuple[tuple[str, str], ...]  # (normalized cue, kind), longest first
    lines: tuple[tuple[str, str], ...]
    header_re: re.Pattern[str]
    lines_re: re.Pattern[str]
    anywhere: tuple[tuple[str, str], ...]  # (normalized cue, kind): page furniture whatever its first words
    anywhere_re: re.Pattern[str]
    anywhere_ac: Any  # the same cues as one Aho-Corasick automaton (None if a cue normalizes to nothing)
    anywhere_words: int
    caption: tuple[str, ...]
    story_end: frozenset[str]
    para_words: int
    caption_words: int
    header_extra: int
    date_line_words: int


@cache
def _cues() -> _Cues:
    spec = check_spec(load_yaml(*FILE))

    def pairs(section: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
        out = [(normalize_key(c), kind) for kind, cues in section.items() for c in cues]
        return tuple(sorted(out, key=lambda p: len(p[0]), reverse=True))

    headers, lines, anywhere = pairs(spec["headers"]), pairs(spec["lines"]), pairs(spec["anywhere"])
    return _Cues(
        headers=headers,
        lines=lines,
        header_re=_alternation(headers),
        lines_re=_alternation(lines),
        anywhere=anywhere,
        anywhere_re=_alternation(anywhere),
        anywhere_ac=_automaton(anywhere),
        anywhere_words=spec["anywhere_max_words"],
        caption=tuple(normalize_key(c) for c in spec["caption_anywhere"]),
        story_end=frozenset(spec["story_end"]),
        para_words=spec["paragraph_words"],
        caption_words=spec["caption_max_words"],
        header_extra=spec["header_max_extra_words"],
        date_line_words=spec["date_line_max_words"],
    )


def _alternation(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One anchored regex over all cues, longest first, so a line is tested in one pass."""
    return re.compile("|".join(f"(?:{re.escape(c)})" for c, _ in pairs))


def _automaton(pairs: tuple[tuple[str, str], ...]) -> Any:
    """An automaton from each cue to ``(cue, kind)``, the kind its first entry gives."""
    if not pairs or any(not c for c, _ in pairs):
        return None
    a = ahocorasick.Automaton()
    for c, kind in pairs:
        if c not in a:
            a.add_word(c, (c, kind))
    a.make_automaton()
    return a


def _anywhere_kind(norm: str, cues: _Cues) -> str | None:
    """The kind of the cue the line holds: the leftmost, the longest there (what a search of the
    longest-first alternation finds), in one pass of the automaton instead of a regex trying every cue at
    every letter."""
    if cues.anywhere_ac is None:
        m = cues.anywhere_re.search(norm)
        return next(k for c, k in cues.anywhere if c == m.group()) if m else None
    best: tuple[int, int, str] | None = None
    for end, (c, kind) in cues.anywhere_ac.iter(norm):
        key = (end - len(c) + 1, -len(c), kind)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    norm: str
    words: int
    kind: str = "text"  # text | headline | paragraph | <boilerplate kind>
    header: bool = False
    bullet: bool = False
    title: bool = False  # the page's own title, as its container gave it: never a caption or a nav line


@dataclass(slots=True)
class Layout:
    stories: list[Story] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)


def _starts_with_cue(norm: str, cue: str) -> bool:
    if not norm.startswith(cue):
        return False
    rest = norm[len(cue) :]
    return not rest or not rest[0].isalnum() or cue.endswith((":", "|", " "))


def _cues_at_start(norm: str, regex: re.Pattern[str], pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The cues a line starts with (usually none: one regex test rules them all out)."""
    if not regex.match(norm):
        return []
    return [(c, k) for c, k in pairs if norm.startswith(c)]


def _classify(line: _Line, cues: _Cues) -> None:
    norm = line.norm.strip(" :|-–—•·*")
    for cue, kind in _cues_at_start(norm, cues.header_re, cues.headers):
        if _starts_with_cue(norm, cue):
            extra = len(norm[len(cue) :].split())
            if extra <= cues.header_extra:
                line.kind, line.header = kind, True
                return
    for cue, kind in _cues_at_start(norm, cues.lines_re, cues.lines):
        if _starts_with_cue(norm, cue):
            # a share/nav word that opens a real sentence is not a bar ("شارك الآلاف في مسيرة …")
            if kind in ("share", "nav", "byline") and line.words > 8:
                continue
            line.kind = kind
            return
    if line.words <= cues.anywhere_words:
        kind = _anywhere_kind(norm, cues)
        if kind:
            line.kind = kind
            return
    if line.words <= cues.date_line_words and _is_date_line(line.text):
        line.kind = "date"
        return
    if line.words <= cues.caption_words and not line.bullet and any(c in line.norm for c in cues.caption) \
            and not _DATELINE_RE.match(line.text):
        line.kind = "caption"
        return
    if "|" in line.text and line.words <= 6:
        line.kind = "byline"
        return
    ends_sentence = bool(_SENT_END_RE.search(line.text))
    if line.bullet:
        # a list item: a headline unless it is a whole paragraph
        line.kind = "paragraph" if line.words >= 2 * cues.para_words and ends_sentence else "headline"
    elif line.words >= 2 * cues.para_words or (ends_sentence and line.words >= 8):
        line.kind = "paragraph"
    else:
        line.kind = "headline"


@lru_cache(maxsize=4096)
def _is_date_line(text: str) -> bool:
    """A page's date line: nothing but a date, a weekday and a time (``الأربعاء، 28 آب/اغسطس 2013، آخر
    تحديث 14:00``), or a publication cue and a date, as :func:`marsad.dates.find_pub_date` reads them."""
    if not any(map(str.isdigit, text)):
        return False
    from marsad.dates import find_pub_date

    return find_pub_date(text) is not None


def _lines(text: str, nt: NormText) -> list[_Line]:
    """The non-empty lines of the page, found on the normalized text (newlines survive normalization)."""
    out = []
    ntext = nt.text
    for m in _LINE_RE.finditer(ntext):
        line = m.group()
        words = line.split()
        if not words:
            continue
        ns = m.start() + (len(line) - len(line.lstrip()))
        ne = m.end() - (len(line) - len(line.rstrip()))
        s, e = nt.span_to_orig(ns, ne)
        while e > s and text[e - 1].isspace():
            e -= 1
        norm = " ".join(words)
        b = _BULLET_RE.match(norm)
        if b:
            norm = norm[b.end() :]
            if not norm:
                continue
        # the words of the line, unless a bullet was cut off its start
        n = len(norm.split()) if b else len(words)
        out.append(_Line(s, e, text[s:e], norm, n, bullet=bool(b and b.group().strip())))
    return out


def segment_page(doc_id: str, text: str, nt: NormText | None = None, title: str | None = None) -> Layout:
    """Stories and boilerplate of a page's text (offsets into ``text``; ``nt`` its normalization).

    ``title`` is the page's title when its container gave it (an HTML page's headline): the first line, if
    it is that title, stays a headline even above a photo caption."""
    cues = _cues()
    lines = _lines(text, nt if nt is not None else normalize(text))
    for ln in lines:
        _classify(ln, cues)
    if title and lines and lines[0].text == title.strip() and lines[0].kind == "headline":
        lines[0].title = True
    _mark_duplicate_captions(lines)
    _mark_top_captions(lines)

    layout = Layout()
    textual = [i for i, ln in enumerate(lines) if ln.kind in ("headline", "paragraph")]
    # Walk the lines: collect story blocks (lists of line indices).
    blocks: list[tuple[str, list[int], int | None]] = []  # (kind, line indices, title index)
    current: list[int] = []
    current_kind = "main"
    title_idx: int | None = None
    closed = False  # the main story has been closed by a story_end line
    in_list: str | None = None  # inside a read-also / related list
    pending_headlines: list[int] = []

    def flush() -> None:
        nonlocal current, title_idx
        if any(lines[i].kind == "paragraph" for i in current):
            blocks.append((current_kind, current, title_idx))
        else:
            for i in current:
                if lines[i].kind == "headline":
                    lines[i].kind = in_list or "other"
        current, title_idx = [], None

    for i, ln in enumerate(lines):
        if ln.header:
            in_list = ln.kind
            if ln.kind in cues.story_end:
                if current:
                    flush()
                closed = True
            continue
        if ln.kind == "headline" or (in_list and ln.bullet):
            ln.kind = "headline"
            pending_headlines.append(i)
            continue
        if ln.kind == "paragraph":
            if closed and not current:
                # another article after the main one: it starts at its headline, if any
                current_kind = "appended" if blocks else "main"
                title_idx = pending_headlines[-1] if pending_headlines else None
                for h in pending_headlines[:-1]:
                    lines[h].kind = in_list or "other"
                if title_idx is not None:
                    current.append(title_idx)
                pending_headlines = []
                closed = False
                in_list = None
            elif not current:
                current_kind = "main"
                title_idx = pending_headlines[-1] if pending_headlines else None
                for h in pending_headlines[:-1]:
                    lines[h].kind = "nav" if lines[h].words <= 2 else (in_list or "other")
                if title_idx is not None:
                    current.append(title_idx)
                pending_headlines = []
                in_list = None
            else:
                # inside a story: headlines seen since the last paragraph are sub-headings, unless a
                # read-also list introduced them
                for h in pending_headlines:
                    if in_list:
                        lines[h].kind = in_list
                    else:
                        current.append(h)
                pending_headlines = []
                in_list = None
            current.append(i)
            continue
        # a boilerplate line
        if ln.kind in cues.story_end and current:
            flush()
            closed = True
        elif ln.kind in cues.story_end:
            closed = True
    if current and not in_list and pending_headlines and any(lines[i].bullet for i in current) and all(
            lines[h].bullet and _SENT_END_RE.search(lines[h].text) for h in pending_headlines):
        # a list the story tells runs to the page's end ("-ديما جمالي، مرشحة …" … "-ستريدا جعجع، زوجة …."):
        # its last items, sentences that no header introduced, are the story's, not a list of links
        current.extend(pending_headlines)
        pending_headlines = []
    if current:
        flush()
    for h in pending_headlines:
        if lines[h].kind == "headline":
            lines[h].kind = in_list or "other"

    if not blocks and textual:
        # a page with no paragraph at all (a single sentence, a headline list given to the API): its
        # text lines are the story
        for i in textual:
            lines[i].kind = "headline"
        blocks.append(("main", textual, None))
    for n, (kind, idx, t_idx) in enumerate(blocks):
        first, last = lines[min(idx)], lines[max(idx)]
        title = lines[t_idx].text if t_idx is not None else None
        layout.stories.append(
            Story(
                story_id=f"{doc_id}#{n}",
                kind=kind if n else "main",
                start=first.start,
                end=last.end,
                title=title,
                title_start=lines[t_idx].start if t_idx is not None else None,
                title_end=lines[t_idx].end if t_idx is not None else None,
            )
        )
    in_story = {i for _, idx, _ in blocks for i in idx}
    for i, ln in enumerate(lines):
        if i in in_story or ln.kind in ("paragraph", "headline", "text"):
            continue
        layout.boilerplate.append(Boilerplate(ln.start, ln.end, ln.kind))
    return layout


def _mark_duplicate_captions(lines: list[_Line]) -> None:
    """A line repeated right after itself is a photo caption shown twice (alt text + caption)."""
    for a, b in zip(lines, lines[1:], strict=False):
        if a.norm == b.norm and a.words <= 60 and not a.bullet:
            a.kind = b.kind = "caption"
            a.header = b.header = False


def _mark_top_captions(lines: list[_Line]) -> None:
    """Short lines just above a caption line, before any paragraph, belong to the caption block."""
    for i, ln in enumerate(lines):
        if ln.kind == "paragraph":
            return
        if ln.kind == "caption":
            j = i - 1
            while j >= 0 and lines[j].kind == "headline" and not lines[j].title:
                lines[j].kind = "caption"
                j -= 1
