"""Browsing with Datasette: facets, search, canned queries and the item page (test client, then Chromium)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("datasette")

from nlp import db
from nlp.browse import Mark, highlight, make_datasette

from .archive_data import labelled_run


@pytest.fixture(scope="module")
def arkiv(tmp_path_factory) -> Path:
    run = labelled_run()
    out = tmp_path_factory.mktemp("browse") / "arkiv.db"
    db.build([run / "run.jsonl", run / "votes.jsonl"], out)
    return out


def get(ds, path: str) -> tuple[int, str]:
    async def go():
        r = await ds.client.get(path)
        return r.status_code, r.text

    return asyncio.run(go())


def get_raw(ds, path: str) -> tuple[int, bytes, str]:
    async def go():
        r = await ds.client.get(path)
        return r.status_code, r.content, r.headers.get("content-type", "")

    return asyncio.run(go())


def get_json(ds, path: str) -> dict:
    status, text = get(ds, path)
    assert status == 200, text[:500]
    return json.loads(text)


def test_highlight_nests_and_escapes():
    text = "Rådet <godkendte> Aalborg Kommune"
    marks = [Mark(0, len(text), "<e>", "</e>"), Mark(18, 25, "<k>", "</k>"), Mark(18, 33, "<x>", "</x>")]
    assert highlight(text, marks) == "<e>Rådet &lt;godkendte&gt; <x><k>Aalborg</k> Kommune</x></e>"
    # A span that crosses its parent is clipped to it; spans outside the text are dropped.
    assert highlight("abcdef", [Mark(0, 3, "[", "]"), Mark(2, 5, "(", ")"), Mark(4, 99, "<", ">")]) == "[ab(c)]def"


def test_facets_with_danish_columns(arkiv):
    ds = make_datasette(arkiv)
    con = sqlite3.connect(arkiv)
    data = get_json(ds, "/arkiv/punkter.json?_facet=råd&_facet=år&_facet=type&_facet_array=udfald_liste&_size=0")
    facets = data["facet_results"]
    want_rad = dict(con.execute("SELECT m.council, count(*) FROM items i JOIN meetings m USING (doc_id) "
                                "WHERE m.council IS NOT NULL GROUP BY m.council"))  # Datasette leaves nulls out
    assert {f["value"]: f["count"] for f in facets["råd"]["results"]} == want_rad
    want_type = dict(con.execute("SELECT item_type, count(*) FROM items WHERE item_type IS NOT NULL "
                                 "GROUP BY item_type"))
    assert {f["value"]: f["count"] for f in facets["type"]["results"]} == want_type
    udsat = con.execute("SELECT count(*) FROM items, json_each(items.outcome) WHERE json_each.value = 'udsat'")
    assert {f["value"]: f["count"] for f in facets["udfald_liste"]["results"]}["udsat"] == udsat.fetchone()[0]
    # The default outcome facet counts label sets ("droeftet, godkendt"), a plain indexed column.
    sets = dict(con.execute("SELECT outcome, count(*) FROM items WHERE outcome != '[]' GROUP BY outcome"))
    assert {f["value"]: f["count"] for f in facets["udfald"]["results"]} == \
        {", ".join(sorted(json.loads(k))): v for k, v in sets.items()}
    # The metadata's default facets (council, year, kind, type, outcome, municipality) are on the view.
    default = get_json(ds, "/arkiv/punkter.json?_size=0")["facet_results"]
    assert {"råd", "år", "art", "type", "udfald", "kommune"} <= set(default)
    # A facet value filters, as an analyst clicks it.
    fyn = get_json(ds, "/arkiv/punkter.json?råd=RAR+Fyn&_shape=objects&_size=100")
    assert fyn["rows"] and {r["råd"] for r in fyn["rows"]} == {"RAR Fyn"}


def test_full_text_search(arkiv):
    ds = make_datasette(arkiv)
    data = get_json(ds, "/arkiv/punkter.json?_search=anlægsgartner&_shape=objects")
    con = sqlite3.connect(arkiv)
    want = {r for (r,) in con.execute("SELECT item_id FROM items WHERE text LIKE '%anlægsgartner%'")}
    assert want and {r["punkt"] for r in data["rows"]} == want
    both = get_json(ds, "/arkiv/punkter.json?_search=positivliste&råd=RAR+Fyn&_shape=objects")
    assert both["rows"] and all(r["råd"] == "RAR Fyn" for r in both["rows"])


def test_canned_queries(arkiv):
    ds = make_datasette(arkiv)
    pos = get_json(ds, "/arkiv/beslutninger_om_positivlisten.json?_shape=objects")["rows"]
    assert pos and all("ositivliste" in (r["titel"] + (r["beslutning"] or "")) for r in pos)
    udsat = get_json(ds, "/arkiv/udsatte_punkter.json?_shape=objects")["rows"]
    con = sqlite3.connect(arkiv)
    assert len(udsat) == con.execute("SELECT count(*) FROM labels WHERE task = 'outcome' AND label = 'udsat' "
                                     "AND superseded = 0").fetchone()[0] > 0
    kommune, code = con.execute("SELECT norm, ent_id FROM entities WHERE label = 'MUNICIPALITY' LIMIT 1").fetchone()
    named = {r for (r,) in con.execute("SELECT DISTINCT item_id FROM entities WHERE norm = ?", (kommune,))}
    by_name = get_json(ds, f"/arkiv/punkter_om_en_kommune.json?kommune={kommune}&_shape=objects")["rows"]
    by_code = get_json(ds, f"/arkiv/punkter_om_en_kommune.json?kommune={code}&_shape=objects")["rows"]
    assert {r["punkt"] for r in by_name} == {r["punkt"] for r in by_code} >= named


def _item_with_entities(arkiv: Path) -> tuple[str, list[tuple[str, str]], list[tuple[str, str, str]]]:
    con = sqlite3.connect(arkiv)
    iid = con.execute("SELECT e.item_id FROM entities e JOIN labels l USING (item_id) JOIN items i USING (item_id) "
                      "JOIN meetings m USING (doc_id) WHERE l.task = 'outcome' AND l.evidence_section = 'beslutning' "
                      "AND m.source_path IS NOT NULL GROUP BY e.item_id ORDER BY count(*) DESC, e.item_id LIMIT 1"
                      ).fetchone()[0]
    ents = con.execute("SELECT e.label, e.text FROM entities e JOIN sections s ON s.item_id = e.item_id "
                       "AND e.start >= s.start AND e.end <= s.end WHERE e.item_id = ?", (iid,)).fetchall()
    labels = con.execute("SELECT task, label, evidence_text FROM labels WHERE item_id = ? AND evidence_section "
                         "NOT IN ('header') AND evidence_text IS NOT NULL", (iid,)).fetchall()
    return iid, ents, labels


def test_item_page_highlights_evidence_and_entities(arkiv):
    from lxml import html as lhtml

    ds = make_datasette(arkiv)
    iid, ents, labels = _item_with_entities(arkiv)
    status, page = get(ds, f"/arkiv/items/{iid}")
    assert status == 200
    tree = lhtml.fromstring(page)
    marks = tree.xpath('//div[@class="rar-item"]//mark[@class="entity"]')
    shown = {(m.get("data-label"), m.text_content().rsplit(m.xpath('span')[0].text_content(), 1)[0]) for m in marks}
    assert set(ents) <= shown
    for m in marks:  # each span carries its label and confidence, displaCy-style
        assert m.xpath('span[@class="entity-label"]')[0].text_content().split(" · ")[1].replace(".", "").isdigit()
    ev = tree.xpath('//div[@class="rar-item"]//mark[@class="evidence"]')
    assert {(m.get("data-task"), m.get("data-label")) for m in ev} >= {(t, lab) for t, lab, _ in labels}
    for task, label, text in labels:
        m = next(m for m in ev if (m.get("data-task"), m.get("data-label")) == (task, label))
        assert m.text_content().startswith(text)
    link = tree.xpath('//a[@class="rar-source"]')[0].get("href")
    status, body, ctype = get_raw(ds, link.split("#")[0])
    con = sqlite3.connect(arkiv)
    source = Path(con.execute("SELECT source_path FROM meetings m JOIN items i USING (doc_id) WHERE i.item_id = ?",
                              (iid,)).fetchone()[0])
    assert status == 200 and body == source.read_bytes()
    assert ctype.startswith("application/pdf" if source.suffix == ".pdf" else "text/plain")
    gone = con.execute("SELECT doc_id FROM meetings WHERE source_path IS NULL").fetchone()[0]
    status, body = get(ds, f"/-/kilde/arkiv/{gone}")
    assert status == 404 and "findes ikke" in body


def test_item_page_links_to_the_pdf_page(arkiv):
    ds = make_datasette(arkiv)
    con = sqlite3.connect(arkiv)
    iid, page = con.execute("SELECT item_id, page FROM items WHERE page > 1 LIMIT 1").fetchone()
    status, html = get(ds, f"/arkiv/items/{iid}")
    assert status == 200 and f"#page={page}" in html and f"side {page}" in html
    assert 'href="/arkiv/items/' in get(ds, "/arkiv/punkter")[1]  # the view links rows to item pages


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run does this)")
    probe = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "about:blank"],
                           capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"Chromium cannot run here: {probe.stderr.strip()[-300:]}")
    return exe


@pytest.mark.slow
def test_item_page_in_headless_chromium(arkiv, tmp_path):
    """`rar-nlp browse` serving, a real browser loading an item page: the highlights are there and coloured."""
    from lxml import html as lhtml
    from PIL import Image

    exe = _chromium()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "nlp.cli", "browse", str(arkiv), "--port", str(port)],
                              env=dict(os.environ, HF_HUB_OFFLINE="1"), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    pytest.fail("rar-nlp browse did not start")
                time.sleep(0.3)
        iid, ents, labels = _item_with_entities(arkiv)
        url = f"{base}/arkiv/items/{iid}"
        flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}"]
        dom = subprocess.run([exe, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
        tree = lhtml.fromstring(dom)
        marks = tree.xpath('//div[@class="rar-item"]//mark')
        assert {m.get("data-label") for m in marks if m.get("class") == "entity"} >= {lab for lab, _ in ents}
        assert {(m.get("data-task"), m.get("data-label")) for m in marks if m.get("class") == "evidence"} >= \
            {(t, lab) for t, lab, _ in labels}
        shot = tmp_path / "punkt.png"
        subprocess.run([exe, *flags, "--window-size=1200,3000", f"--screenshot={shot}", url],
                       capture_output=True, timeout=120, check=True)
        colours = {rgb for _, rgb in Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24)}
        # The entity and evidence backgrounds were painted (displaCy colours of the labels on the page).
        from nlp.browse import ENTITY_COLOURS, EVIDENCE_COLOUR

        for label in {lab for lab, _ in ents} | {"EVIDENCE"}:
            hexcode = EVIDENCE_COLOUR if label == "EVIDENCE" else ENTITY_COLOURS[label]
            rgb = tuple(int(hexcode[i:i + 2], 16) for i in (1, 3, 5))
            assert rgb in colours, f"no {label} highlight ({hexcode}) painted"
    finally:
        server.terminate()
        server.wait(10)
