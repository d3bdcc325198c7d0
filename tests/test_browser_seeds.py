"""The seeds in the browser: `marsad run ../shared/corpus/seeds && marsad serve`, then the timeline and the
network show the seeds' events, and seed 004's document view highlights the Austin–Gallant call."""

from __future__ import annotations

import pytest
from conftest import need_seeds
from test_browser import ARGS, CHROMIUM, SHOTS, serve_in_thread

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="browser tests need Debian's chromium at /usr/bin/chromium "
                                       "(apt-get install -y chromium)")


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory):
    from marsad.runner import run
    from marsad.serve import ServeSettings, create_app
    from marsad.store import open_store

    db = tmp_path_factory.mktemp("seeds-ui") / "marsad.duckdb"
    with open_store(db) as store:
        run([need_seeds()], store)
    yield from serve_in_thread(create_app(ServeSettings(db=str(db))))


@pytest.fixture(scope="module")
def seed_page(seed_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        # CSP bypassed only so that Playwright may evaluate its own checks in the page
        ctx = b.new_context(viewport={"width": 1400, "height": 900}, locale="ar", bypass_csp=True)
        pg = ctx.new_page()
        pg.set_default_timeout(8000)
        pg.errors = []
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.goto(seed_server + "/")
        pg.wait_for_selector("body[data-ready='1']")
        yield pg
        b.close()


def test_seed_timeline_and_network(seed_page, seed_server):
    seed_page.wait_for_selector("#timeline-chart canvas")
    seed_page.goto(seed_server + "/#/network")
    seed_page.wait_for_function("document.getElementById('network-note').textContent.length > 0")
    assert seed_page.text_content("#network-note").split()[0] != "0"
    assert not seed_page.errors


def test_seed_004_highlights_the_austin_gallant_call(seed_page, seed_server):
    event = seed_page.evaluate(
        """async () => {
             const r = await fetch('/api/events?doc_id=004_2ef85dfcf069c233&type=CONSULT&limit=50');
             const j = await r.json();
             const items = j.items || j.events || j;
             return items.find(e => JSON.stringify(e).includes('lloyd_austin') && JSON.stringify(e).includes('yoav_gallant'));
           }""")
    assert event, "no Austin–Gallant CONSULT in seed 004"
    seed_page.goto(f"{seed_server}/#/doc/004_2ef85dfcf069c233/{event['event_id']}")
    seed_page.wait_for_selector("#doc-text .seg.sel")
    selected = "".join(seed_page.locator("#doc-text .seg.sel.ev").all_text_contents())
    evidence = seed_page.evaluate("id => state.doc.events.find(e => e.event_id === id).evidence.text",
                                  event["event_id"])
    assert evidence in selected  # the evidence, and any later statement of the same call
    assert "اتصال هاتفي" in evidence and "أوستن" in evidence
    SHOTS.mkdir(parents=True, exist_ok=True)
    seed_page.wait_for_timeout(500)
    seed_page.screenshot(path=str(SHOTS / "seed-004-document.png"))
    assert not seed_page.errors
