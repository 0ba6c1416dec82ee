"""MkDocs hook: on a page with a Mermaid diagram, `<link rel="modulepreload">` for the vendored Mermaid modules
that draw a flowchart, so the browser fetches them all at once while it reads the page.

Without it the browser finds them one level at a time: Material asks for Mermaid after the page has loaded
(docs/assets/javascripts/mermaid-on-demand.js), the entry module names its chunks, the flowchart chunk is
imported only when a flowchart is drawn, and it names more. With 150 ms between browser and server that
chain drew the diagram ~1.6 s after the load event, ~0.6 s with the preloads (bench/results.md). Pages
without a diagram get nothing.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

VENDOR = "assets/vendor/mermaid/"
ENTRY = VENDOR + "mermaid.esm.min.mjs"
_DIAGRAM = re.compile(r'<pre\b[^>]*\bclass="mermaid[" ]')
# Static imports as esbuild writes them (`from"./x.mjs"`, `import"./x.mjs"`), and the flowchart's import().
_STATIC = re.compile(r'(?:\bfrom|\bimport)\s*"(\.{1,2}/[^"]+\.mjs)"')
_FLOWCHART = re.compile(r'\bimport\(\s*"(\./chunks/[^"]*/flowDiagram-[^"]+\.mjs)"\s*\)')


@functools.lru_cache(maxsize=4)
def flowchart_modules(docs_dir: str) -> tuple[str, ...]:
    """The modules (paths under docs/) that drawing a flowchart loads: the entry and the flowchart chunk with
    everything they import, each once, in the order found. Empty if Mermaid is not vendored."""
    entry = Path(docs_dir) / ENTRY
    if not entry.is_file():
        return ()
    found: list[Path] = []

    def visit(path: Path) -> None:
        if path in found or not path.is_file():
            return
        found.append(path)
        for target in _STATIC.findall(path.read_text("utf-8")):
            visit((path.parent / target).resolve())

    visit(entry.resolve())
    flowchart = _FLOWCHART.search(entry.read_text("utf-8"))
    if flowchart:
        visit((entry.parent / flowchart[1]).resolve())
    root = Path(docs_dir).resolve()
    return tuple(path.relative_to(root).as_posix() for path in found)


def on_post_page(output: str, page: Any, config: Any) -> str:
    if not _DIAGRAM.search(output) or "</head>" not in output:
        return output
    links = "".join(f'<link rel="modulepreload" href="{get_relative_url(module, page.url)}">'
                    for module in flowchart_modules(str(config["docs_dir"])))
    return output.replace("</head>", links + "</head>", 1)
