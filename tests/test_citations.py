from __future__ import annotations

from generator.citations import cited_keys, render_prose, strip_citations
from generator.escape import Safe


def test_cited_keys_in_order() -> None:
    assert cited_keys("A [@a] and [@b-2], again [@a].") == ["a", "b-2", "a"]


def test_strip_citations_leaves_readable_text() -> None:
    assert strip_citations("Cellpose [@cellpose] works , mostly [@a] [@b].") == "Cellpose works, mostly."


def test_render_prose_numbers_citations_and_escapes_the_rest() -> None:
    text = render_prose("<b>x</b> [@a] and [@zzz]\ue000 [x](y)", lambda key: Safe(f"[{key}]"))
    assert text == "&lt;b&gt;x&lt;/b&gt; [a] and [zzz] &#91;x&#93;(y)"
