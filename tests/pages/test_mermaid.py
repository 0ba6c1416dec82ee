from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.pages.mermaid import Node, accessible_text, build_flowchart, label


@given(st.text(max_size=200))
def test_labels_cannot_escape_their_quotes(text: str) -> None:
    quoted = label(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not set(inner) & set('"`<>&%{}[]|#\n\r;') - {"#", ";"}
    assert "%%" not in inner and "-->" not in inner and "\n" not in inner


def test_label_keeps_plain_text_and_encodes_the_rest() -> None:
    assert label("Image (RGB), e.g. 'cells'") == "\"Image (RGB), e.g. 'cells'\""
    assert label('a "b" <c>') == '"a #34;b#34; #60;c#62;"'
    assert label("x" * 500).endswith('…"')


def test_accessible_text_is_one_line() -> None:
    assert accessible_text("a\nb\u202e`c` %%{init}%%") == "a b'c' %{init}%"


def test_accessible_text_keeps_emoji_whole() -> None:
    scientist = "\U0001f469\u200d\U0001f52c"  # woman + zero-width joiner + microscope
    assert accessible_text(f"by {scientist}\u200b") == f"by {scientist}"


def test_flowchart_shape() -> None:
    chart = build_flowchart("T", "D", [Node("in A"), Node("in B")], [Node("M", "does x"), Node("post")],
                            [Node("out")])
    assert chart.splitlines() == [
        "flowchart LR",
        "    accTitle: T",
        "    accDescr: D",
        '    in0[/"in A"/]',
        '    in1[/"in B"/]',
        '    step0["M: does x"]',
        '    step1["post"]',
        '    out0[\\"out"\\]',
        "    in0 --> step0",
        "    in1 --> step0",
        "    step0 --> step1",
        "    step1 --> out0",
    ]
