"""Every parser against real recorded answers (tests/data/responses/, see SOURCES.md): what each field is,
read as the service sent it. Expected values are copied from the recorded bodies."""

from __future__ import annotations

import pytest

from generator.citations.metadata import titles_match
from generator.citations.online.parsing import (
    Found,
    Malformed,
    clean_title,
    date_year,
    parse_arxiv_feed,
    parse_crossref_body,
    parse_csl_body,
    parse_error_feed,
    parse_github,
)

from ...recorded import load, only

ARXIV_ONE = "arxiv.py/id_1605.08386_s0_m100_199195aa31ad.json"
ARXIV_TWO = "arxiv.py/id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.json"
ARXIV_NONE = "arxiv.py/id_0000.0000_s0_m100_8b51d9633a68.json"
ARXIV_BAD = "arxiv.py/id_abc_s0_m100_b79c8dcf6bc3.json"
ARXIV_OLD_ID = "arxiv.py/id_astro-ph_0601001_s0_m100_3150dca9dc76.json"
ARXIV_LEGACY = "arxiv.py/id_list=1111.2011v2.xml"
CROSSREF = "habanero/test_works_with_one_id.yaml"
CROSSREF_404 = "habanero/test_works_bad_id_warn.yaml"
CSL = "habanero/test_content_negotiation_citeproc_json.yaml"
GITHUB = "PyGithub/Repository.setUp.txt"
GITHUB_404 = "PyGithub/Exceptions.testUnknownObject.txt"


def test_arxiv_one_id() -> None:
    assert parse_arxiv_feed(only(ARXIV_ONE).body) == {
        "1605.08386": Found(title="Heat-bath random walks with Markov bases",
                            authors=("Caprice Stanley", "Tobias Windisch"), year=2016)}


def test_arxiv_several_ids_answer_only_for_the_ones_it_knows() -> None:
    found = parse_arxiv_feed(only(ARXIV_TWO).body)
    assert list(found) == ["1707.08567"]
    entry = found["1707.08567"]
    assert entry.title == "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications"
    assert len(entry.authors) == 34 and entry.authors[0] == "Kees A. Schouhamer Immink" and entry.year == 2017


def test_arxiv_unknown_id_is_an_empty_feed_not_an_error() -> None:
    exchange = only(ARXIV_NONE)
    assert exchange.status == 200 and parse_arxiv_feed(exchange.body) == {}


def test_arxiv_malformed_id_is_a_400_with_an_error_entry() -> None:
    exchange = only(ARXIV_BAD)
    assert exchange.status == 400
    assert parse_arxiv_feed(exchange.body) == {}
    assert parse_error_feed(exchange.body) == "incorrect id format for abc"


def test_arxiv_old_style_id() -> None:
    found = parse_arxiv_feed(only(ARXIV_OLD_ID).body)["astro-ph/0601001"]
    assert found.authors == ("Andrew Gould", "Susan Dorsher", "B. Scott Gaudi", "Andrzej Udalski")
    assert found.year == 2006


def test_arxiv_wrapped_title_and_doi() -> None:
    found = parse_arxiv_feed(only(ARXIV_LEGACY).body)["1111.2011"]
    assert found.title == "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit"
    assert found.doi == "10.1103/PhysRevB.85.115117"
    assert found.year == 2011  # submitted 2011; the journal reference says 2012


def test_crossref_work() -> None:
    exchange = only(CROSSREF)
    assert exchange.status == 200
    found = parse_crossref_body(exchange.body)
    assert found.title == ("Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia "
                           "in the Basal Ganglia of Mice")  # the cassette's line wrap is folded
    assert found.authors[:2] == ("Shankar Sadasivan", "Brooks B. Pond") and len(found.authors) == 6
    assert found.year == 2012 and found.doi == "10.1371/journal.pone.0033693"


def test_crossref_not_found_is_a_plain_text_404() -> None:
    exchange = only(CROSSREF_404)
    assert exchange.status == 404 and exchange.body == b"Resource not found."
    with pytest.raises(Malformed):
        parse_crossref_body(exchange.body)


def test_csl_json() -> None:
    found = parse_csl_body(only(CSL).body)
    assert found.title == "The Structure of Ordinary Water"  # a string here, a list in Crossref's own format
    assert found.authors == ("Henry S. Frank",) and found.year == 1970
    assert found.doi == "10.1126/science.169.3946.635"


def test_github_repository() -> None:
    exchange = only(GITHUB)
    assert exchange.status == 200 and exchange.headers["x-ratelimit-remaining"] == "4999"
    assert parse_github(exchange.body) == Found(full_name="PyGithub/PyGithub", archived=False, default_branch="main")


def test_github_not_found() -> None:
    exchange = only(GITHUB_404)
    assert [e.status for e in load(GITHUB_404)] == [200, 404] and exchange.url.endswith("/repos/jacquev6/Xxx")
    with pytest.raises(Malformed):
        parse_github(exchange.body)


# The cases below were not found in any real recording (SOURCES.md); their inputs are written here.

@pytest.mark.parametrize(("raw", "clean"), [
    ("Graphene <jats:italic>in situ</jats:italic> growth", "Graphene in situ growth"),  # Crossref JATS
    ("Cells &amp; tissues", "Cells & tissues"),  # an entity left escaped
    ("Long title\n  wrapped", "Long title wrapped"),
])
def test_clean_title(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


@pytest.mark.parametrize(("data", "year"), [
    ({"issued": {"date-parts": [[None]]}, "published-print": {"date-parts": [[2019, 5]]}}, 2019),
    ({"published-online": {"date-parts": [["2023", "8", "24"]]}}, 2023),
    ({"issued": {"raw": "Spring 2004"}}, 2004),
    ({"issued": {"date-parts": [[]]}}, None),
])
def test_date_year(data: dict[str, object], year: int | None) -> None:
    assert date_year(data) == year


@pytest.mark.parametrize(("registry", "source"), [
    ("Heat-bath random walks with Markov bases", "Heat\u2010bath random walks with Markov bases."),
    ("The Structure of Ordinary Water", "The structure of ordinary water"),
    ("Frequency of hot Jupiters", "Frequency of Hot Jupiters"),
])
def test_title_tolerance(registry: str, source: str) -> None:
    assert titles_match(registry, source)
