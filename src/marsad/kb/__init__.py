"""The knowledge base of actors, countries, organizations and places (data in ``marsad/data/kb``)."""

from marsad.kb.loader import KB, KBEntry, Role, Surface, load_kb, nisba_forms

__all__ = ["KB", "KBEntry", "Role", "Surface", "load_kb", "nisba_forms"]
