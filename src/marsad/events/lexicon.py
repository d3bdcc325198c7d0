"""The event vocabulary (``data/lexicons/events.yaml``, ``topics.yaml``) compiled for matching.

Every word pattern of a trigger is expanded into the set of normalized surface forms it stands for
(verb conjugations, noun endings); the code knows only the *shape* of Arabic inflection, the words
themselves are data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from marsad.resources import load_yaml
from marsad.text.normalize import normalize_key

_PAST_SUFFIXES = ("", "ت", "ا", "وا", "تا", "نا", "ه", "ها", "هم", "هما", "تها", "ته", "تهم", "وه", "وها", "وهم")
_PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
_PRESENT_SUFFIXES = ("", "ان", "ون", "ه", "ها", "هم", "هما", "انه", "ونه")
_NOUN_SUFFIXES = ("", "ا", "ات", "ين", "ان", "ه", "ها", "هم", "هما", "نا")
_TA_SUFFIXES = ("ه", "ها", "هم", "هما", "ي", "نا", "ين", "ان")
FUTURE_PREFIX = "س"


@dataclass(frozen=True, slots=True)
class Trigger:
    index: int
    type: str
    mode: str | None
    direction: str
    words: tuple[frozenset[str], ...]  # the forms each word may take
    future_forms: frozenset[str]  # forms of the first word that carry the future prefix
    is_verb: bool
    needs_marker: frozenset[str] = frozenset()
    gap: int = 0  # words that may stand between the verb and the next word of its phrase
    genitive_target: bool = False  # a noun whose genitive is the one acted on ("مقتل عميد"، "اعتقال ناشط")
    needs_word: frozenset[str] = frozenset()  # forms of which one must stand in the sentence (empty: none needed)
    after: frozenset[str] = frozenset()  # when set, the word before the trigger (actors aside) is one of these
    intercepts: bool = False  # an event only when it intercepts a projectile ("تصدت الدفاعات لصواريخ")


@dataclass(frozen=True, slots=True)
class EventLexicon:
    triggers: tuple[Trigger, ...]
    by_first: dict[str, tuple[Trigger, ...]]
    mode_rank: tuple[str, ...]
    plover_mode: dict[str, str | None]
    target_markers: frozenset[str]
    anaphora_starts: tuple[str, ...]
    group_nouns: frozenset[str]
    not_triggers: frozenset[str]
    demonstratives: frozenset[str]
    dual_refs: frozenset[str]
    actorless: frozenset[str]
    one_per_story: frozenset[str]
    mode_apart: frozenset[str]
    purpose_types: frozenset[str]
    lone_needs_actor: frozenset[str]
    lone_min_sentences: int
    retaliation: tuple[tuple[str, ...], ...]
    asked_types: frozenset[str]
    asking_types: frozenset[str]
    asking_reach: int
    one_per_speaker: frozenset[str]
    consult_not_parties: frozenset[str]
    government_words: tuple[str, ...]
    verbs_not_nouns: frozenset[str]
    noun_after: frozenset[str]
    body_sessions: bool
    speaker_types: frozenset[str]
    speech_verbs: frozenset[str]
    complementizers: frozenset[str]
    own_side: frozenset[str]
    verb_particles: frozenset[str]
    speech_reach: int
    nisba_author_types: frozenset[str]
    nisba_reach: int
    intercept_acts: frozenset[str]
    origin_markers: dict[str, frozenset[str]]
    named_by_place: frozenset[str]
    nisba_target_markers: dict[str, frozenset[str]]
    projectiles: frozenset[str]
    nisba_between: frozenset[str]
    veto: dict[str, frozenset[str]]
    habitual: frozenset[str]
    habitual_reach: int
    count_nouns: frozenset[str]
    contexts: dict[str, list[str]]
    status: dict[str, tuple[str, ...]]
    status_near: frozenset[str]
    status_after: frozenset[str]
    status_after_window: int
    status_window: int
    loc_preps: frozenset[str]
    loc_not_after: frozenset[str]
    attr_cues: tuple[str, ...]
    attr_reach: int
    attr_source_words: frozenset[str]
    topics: dict[str, tuple[tuple[str, bool], ...]]  # topic -> (cue, open-ended)
    topic_automaton: Any  # every topic cue: cue -> (its length, ((topic, open-ended), ...)), one scan a text


def verb_forms(past: str, stem: str) -> tuple[set[str], set[str]]:
    """(forms, future forms) of a verb given its past form and imperfect stem (without prefix)."""
    forms: set[str] = set()
    if past.endswith(("ي", "ا")):  # weak final: التقى -> التقت التقيا التقوا التقاه
        base = past[:-1]
        forms |= {past, base + "ت", base + "يا", base + "وا", base + "اه", base + "اها", base + "اهم", base + "يت",
                  base + "ينا"}
    else:
        forms |= {past + s for s in _PAST_SUFFIXES}
    future: set[str] = set()
    if stem:
        present = set()
        for p in _PRESENT_PREFIXES:
            for s in _PRESENT_SUFFIXES:
                present.add(p + stem + s)
            if stem.endswith(("ي", "و")):  # weak: يلتقي يلتقون، jussive لم يلتق
                present |= {p + stem[:-1] + "ون", p + stem[:-1] + "ان", p + stem + "ان", p + stem[:-1]}
        forms |= present
        future = {FUTURE_PREFIX + f for f in present if not f.startswith("ا")}
        forms |= future
    return forms, future


def noun_forms(word: str) -> set[str]:
    out = {word + s for s in _NOUN_SUFFIXES}
    if word.endswith("اء"):  # hamza on a carrier before a suffix: لقاء -> لقائه (normalized لقايه)
        base = word[:-1]
        out |= {base + c + s for c in ("ي", "و") for s in _TA_SUFFIXES}
    if word.endswith("ه"):  # ta marbuta: زياره -> زيارته زيارتها زيارات
        base = word[:-1]
        out |= {base + "ت" + s for s in _TA_SUFFIXES} | {base + "ات", base + "تين", base + "تان", base + "يه"}
    return out


def _word(pattern: str) -> tuple[set[str], set[str], bool]:
    if "/" in pattern:
        past, stem = pattern.split("/", 1)
        f, fut = verb_forms(normalize_key(past), normalize_key(stem))
        return f, fut, True
    if pattern.endswith("*"):
        return noun_forms(normalize_key(pattern[:-1])), set(), False
    return {normalize_key(pattern)}, set(), False


def _forms(patterns: list[str]) -> frozenset[str]:
    """Every form the patterns stand for (:func:`_word`; a verb's future forms aside)."""
    return frozenset(f for w in patterns for f in _word(w)[0])


def _keys(items: list[str]) -> tuple[str, ...]:
    return tuple(normalize_key(x) for x in items)


def _topic_automaton(topics: dict[str, tuple[tuple[str, bool], ...]]) -> Any:
    """An Aho-Corasick automaton of every topic cue, so that a text's topics are found in one pass."""
    by_cue: dict[str, list[tuple[str, bool]]] = {}
    for topic, cues in topics.items():
        for cue, open_end in cues:
            by_cue.setdefault(cue, []).append((topic, open_end))
    a = ahocorasick.Automaton()
    for cue, owners in by_cue.items():
        a.add_word(cue, (len(cue), tuple(owners)))
    a.make_automaton()
    return a


@cache
def lexicon() -> EventLexicon:
    spec: dict[str, Any] = load_yaml("lexicons", "events.yaml")
    triggers: list[Trigger] = []
    by_first: dict[str, list[Trigger]] = {}
    for entry in spec["triggers"]:
        for form in entry["forms"]:
            words, future, is_verb = [], frozenset(), False
            for i, pat in enumerate(form.split()):
                f, fut, verb = _word(pat)
                words.append(frozenset(f))
                if i == 0:  # "verb: true": literal forms that are verbs ("تدعم"، "دعمت")
                    future, is_verb = frozenset(fut), verb or bool(entry.get("verb"))
            t = Trigger(len(triggers), entry["type"], entry.get("mode"), entry.get("direction", "subject"),
                        tuple(words), future, is_verb, frozenset(_keys(entry.get("needs_marker", []))),
                        int(entry.get("gap", 0)), entry.get("genitive") == "target",
                        _forms(entry.get("needs_word", [])),
                        _forms(entry.get("after", [])),
                        bool(entry.get("intercepts")))
            triggers.append(t)
            for f in t.words[0]:
                by_first.setdefault(f, []).append(t)
    status = {k: _keys(v) for k, v in spec["status"].items() if isinstance(v, list) and k not in ("near_only", "after_scheduled")}
    topics_spec = load_yaml("lexicons", "topics.yaml")["topics"]
    topics = {
        name: tuple((normalize_key(c.rstrip("*")), c.endswith("*")) for c in cues) for name, cues in topics_spec.items()
    }
    return EventLexicon(
        triggers=tuple(triggers),
        by_first={k: tuple(v) for k, v in by_first.items()},
        mode_rank=tuple(spec["mode_rank"]),
        plover_mode=dict(spec["plover_mode"]),
        target_markers=frozenset(_keys(spec["target_markers"])),
        anaphora_starts=_keys(spec["anaphora_starts"]),
        group_nouns=frozenset(_keys(spec["group_nouns"])),
        not_triggers=frozenset(_keys(spec["not_triggers"])),
        demonstratives=frozenset(_keys(spec["demonstratives"])),
        dual_refs=frozenset(_keys(spec["dual_refs"])),
        actorless=frozenset(spec.get("actorless", [])),
        one_per_story=frozenset(spec.get("one_per_story", [])),
        mode_apart=frozenset(spec.get("mode_apart", [])),
        purpose_types=frozenset(spec.get("purpose_types", [])),
        lone_needs_actor=frozenset(spec.get("lone_needs_actor", [])),
        lone_min_sentences=int(spec.get("lone_min_sentences", 3)),
        retaliation=tuple(tuple(c.split()) for c in _keys(spec.get("retaliation", []))),
        asked_types=frozenset(spec.get("asked_types", [])),
        asking_types=frozenset(spec.get("asking_types", [])),
        asking_reach=int(spec.get("asking_reach", 0)),
        one_per_speaker=frozenset(spec.get("one_per_speaker", [])),
        consult_not_parties=frozenset(spec.get("consult_not_parties", [])),
        government_words=tuple(spec.get("government_words", [])),
        verbs_not_nouns=frozenset(spec.get("verbs_not_nouns", [])),
        noun_after=frozenset(_keys(spec.get("noun_after", []))),
        body_sessions=bool(spec.get("body_sessions", True)),
        speaker_types=frozenset((spec.get("speaker") or {}).get("types", [])),
        speech_verbs=_forms((spec.get("speaker") or {}).get("verbs", [])),
        complementizers=frozenset(_keys((spec.get("speaker") or {}).get("complementizers", []))),
        own_side=frozenset(_keys((spec.get("speaker") or {}).get("own_side", []))),
        verb_particles=frozenset(_keys((spec.get("speaker") or {}).get("verb_particles", []))),
        speech_reach=int((spec.get("speaker") or {}).get("speech_reach", 0)),
        nisba_author_types=frozenset(spec.get("nisba_author_types", [])),
        nisba_reach=int(spec.get("nisba_reach", 0)),
        origin_markers={t: frozenset(_keys(v)) for t, v in (spec.get("origin_markers") or {}).items()},
        named_by_place=_forms(spec.get("named_by_place", [])),
        nisba_target_markers={t: frozenset(_keys(v)) for t, v in (spec.get("nisba_target_markers") or {}).items()},
        intercept_acts=_forms((spec.get("interception") or {}).get("acts", [])),
        projectiles=_forms((spec.get("interception") or {}).get("projectiles", [])),
        nisba_between=frozenset(_keys(spec.get("nisba_between", []))),
        veto={t: _forms(words) for t, words in (spec.get("veto") or {}).items()},
        habitual=frozenset(_keys(spec.get("habitual", []))),
        habitual_reach=int(spec.get("habitual_reach", 0)),
        count_nouns=frozenset(_keys(spec["count_nouns"])),
        contexts={k: list(v) for k, v in spec["contexts"].items()},
        status=status,
        status_near=frozenset(_keys(spec["status"]["near_only"])),
        status_after=frozenset(_keys(spec["status"].get("after_scheduled", []))),
        status_after_window=int(spec["status"].get("after_window", 0)),
        status_window=int(spec["status"]["near_window"]),
        loc_preps=frozenset(_keys(spec["location"]["preps"])),
        loc_not_after=frozenset(_keys(spec["location"]["not_after"])),
        attr_cues=tuple(sorted(_keys(spec["attribution"]["cues"]), key=len, reverse=True)),
        attr_reach=int(spec["attribution"]["reach"]),
        attr_source_words=frozenset(_keys(spec["attribution"]["source_words"])),
        topics=topics,
        topic_automaton=_topic_automaton(topics),
    )
