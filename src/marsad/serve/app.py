"""The HTTP API and web UI of ``marsad serve`` (FastAPI).

The server owns one DuckDB connection (:class:`marsad.store.Store`) and every request thread reads through
its own cursor (``store.cursor()``).  Reads are open unless ``token_reads`` is set; writes (``POST
/api/documents``) need the bearer token of ``MARSAD_TOKEN`` and are refused when none is configured.  With
``inbox`` set, a background thread also ingests the files dropped into that folder (:mod:`marsad.serve.inbox`);
both write through one :class:`~marsad.serve.writer.StoreWriter`, and the store is opened read-write whenever
a token or an inbox is configured.  Every query argument is validated before it reaches SQL, and errors come
back as small JSON objects, never as stack traces.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import hmac
import io
import json
import logging
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.serve import queries
from marsad.serve.inbox import Inbox
from marsad.serve.queries import ACTOR_KINDS, EVENT_TYPES, SORT_COLUMNS, STATUSES, EventFilter
from marsad.serve.writer import StoreWriter
from marsad.store import Store

log = logging.getLogger("marsad.serve")

MAX_BODY = 5 * 1024 * 1024  # bytes of one POST body
MAX_DOCS = 100  # documents in one POST
MAX_DOWNLOAD = 100_000  # events in one CSV/JSON download
MAX_OFFSET = 10_000_000
INBOX_INTERVAL = 0.5
CACHE_SIZE = 512  # answers
CACHE_MAX_BYTES = 512 * 1024  # of one cached answer

WEB_DIR = Path(str(resources.files("marsad").joinpath("web")))

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
# the OpenAPI page starts Swagger UI with one inline script
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


@dataclass(frozen=True)
class ServeSettings:
    """Everything ``marsad serve`` is configured with (passed down, never read from globals)."""

    db: str = "marsad.duckdb"
    token: str | None = None  # the bearer token (MARSAD_TOKEN); None: writes refused
    token_reads: bool = False  # reads need the token too
    max_body: int = MAX_BODY
    max_docs: int = MAX_DOCS
    inbox: str | None = None  # a folder polled for files to ingest (marsad.serve.inbox); None: no inbox
    inbox_interval: float = INBOX_INTERVAL  # seconds between two polls of the inbox
    cache_size: int = CACHE_SIZE  # GET /api answers kept until the next write (0: none)
    processes: int | None = None  # pipeline worker processes (0: in the server); None: 1 with an inbox, else 0


class _SecurityHeaders:
    """A pure ASGI middleware adding the security headers to every response."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == "/docs" else CSP

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _Json(JSONResponse):
    """A JSON answer encoded directly (FastAPI's ``jsonable_encoder`` walk costs ~10x ``json.dumps`` on a
    page of events; every value here is already JSON: dicts, lists, strings, numbers)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class _ReadCache:
    """A pure ASGI middleware keeping the answers of ``GET /api/…`` until the next write.

    The server is the only writer of its database (DuckDB allows one owner), and every write goes through
    its :class:`~marsad.serve.writer.StoreWriter`, which counts them: an answer computed at the current
    count is still exact.  The count is read before the answer is computed, so an answer that raced a write
    is never stored as current.  After a write of the inbox (which nobody waits for) the previous answer is
    served while one background request computes the new one, so readers never queue behind a write; after
    a write through the API (``POST /api/documents``) answers are always recomputed (read-your-writes).
    Requests for an answer being computed wait for it rather than computing it again.  Downloads and answers
    over ``CACHE_MAX_BYTES`` are not kept; with ``token_reads`` the cache is off (every read checks the token).
    """

    def __init__(self, app: Any, writer: StoreWriter, size: int):
        self.app = app
        self.writer = writer
        self.size = size
        # both touched by the event loop only
        self.entries: OrderedDict[bytes, tuple[int, list, bytes]] = OrderedDict()
        self.pending: dict[bytes, tuple[int, asyncio.Future]] = {}
        self.tasks: set[asyncio.Task] = set()

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") != "GET" or not path.startswith("/api/")
                or path.endswith((".csv", ".json")) or b"format=" in scope.get("query_string", b"")):
            await self.app(scope, receive, send)
            return
        key = (scope.get("raw_path") or path.encode()) + b"?" + scope.get("query_string", b"")
        generation = self.writer.generation
        hit = self.entries.get(key)
        if hit is not None and hit[0] == generation:
            self.entries.move_to_end(key)
            await self._send(send, hit[1], hit[2])
            return
        usable = hit is not None and hit[0] >= self.writer.fresh_from  # a previous answer that may be served
        running = self.pending.get(key)
        if usable and (running is None or running[0] != generation):
            self._refresh(key, generation, scope)
        if usable:
            self.entries.move_to_end(key)
            await self._send(send, hit[1], hit[2])
            return
        if running is not None and running[0] == generation:
            answer = await asyncio.shield(running[1])
            if answer is not None:
                await self._send(send, *answer)
                return
            await self.app(scope, receive, send)
            return
        future = asyncio.get_running_loop().create_future()
        self.pending[key] = (generation, future)
        answer = None
        try:
            answer = await self._compute(scope, receive, send)
        finally:
            if self.pending.get(key, (None, None))[1] is future:
                del self.pending[key]
            future.set_result(answer)  # None: the waiters answer for themselves
        if answer is not None:
            self._keep(key, generation, answer)

    def _refresh(self, key: bytes, generation: int, scope: dict) -> None:
        """Compute the answer of ``key`` at ``generation`` in the background (the asker got the previous one)."""
        future = asyncio.get_running_loop().create_future()
        self.pending[key] = (generation, future)
        asked = {"n": 0}

        async def receive() -> dict:
            asked["n"] += 1
            return {"type": "http.request", "body": b"", "more_body": False} if asked["n"] == 1 else {
                "type": "http.disconnect"}

        async def discard(message: dict) -> None:
            pass

        async def run() -> None:
            answer = None
            try:
                answer = await self._compute(dict(scope), receive, discard)
            except Exception:
                log.exception("refreshing %s failed", key[:200])
            finally:
                if self.pending.get(key, (None, None))[1] is future:
                    del self.pending[key]
                future.set_result(answer)
            if answer is not None:
                self._keep(key, generation, answer)
            elif (old := self.entries.get(key)) is not None and old[0] < generation:
                del self.entries[key]  # no new answer to keep (an error?): the next asker computes it

        task = asyncio.get_running_loop().create_task(run())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def _keep(self, key: bytes, generation: int, answer: tuple[list, bytes]) -> None:
        old = self.entries.get(key)
        if old is None or old[0] <= generation:
            self.entries[key] = (generation, *answer)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    @staticmethod
    async def _send(send: Callable, headers: list, body: bytes) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _compute(self, scope: dict, receive: Callable, send: Callable) -> tuple[list, bytes] | None:
        """Answer the request, and return (headers, body) when the answer may be kept."""
        start: dict[str, Any] = {}
        body: list[bytes] = []
        state = {"size": 0, "complete": False}

        async def capture(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and state["size"] <= CACHE_MAX_BYTES:
                chunk = message.get("body", b"")
                body.append(chunk)
                state["size"] += len(chunk)
                state["complete"] = not message.get("more_body", False)
            await send(message)

        await self.app(scope, receive, capture)
        if start.get("status") == 200 and state["complete"] and state["size"] <= CACHE_MAX_BYTES:
            return list(start.get("headers", [])), b"".join(body)
        return None


def _problem(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _valid_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: not a real date (YYYY-MM-DD)") from None
    return value


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


DateQ = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
IdText = r"^[^\x00-\x1f\x7f]+$"  # any printable text: ids are compared as parameters, never spliced into SQL


def event_filter(
    type: Annotated[list[str] | None, Query(max_length=16, description="PLOVER event type(s); repeat or "
                                            "comma-separate")] = None,
    mode: Annotated[list[str] | None, Query(max_length=16, description="event mode(s)")] = None,
    status: Annotated[list[str] | None, Query(max_length=5, description="occurred | scheduled | planned | "
                                              "denied | hypothetical")] = None,
    actor: Annotated[str | None, Query(max_length=200, pattern=IdText, description="an actor id")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Z]{3}$", description="PLOVER country code of an actor "
                                         "or of the location")] = None,
    date_from: DateQ = None,
    date_to: DateQ = None,
    topic: Annotated[str | None, Query(pattern=r"^[a-z_]{1,50}$", description="a marsad topic")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="text in the evidence, the "
                                   "title or an actor's name")] = None,
    doc_id: Annotated[str | None, Query(max_length=500, pattern=IdText)] = None,
    canonical_only: Annotated[bool, Query(description="one report per real-world (canonical) event")] = False,
) -> EventFilter:
    types = _split(type, "type", 16)
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise HTTPException(422, f"type: unknown event type {bad[0][:40]!r} (one of {', '.join(EVENT_TYPES)})")
    modes = _split(mode, "mode", 16)
    if any(not m.replace("_", "").replace("-", "").isalpha() or len(m) > 40 or not m.isascii() for m in modes):
        raise HTTPException(422, "mode: a mode is a lower-case word such as phone, visit, aerial")
    statuses = _split(status, "status", 5)
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise HTTPException(422, f"status: unknown status {bad[0][:40]!r} (one of {', '.join(STATUSES)})")
    _valid_date(date_from, "date_from")
    _valid_date(date_to, "date_to")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, "date_from is after date_to")
    return EventFilter(types=types, modes=modes, statuses=statuses, actor=actor, country=country,
                       date_from=date_from, date_to=date_to, topic=topic, q=q, doc_id=doc_id,
                       canonical_only=canonical_only)


def _split(values: list[str] | None, name: str, most: int) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or []:
        out += [p.strip() for p in v.split(",") if p.strip()]
    if len(out) > most:
        raise HTTPException(422, f"{name}: at most {most} values")
    return tuple(dict.fromkeys(out))


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=500, description="page size (at most 500)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Sort = Annotated[Literal[tuple(SORT_COLUMNS)], Query(description="sort column")]  # type: ignore[valid-type]
Order = Annotated[Literal["asc", "desc"], Query()]


def create_app(settings: ServeSettings, store: Store | None = None) -> FastAPI:
    """The FastAPI application over the store at ``settings.db`` (or the given open store).

    Answers of ``GET /api/…`` are cached until the next write through the app (``settings.cache_size``):
    whoever passes an open store must not write to it behind the app's back, or set ``cache_size=0``.
    """
    owned = store is None
    if store is None:
        # without a token or an inbox nothing is ever written: open read-only so other readers may share the file
        store = Store(settings.db, read_only=not (settings.token or settings.inbox))
    processes = settings.processes if settings.processes is not None else (1 if settings.inbox else 0)
    writer = StoreWriter(store, processes=processes if not store.read_only else 0)
    inbox = Inbox(settings.inbox, writer, interval=settings.inbox_interval) if settings.inbox else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        writer.start()
        if inbox is not None:
            inbox.start()
        try:
            yield
        finally:
            if inbox is not None:
                await run_in_threadpool(inbox.stop)
            await run_in_threadpool(writer.close)
            if owned:
                store.close()

    def require_token(request: Request) -> None:
        expected = settings.token
        if not expected:
            raise HTTPException(403, "no token is configured on this server (set MARSAD_TOKEN)")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    def read_guard(request: Request) -> None:
        if settings.token_reads:
            require_token(request)

    app = FastAPI(
        title="marsad API",
        version="1",
        description="Arabic news as PLOVER event data: documents, events, canonical events, actors, network, "
                    "timeline. Reads are open unless the server runs with `--token-reads`; `POST /api/documents` "
                    "needs `Authorization: Bearer $MARSAD_TOKEN`.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    api = APIRouter(prefix="/api", dependencies=[Depends(read_guard)])
    if settings.cache_size > 0 and not settings.token_reads:
        app.add_middleware(_ReadCache, writer=writer, size=settings.cache_size)
    app.add_middleware(_SecurityHeaders)  # added last: outermost, so cached answers get the headers too
    app.state.store = store
    app.state.settings = settings
    app.state.inbox = inbox

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))[:300]}
                  for e in exc.errors()[:20]]
        return _problem(422, "invalid request", detail=detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        resp = _problem(exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error on %s %s", request.method, request.url.path)
        return _problem(500, "internal error")

    # -- documents -------------------------------------------------------------------------------
    @api.get("/documents", tags=["documents"], summary="Stored documents, newest first")
    def documents(limit: Limit = 50, offset: Offset = 0,
                  q: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
                  outlet: Annotated[str | None, Query(max_length=200, pattern=IdText)] = None,
                  date_from: DateQ = None, date_to: DateQ = None) -> dict:
        _valid_date(date_from, "date_from")
        _valid_date(date_to, "date_to")
        return _Json(queries.list_documents(store, limit, offset, q, outlet, date_from, date_to))

    @api.get("/documents/{doc_id:path}", tags=["documents"],
             summary="One document: text, stories, boilerplate, entities, events, figures, dates (with offsets)")
    def document(doc_id: Annotated[str, PathParam(max_length=500, pattern=IdText)]) -> dict:
        doc = queries.get_document(store, doc_id)
        if doc is None:
            raise HTTPException(404, "no such document")
        return _Json(doc)

    @api.post("/documents", tags=["documents"], status_code=201,
              summary="Ingest documents (input JSONL format); needs the bearer token",
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                  "oneOf": [{"$ref": "#/components/schemas/InputDocument"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/InputDocument"},
                             "maxItems": MAX_DOCS}]}}}}},
              responses={401: {"description": "missing or wrong token"}, 403: {"description": "no token "
                         "configured"}, 413: {"description": "body too large"}, 422: {"description": "bad input"}})
    async def post_documents(request: Request) -> JSONResponse:
        require_token(request)
        body = await _read_body(request, settings.max_body)
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise HTTPException(400, "the body is not valid JSON (UTF-8)") from None
        items = payload if isinstance(payload, list) else [payload]
        if not isinstance(payload, list | dict):
            raise HTTPException(400, "send a document object or a list of them")
        if not items:
            raise HTTPException(400, "the list of documents is empty")
        if len(items) > settings.max_docs:
            raise HTTPException(413, f"at most {settings.max_docs} documents in one request")
        raws, problems = await run_in_threadpool(_parse, items)  # HTML extraction is slow: off the loop
        ids = [r.doc_id for r in raws]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            problems.append({"index": None, "message": f"doc id {dup[0][:100]!r} is sent twice"})
        if problems:
            return _problem(422, "invalid documents; nothing was stored", problems=problems)
        result = await run_in_threadpool(_ingest, raws)
        return JSONResponse(result, status_code=201)

    def _ingest(raws: list) -> dict[str, Any]:
        res = writer.write(raws, run_id=f"api-{uuid.uuid4().hex}")
        return {"written": res.written, "unchanged": res.unchanged, "merged": res.merged,
                "documents": [{"doc_id": d.doc_id, "stories": len(d.stories), "entities": len(d.entities),
                               "events": len(d.events), "figures": len(d.figures),
                               "errors": [e.as_dict() for e in d.errors]} for d in res.docs]}

    # -- events ----------------------------------------------------------------------------------
    @api.get("/events", tags=["events"], summary="Events, filtered, sorted and paged (or downloaded)")
    def events(f: Filter, limit: Annotated[int | None, Query(ge=1, le=MAX_DOWNLOAD, description=(
                   "page size: at most 500, or up to 100000 with format=csv/json"))] = None,
               offset: Offset = 0, sort: Sort = "date", order: Order = "desc",
               format: Annotated[Literal["page", "csv", "json"], Query(
                   description="page: a JSON page; csv/json: a download of every matching event")] = "page"):
        if format != "page":
            return _download(f, format, limit or MAX_DOWNLOAD, offset, sort, order)
        if limit is not None and limit > 500:
            raise HTTPException(422, "limit: at most 500 (use format=csv or format=json to download more)")
        return _Json(queries.list_events(store, f, limit or 50, offset, sort, order))

    @api.get("/events.csv", tags=["events"], summary="Download the filtered events as CSV")
    def events_csv(f: Filter, limit: Annotated[int, Query(ge=1, le=MAX_DOWNLOAD)] = MAX_DOWNLOAD,
                   offset: Offset = 0, sort: Sort = "date", order: Order = "desc") -> Response:
        return _download(f, "csv", limit, offset, sort, order)

    @api.get("/events.json", tags=["events"], summary="Download the filtered events as a JSON array")
    def events_json(f: Filter, limit: Annotated[int, Query(ge=1, le=MAX_DOWNLOAD)] = MAX_DOWNLOAD,
                    offset: Offset = 0, sort: Sort = "date", order: Order = "desc") -> Response:
        return _download(f, "json", limit, offset, sort, order)

    def _download(f: EventFilter, fmt: str, limit: int, offset: int, sort: str, order: str) -> Response:
        rows = queries.iter_events(store, f, limit, offset, sort, order)
        if fmt == "csv":
            buf = io.StringIO()
            buf.write("\ufeff")  # so that spreadsheets read the Arabic as UTF-8
            w = csv.writer(buf)
            w.writerow(queries.CSV_COLUMNS)
            for rec in rows:
                w.writerow(queries.csv_row(rec))
            return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="marsad-events.csv"'})
        data = json.dumps(list(rows), ensure_ascii=False)
        return Response(data, media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="marsad-events.json"'})

    @api.get("/events/{event_id:path}", tags=["events"],
             summary="One event, with its document, canonical event and the other reports of it")
    def event(event_id: Annotated[str, PathParam(max_length=600, pattern=IdText)]) -> dict:
        ev = queries.get_event(store, event_id)
        if ev is None:
            raise HTTPException(404, "no such event")
        return _Json(ev)

    @api.get("/canonical/{cid:path}", tags=["events"], summary="One real-world event and all its reports")
    def canonical(cid: Annotated[str, PathParam(max_length=200, pattern=IdText)]) -> dict:
        rec = queries.get_canonical(store, cid)
        if rec is None:
            raise HTTPException(404, "no such canonical event")
        return _Json(rec)

    # -- actors and aggregates -------------------------------------------------------------------
    @api.get("/actors", tags=["actors"], summary="Actors by number of events, then of documents")
    def actors(limit: Limit = 50, offset: Offset = 0,
               q: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
               kind: Annotated[Literal[ACTOR_KINDS] | None, Query()] = None,  # type: ignore[valid-type]
               country: Annotated[str | None, Query(pattern=r"^[A-Z]{3}$")] = None) -> dict:
        return _Json(queries.list_actors(store, limit, offset, q, kind, country))

    @api.get("/actors/{actor_id}", tags=["actors"],
             summary="One actor: names, roles (knowledge base and observed), events by type, counterparts")
    def actor(actor_id: Annotated[str, PathParam(max_length=200, pattern=IdText)]) -> dict:
        rec = queries.get_actor(store, actor_id)
        if rec is None:
            raise HTTPException(404, "no such actor")
        return _Json(rec)

    @api.get("/network", tags=["aggregates"],
             summary="Actor–actor edges weighted by the events both took part in")
    def network(f: Filter, min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
                max_edges: Annotated[int, Query(ge=1, le=2000)] = 300) -> dict:
        return _Json(queries.network(store, f, min_weight, max_edges))

    @api.get("/timeline", tags=["aggregates"], summary="Event counts by day (or month) and type")
    def timeline(f: Filter, interval: Annotated[Literal["day", "month"], Query()] = "day") -> dict:
        return _Json(queries.timeline(store, f, interval))

    @api.get("/stats", tags=["aggregates"], summary="Counts of the store")
    def stats() -> dict:
        out = queries.stats(store)
        out["event_types"] = list(EVENT_TYPES)
        out["statuses"] = list(STATUSES)
        out["countries"] = queries.countries_seen(store)
        out["writable"] = bool(settings.token) and not store.read_only
        if inbox is not None:
            out["inbox"] = inbox.status.as_dict()
        return _Json(out)

    # -- the web UI and the OpenAPI page -------------------------------------------------------
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="marsad API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.include_router(api)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    app.openapi_schema = None
    _add_input_schema(app)
    return app


def _parse(items: list) -> tuple[list, list[dict[str, Any]]]:
    """Input-format records to raw documents, and what is wrong with them."""
    from marsad.ingest.readers import jsonl_record

    raws, problems = [], []
    for i, rec in enumerate(items):
        raw = jsonl_record(rec, f"document {i}", f"api-{i}", "api")
        if raw.errors:
            problems.append({"index": i, "message": raw.errors[0].message[:500]})
        elif raw.pub_date and not _is_date(raw.pub_date):
            problems.append({"index": i, "message": f"document {i}: \"pub_date\" is not a real date"})
        raws.append(raw)
    return raws, problems


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPException(400, "bad Content-Length")
        if int(declared) > limit:
            raise HTTPException(413, f"the body is larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _add_input_schema(app: FastAPI) -> None:
    """Document the input-format object of ``POST /api/documents`` in the OpenAPI schema."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("schemas", {})["InputDocument"] = {
            "type": "object",
            "required": ["id"],
            "description": "One document in the input JSONL format; `text` or `html` is required.",
            "properties": {
                "id": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
                "title": {"type": "string"}, "pub_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                "url": {"type": "string"}, "outlet": {"type": "string"},
            },
        }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
