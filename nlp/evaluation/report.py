"""Evaluation report: metrics.json, report.md and report.html with PNG plots.

Task results are plain dicts. Plots are drawn from three conventional keys wherever they
appear in a task's result (at any depth):

* ``confusion``: ``{name: {"labels": [...], "matrix": [[...]]}}`` -> one heat map each;
* ``per_label``: ``{name: {label: {"precision", "recall", "f1"}}}`` -> grouped bars;
* ``bars``: ``{name: {category: value}}`` -> a bar chart.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _walk(obj: Any, key: str, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == key:
                yield path, v
            else:
                yield from _walk(v, key, (*path, str(k)))


def lookup(metrics: dict, dotted: str) -> Any:
    """``lookup(m, "segmentation.micro.items.f1")``; KeyError names the missing part."""
    cur: Any = metrics
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            raise KeyError(f"{dotted}: no '{part}'")
        cur = cur[part]
    return cur


def check_minimums(metrics: dict, minimums: list[str]) -> list[str]:
    """Failures for ``--min metric=value`` thresholds (missing metrics fail too)."""
    failures = []
    for spec in minimums:
        name, _, value = spec.partition("=")
        try:
            got = float(lookup(metrics, name.strip()))
        except (KeyError, TypeError, ValueError) as err:
            failures.append(f"{name}: {err}")
            continue
        if got < float(value):
            failures.append(f"{name} = {got:.4f} < {float(value):.4f}")
    return failures


def _figures(metrics: dict, out_dir: Path) -> list[tuple[str, Path]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    figs: list[tuple[str, Path]] = []

    def save(fig: Any, title: str) -> None:
        name = "".join(c if c.isalnum() else "_" for c in title.lower()).strip("_")
        path = out_dir / f"{name}.png"
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        figs.append((title, path))

    for task, result in metrics.items():
        for path, conf in _walk(result, "confusion"):
            for name, cm in conf.items():
                labels, matrix = cm["labels"], np.array(cm["matrix"], dtype=float)
                fig, ax = plt.subplots(figsize=(1.2 + 0.75 * len(labels), 1.0 + 0.7 * len(labels)))
                ax.imshow(matrix, cmap="Blues")
                ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
                ax.set_yticks(range(len(labels)), labels)
                ax.set_xlabel("predicted")
                ax.set_ylabel("gold")
                for i in range(len(labels)):
                    for j in range(len(labels)):
                        ax.text(j, i, f"{int(matrix[i, j])}", ha="center", va="center",
                                color="white" if matrix[i, j] > matrix.max() / 2 else "black")
                title = " / ".join([task, *path, name, "confusion"])
                ax.set_title(title, fontsize=9)
                save(fig, title)
        for path, per_label in _walk(result, "per_label"):
            if all(isinstance(v, dict) and "f1" in v for v in per_label.values()):
                per_label = {"": per_label}  # one group only: {label: scores}
            for name, scores in per_label.items():
                labels = list(scores)
                x = np.arange(len(labels))
                fig, ax = plt.subplots(figsize=(max(4.0, 1.1 * len(labels)), 3.2))
                for k, metric in enumerate(("precision", "recall", "f1")):
                    ax.bar(x + (k - 1) * 0.27, [scores[lab].get(metric, 0) for lab in labels], 0.27, label=metric)
                ax.set_xticks(x, labels, rotation=30, ha="right")
                ax.set_ylim(0, 1.05)
                ax.legend(fontsize=8, loc="lower right")
                title = " / ".join([task, *path, *([name] if name else []), "per label"])
                ax.set_title(title, fontsize=9)
                save(fig, title)
        for path, bars in _walk(result, "bars"):
            for name, values in bars.items():
                fig, ax = plt.subplots(figsize=(max(4.0, 1.0 * len(values)), 3.2))
                ax.bar(list(values), list(values.values()), color="tab:green")
                ax.set_xticks(range(len(values)), list(values), rotation=30, ha="right")
                top = max(values.values(), default=1)
                ax.set_ylim(0, max(1.05, top * 1.1))
                for k, v in enumerate(values.values()):
                    ax.text(k, v, f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}", ha="center", va="bottom", fontsize=8)
                title = " / ".join([task, *path, name])
                ax.set_title(title, fontsize=9)
                save(fig, title)
    return figs


def write_reports(metrics: dict, texts: dict[str, str], out_dir: Path) -> dict[str, Path]:
    """Write metrics.json, report.md and report.html (plots as PNG files beside them)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False), encoding="utf-8")
    figs = _figures(metrics, out_dir)
    md = ["# rar-nlp evaluation report", ""]
    body = ["<h1>rar-nlp evaluation report</h1>"]
    for task, text in texts.items():
        md += [f"## {task}", "", "```", text, "```", ""]
        body += [f"<h2>{html.escape(task)}</h2>", f"<pre>{html.escape(text)}</pre>"]
        for title, path in figs:
            if title.startswith(task + " "):
                md += [f"![{title}]({path.name})", ""]
                data = base64.b64encode(path.read_bytes()).decode()
                body.append(f'<figure><img alt="{html.escape(title)}" src="data:image/png;base64,{data}">'
                            f"<figcaption>{html.escape(title)}</figcaption></figure>")
    (out_dir / "report.md").write_text("\n".join(md), encoding="utf-8")
    page = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>rar-nlp evaluation</title>"
            "<style>body{font-family:sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}"
            "pre{background:#f6f6f6;padding:1rem;overflow-x:auto}figure{display:inline-block;margin:1rem}"
            "img{max-width:100%}figcaption{font-size:.8rem;color:#555}</style></head><body>"
            + "\n".join(body) + "</body></html>")
    (out_dir / "report.html").write_text(page, encoding="utf-8")
    return {"metrics": out_dir / "metrics.json", "md": out_dir / "report.md", "html": out_dir / "report.html"}
