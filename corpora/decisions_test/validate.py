"""Checks decisions.jsonl / proposals.jsonl and prints the counts pasted into README.md."""
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = {"godkendt", "taget_til_efterretning", "droeftet", "besluttet", "udsat", "afvist", "ingen_beslutning"}
FAM = {"municipal_committee", "city_council", "region", "rar", "lbr", "network", "magistrat"}
TYPE = {"godkendt": "B", "besluttet": "B", "udsat": "B", "afvist": "B", "droeftet": "D",
        "taget_til_efterretning": "O"}
err = []
ids = set()
pubfam = {}


def load(name):
    rows = []
    with open(HERE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                rows.append(json.loads(line))
            except Exception as e:
                err.append(f"{name}:{n}: {e}")
    return rows


dec, pro = load("decisions.jsonl"), load("proposals.jsonl")
for r in dec + pro:
    if r["id"] in ids:
        err.append(f"duplicate id {r['id']}")
    ids.add(r["id"])
    if r["family"] not in FAM:
        err.append(f"{r['id']}: family")
    if pubfam.setdefault(r["publisher"], r["family"]) != r["family"]:
        err.append(f"{r['id']}: publisher in two families")
for r in dec:
    o, w = r["outcome"], r["with_remarks"]
    if not o or not set(o) <= OUT or len(set(o)) != len(o):
        err.append(f"{r['id']}: outcome {o}")
    if "ingen_beslutning" in o and len(o) != 1:
        err.append(f"{r['id']}: ingen_beslutning not alone")
    if (w is None) != (o == ["ingen_beslutning"]):
        err.append(f"{r['id']}: with_remarks null iff ingen_beslutning")
    if w is True and not ({"godkendt", "besluttet"} & set(o)):
        err.append(f"{r['id']}: with_remarks true without godkendt/besluttet")
    if r["kind"] not in ("referat", "dagsorden"):
        err.append(f"{r['id']}: kind")
    if r["kind"] == "dagsorden" and o != ["ingen_beslutning"]:
        err.append(f"{r['id']}: agenda with an outcome")
for r in pro:
    pr = r["proposed"]
    if not pr or not set(pr) <= OUT - {"ingen_beslutning"}:
        err.append(f"{r['id']}: proposed {pr}")
    exp = {TYPE[x] for x in pr}
    if not set(r["types"]) <= {"B", "D", "O"} or (set(r["types"]) != exp and r["types"] != ["O"]):
        err.append(f"{r['id']}: types {r['types']} vs {sorted(exp)}")
if err:
    print("\n".join(err))
    sys.exit(1)

print(f"decisions: {len(dec)}  proposals: {len(pro)}  publishers: {len(pubfam)}")
lab = Counter(x for r in dec for x in r["outcome"])
single = Counter(r["outcome"][0] for r in dec if len(r["outcome"]) == 1)
plab = Counter(x for r in pro for x in r["proposed"])
print("\n| label | decisions | single-label | proposals |\n|---|---:|---:|---:|")
for lb in ["godkendt", "taget_til_efterretning", "droeftet", "besluttet", "udsat", "afvist", "ingen_beslutning"]:
    print(f"| `{lb}` | {lab[lb]} | {single[lb]} | {plab.get(lb, '–') if lb != 'ingen_beslutning' else '–'} |")
multi = sum(len(r["outcome"]) > 1 for r in dec)
share = 100 * single["godkendt"] / len(dec)
print(f"\nmulti-label decisions: {multi}; godkendt-only: {single['godkendt']} ({share:.0f} %)")
print("with_remarks:", dict(Counter(str(r["with_remarks"]) for r in dec)))
print("kind:", dict(Counter(r["kind"] for r in dec)))
print("with indstilling:", sum("indstilling" in r for r in dec), " with history:", sum("history" in r for r in dec))
print("multi-label proposals:", sum(len(r["proposed"]) > 1 for r in pro))
print("proposal types:", dict(Counter(t for r in pro for t in r["types"])))
print("\n| publisher | family | decisions | proposals |\n|---|---|---:|---:|")
dp, pp = Counter(r["publisher"] for r in dec), Counter(r["publisher"] for r in pro)
for pub in sorted(pubfam, key=lambda x: (pubfam[x], x)):
    print(f"| {pub} | {pubfam[pub]} | {dp[pub]} | {pp[pub]} |")
