"""The web UI in a real browser: Playwright driving Debian's chromium against ``marsad serve`` on loopback.

The server runs with uvicorn in a thread on a free 127.0.0.1 port over a store built from the example
corpus (see ``test_api.build_db``).  Each main view is saved to ``docs/screenshots/``.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from test_api import TOKEN, build_db

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
XSS_TITLE = "<img src=x onerror=\"window.__xss='title'\">عنوان"
XSS_TEXT = ("خبر اختبار 😀\n😀 التقى وزير الخارجية الأمريكي أنتوني بلينكن في القاهرة وزير الخارجية المصري سامح شكري."
            "\n<script>window.__xss='script';alert(1)</script>\n<img src=x onerror=\"window.__xss='img';alert(2)\">"
            "\n<b onclick=alert(3)>نص</b>\n")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="browser tests need Debian's chromium at /usr/bin/chromium "
                                       "(apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):

    from marsad.serve import ServeSettings, create_app

    db = build_db(tmp_path_factory.mktemp("ui") / "marsad.duckdb")
    yield from serve_in_thread(create_app(ServeSettings(db=str(db), token=TOKEN)))


def serve_in_thread(app):
    """Run the app with uvicorn on a free loopback port in a thread; yield its base URL, then stop it."""
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    # CSP is bypassed so that the page itself is shown to be safe (and Playwright may evaluate scripts)
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar", bypass_csp=True)
    pg = ctx.new_page()
    pg.set_default_timeout(8000)
    pg.dialogs = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready='1']")
    yield pg
    ctx.close()


def _shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(1100)  # let the chart animations settle
    pg.screenshot(path=str(SHOTS / name))


def test_timeline_rtl_and_filter(page, server):
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.wait_for_selector("#timeline-chart canvas")
    _shot(page, "timeline.png")
    page.select_option("#f-type", "ACCUSE")
    page.click("#f-apply")
    page.goto(server + "/#/events")
    page.wait_for_selector("#events-table tbody tr td .badge")
    badges = page.locator("#events-table tbody td:nth-child(2) .badge")
    assert badges.count() >= 1
    assert set(badges.evaluate_all("els => els.map(e => e.title)")) == {"ACCUSE"}
    assert "type=ACCUSE" in page.get_attribute("#dl-csv", "href")
    assert not page.errors


def test_network(page, server):
    page.goto(server + "/#/network")
    page.wait_for_selector("#network-chart canvas")
    page.wait_for_function("document.getElementById('network-note').textContent.length > 0")
    assert page.text_content("#network-note").split()[0] != "0"
    _shot(page, "network.png")
    assert not page.errors


def test_events_table_sort_and_search(page, server):
    page.goto(server + "/#/events")
    page.wait_for_selector("#events-table tbody tr[data-event-id]")
    n = page.locator("#events-table tbody tr[data-event-id]").count()
    assert n >= 6
    _shot(page, "events.png")
    page.click("#events-table th[data-sort='date']")  # desc -> asc
    page.wait_for_selector("#events-table th.sorted-asc")
    page.fill("#f-q", "الحوثي")
    page.click("#f-apply")
    page.wait_for_function(f"document.querySelectorAll('#events-table tbody tr[data-event-id]').length < {n}")
    texts = page.locator("#events-table tbody tr[data-event-id]").all_inner_texts()
    assert texts and all("الحوثي" in t for t in texts)


def test_document_evidence_highlight(page, server):
    page.goto(server + "/#/documents")
    page.wait_for_selector("#docs-table tbody a")
    page.click("#docs-table tbody a:has-text('بلينكن يلتقي رئيس وزراء قطر في الدوحة')")
    page.wait_for_selector("#doc-text .seg")
    assert page.locator("#doc-text .seg.ent-person").count() >= 2
    assert page.locator("#doc-text .seg.date").count() >= 1
    assert page.locator("#doc-text .story-head").count() >= 1
    event_id = "wire-2024-06-11-doha#0:t0"
    page.click(f"#doc-events li[data-event-id='{event_id}']")
    page.wait_for_selector("#doc-text .seg.sel")
    selected = "".join(page.locator("#doc-text .seg.sel.ev").all_text_contents())
    evidence = page.evaluate("id => state.doc.events.find(e => e.event_id === id).evidence.text", event_id)
    assert selected == evidence
    assert "active" in page.get_attribute(f"#doc-events li[data-event-id='{event_id}']", "class")
    # the text shown is the document's text, character for character
    shown = page.evaluate("Array.from(document.getElementById('doc-text').childNodes)"
                          ".filter(n => !(n.classList && n.classList.contains('story-head')))"
                          ".map(n => n.textContent).join('')")
    assert shown == page.evaluate("state.doc.text")
    _shot(page, "document.png")
    assert not page.errors


def test_actor_page(page, server):
    page.goto(server + "/#/events")
    page.click("#events-table a.actor-link[title='antony_blinken'] >> nth=0")
    page.wait_for_function("document.getElementById('actor-name').textContent.includes('Antony Blinken')")
    assert page.locator("#actor-roles tbody tr").count() >= 1
    assert page.locator("#actor-counterparts tbody a[title='mohammed_bin_abdulrahman_al_thani']").count() == 1
    page.wait_for_selector("#actor-types canvas")
    _shot(page, "actor.png")


def test_english_toggle(page):
    page.click("#lang")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.text_content(".tabs a[data-view='events']") == "Events"
    page.click("#lang")
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_xss_payload_is_inert(page, server):
    doc = {"id": "xss-<img src=x onerror=alert(9)>", "title": XSS_TITLE, "text": XSS_TEXT,
           "pub_date": "2024-07-02", "outlet": "<script>alert(4)</script>"}
    req = urllib.request.Request(server + "/api/documents", data=json.dumps(doc).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 201
    page.goto(server + "/#/documents")
    page.wait_for_selector("#docs-table tbody a")
    assert page.locator("#docs-table tbody a", has_text="عنوان").count() == 1
    page.click("#docs-table tbody a:has-text('عنوان')")
    page.wait_for_selector("#doc-text .seg")
    text = page.text_content("#doc-text")
    assert "<script>window.__xss='script';alert(1)</script>" in text
    assert "<img src=x onerror=" in text
    assert page.text_content("#doc-title") == XSS_TITLE
    # offsets past a character outside the BMP (the emoji) still land on the right words
    persons = page.locator("#doc-text .seg.ent-person").all_text_contents()
    assert "أنتوني بلينكن" in persons or "بلينكن" in persons, persons
    assert page.locator("#doc-text img, #doc-text script, #doc-text b, #doc-title img, main img").count() == 0
    page.goto(server + "/#/events")
    page.wait_for_selector("#events-table tbody tr")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == [] and not page.errors
