"""DuckDB store: versioned schema, idempotent per-batch writes, read-only queries."""

from marsad.store.db import SCHEMA_VERSION, Store, event_record, open_store

__all__ = ["SCHEMA_VERSION", "Store", "event_record", "open_store"]
