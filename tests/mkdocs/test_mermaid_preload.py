"""generator/mkdocs/mermaid_preload_hook.py: modulepreload links for the flowchart's Mermaid modules, on pages
with a diagram only."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from generator.mkdocs import mermaid_preload_hook as hook
from tests.conftest import REPO

DOCS = str(REPO / "docs")
PAGE = '<html><head><title>t</title></head><body><pre class="mermaid"><code>flowchart LR</code></pre></body></html>'


def test_the_flowchart_modules_are_the_entry_and_the_flowchart_chunk_with_their_imports() -> None:
    modules = hook.flowchart_modules(DOCS)
    assert modules[0] == hook.ENTRY
    assert any("/flowDiagram-" in m for m in modules)
    assert len(modules) == len(set(modules))
    assert all((REPO / "docs" / m).is_file() for m in modules)
    assert not any("/sequenceDiagram-" in m or "/ganttDiagram-" in m for m in modules)


def test_only_a_page_with_a_diagram_gets_the_preloads(tmp_path: Path) -> None:
    config = {"docs_dir": DOCS}
    page = SimpleNamespace(url="questions/some-question/")
    out = hook.on_post_page(PAGE, page, config)
    links = out.split("</head>")[0].count('<link rel="modulepreload"')
    assert links == len(hook.flowchart_modules(DOCS)) > 1
    assert '<link rel="modulepreload" href="../../assets/vendor/mermaid/mermaid.esm.min.mjs">' in out
    without = PAGE.replace('class="mermaid"', 'class="bibtex"')
    assert hook.on_post_page(without, page, config) == without
    assert hook.flowchart_modules(str(tmp_path)) == ()  # Mermaid not vendored: nothing to preload
