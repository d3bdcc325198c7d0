"""``marsad serve``: the HTTP API and the web UI over a marsad store (FastAPI)."""

from marsad.serve.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
