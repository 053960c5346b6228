"""HTML rendering: a full page, one block element per gold line.

Two page styles: ``web`` (a municipal web page: menu, cookie banner, accordions per item, the
item list as a table) and ``print`` (a document converted to HTML: headings and paragraphs).
Inline markup never splits a line: a run-in heading is ``<p><strong>Beslutning:</strong>
Godkendt.</p>``, a glued one ``<p><strong>Beslutning</strong>Godkendt.</p>``.
"""

from __future__ import annotations

from html import escape

from .model import Block, GoldLine

TAG = {"title": "h1", "h2": "h2", "h3": "h3", "label": "p", "p": "p", "meta": "p", "ui": "div", "sig": "p",
       "toc": "li", "li": "li"}
CSS = ("body{font-family:Arial,Helvetica,sans-serif;max-width:60em;margin:auto}"
       ".meta{color:#555;font-size:90%}.ui{font-size:80%;color:#06c}.punkt{border-top:1px solid #ccc}"
       "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}")


def _inline(blk: Block) -> str:
    if blk.prefix is not None and blk.text.startswith(blk.prefix):
        return f"<strong>{escape(blk.prefix)}</strong>{escape(blk.text[len(blk.prefix):])}"
    if blk.kind == "label":
        return f"<strong>{escape(blk.text)}</strong>"
    return escape(blk.text)


def render_html(blocks: list[Block], *, title: str, web: bool, item_attrs: dict,
                lang: str = "da") -> tuple[bytes, list[GoldLine]]:
    out = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    gold: list[GoldLine] = []
    open_list: str | None = None
    open_table = False
    open_item: int | None = None

    def close_list():
        nonlocal open_list, open_table
        if open_list:
            out.append(f"</{open_list}>")
            open_list = None
        if open_table:
            out.append("</tbody></table>")
            open_table = False

    out.append('<main id="indhold">' if web else '<div class="dokument">')
    for blk in blocks:
        # item containers: one <section class="punkt"> per item
        in_item = blk.item
        if in_item != open_item:
            close_list()
            if open_item is not None:
                out.append("</section>")
                open_item = None
            if in_item is not None:
                amap = dict(item_attrs.get(in_item, {}))
                if blk.kind == "attr":
                    amap["data-title"] = blk.text
                attrs = "".join(f' {k}="{escape(str(v))}"' for k, v in amap.items())
                out.append(f'<section class="punkt" id="punkt-{in_item + 1}"{attrs}>')
                open_item = in_item
        content = None
        if blk.role == "section" and blk.prefix is not None:
            content = blk.text[len(blk.prefix):].strip()
        gold.append(GoldLine(blk.text, blk.role, blk.section, content, blk.item,
                             blk.in_section if blk.role == "body" else None))
        if blk.kind == "attr":
            continue  # printed as the data-title of the item's <section>
        if blk.kind == "row":
            if open_list:
                out.append(f"</{open_list}>")
                open_list = None
            if not open_table:
                out.append('<table class="punktliste"><tbody>')
                open_table = True
            cell = "th" if blk.role == "furniture" else "td"
            out.append("<tr>" + "".join(f"<{cell}>{escape(c)}</{cell}>" for c in (blk.cells or [blk.text])) + "</tr>")
            continue
        if blk.kind in ("li", "toc"):
            want = "ul"
            if open_table:
                out.append("</tbody></table>")
                open_table = False
            if open_list != want:
                if open_list:
                    out.append(f"</{open_list}>")
                cls = "toc" if blk.kind == "toc" else "liste"
                out.append(f'<ul class="{cls}">')
                open_list = want
            out.append(f"<li>{_inline(blk)}</li>")
            continue
        close_list()
        tag = TAG.get(blk.kind, "p")
        if blk.role == "item" and web:
            tag = "h2"
        cls = {"meta": ' class="meta"', "ui": ' class="ui"', "sig": ' class="underskrift"'}.get(blk.kind, "")
        if blk.kind == "ui":
            out.append(f'<div class="{blk.css or "ui"}"><a href="#">{_inline(blk)}</a></div>')
        else:
            out.append(f"<{tag}{cls}>{_inline(blk)}</{tag}>")
    close_list()
    if open_item is not None:
        out.append("</section>")
    out.append("</main>" if web else "</div>")
    out += ["</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8"), gold
