"""SuperFences custom fence for Mermaid diagrams, kept out of the search index.

Emits the same shape as ``pymdownx.superfences.fence_code_format`` with
``class_name="mermaid"`` (``<pre class="mermaid"><code>...</code></pre>``),
which is what Material's JavaScript selects (``pre.mermaid``; it reads the
element's ``textContent``), plus ``data-pagefind-ignore`` so the search index
(``search_hook``) skips the diagram source.  Arbitrary ``attrs`` from attr_list are
dropped on purpose; ``id`` and extra classes are kept, HTML-escaped.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["fence_mermaid"]


def fence_mermaid(
    source: str,
    language: str,
    class_name: str,
    options: dict[str, Any],
    md: Any,
    **kwargs: Any,
) -> str:
    """Format a ```mermaid fence for Material, excluded from search."""
    classes: list[str] = [class_name or "mermaid"]
    classes.extend(str(c) for c in kwargs.get("classes") or [])
    id_value = kwargs.get("id_value") or ""
    id_attr = f' id="{html.escape(str(id_value))}"' if id_value else ""
    class_attr = html.escape(" ".join(classes))
    return (
        f'<pre{id_attr} class="{class_attr}" data-pagefind-ignore>'
        f"<code>{html.escape(source, quote=False)}</code></pre>"
    )
