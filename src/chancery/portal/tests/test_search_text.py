from hypothesis import given
from hypothesis import strategies as st

from chancery.portal.search.text import analyse, parse, stem


def test_dutch_stems_bring_word_forms_together():
    assert stem("Beslissingen") == stem("beslissing")
    assert stem("vergunningen") == stem("vergunning")
    assert analyse("De Vlaamse Regering keurt goed") == "de vlaams regeer keurt goed"


def test_query_syntax():
    query = parse('"strategische goederen" export* -wapens OR mensenrechten')
    first, second = query.groups
    assert [c.stems for c in first] == [["strategisch", "goeder"], ["export"], ["wapen"]]
    assert [c.prefix for c in first] == [False, True, False] and [c.negated for c in first] == [False, False, True]
    assert [c.stems for c in second] == [["mensenrecht"]]
    assert parse("-alleen -uitsluiten").is_empty and parse("").is_empty


@given(st.text())
def test_any_input_parses_without_error(text):
    query = parse(text)
    assert all(c.stems for group in query.groups for c in group)
