"""Events: PLOVER event records from the stories of a document (see ``spec/plover.md``)."""

from marsad.events.extract import EventExtractor, extract_events
from marsad.events.lexicon import EventLexicon, lexicon

__all__ = ["EventExtractor", "EventLexicon", "extract_events", "lexicon"]
