"""marsad — Arabic news to structured, deduplicated, traceable political event data."""

__version__ = "0.1.0"
