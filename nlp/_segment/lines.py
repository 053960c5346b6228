"""Lines of the normalised text, each with the reader's layout block it starts in."""

from __future__ import annotations

import bisect

from .types import Line


def split_lines(text: str, blocks: list[dict] | None = None) -> list[Line]:
    """Non-blank lines with offsets, blank-line context and (when the reader kept them) blocks.

    blocks: dicts with normalised ``start``/``end`` and typography (``bold``, ``size``, ``tag``, ...),
    sorted by start; a line gets the block that contains its first character.
    """
    out: list[Line] = []
    pos, blank = 0, False
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            if out:
                out[-1].blank_after = blank
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos = end + 1
    if blocks:
        starts = [b["start"] for b in blocks]
        for ln in out:
            k = bisect.bisect_right(starts, ln.start) - 1
            if k >= 0 and blocks[k]["start"] <= ln.start < max(blocks[k]["end"], blocks[k]["start"] + 1):
                ln.block = blocks[k]
                ln.first_in_block = ln.start <= blocks[k]["start"] + 1
    return out
