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


def test_a_hyphen_joins_and_only_a_leading_minus_excludes():
    (joined,) = parse("nota-kwantumsluis").groups[0]
    assert joined.stems == [stem("nota"), stem("kwantumsluis")] and not joined.negated
    kept, excluded = parse("nota -kwantumsluis").groups[0]
    assert kept.stems == ["nota"] and not kept.negated and excluded.negated
    _word, gone = parse('regio -"oostgrens regio"(-x)').groups[0][:2]
    assert gone.negated and gone.stems == [stem("oostgrens"), stem("regio")]
    assert [c.negated for c in parse("a (-b) c-d").groups[0]] == [False, True, False]
    (prefix,) = parse("oostgrens-reg*").groups[0]
    assert prefix.prefix and prefix.stems == [stem("oostgrens"), "reg"]
    assert parse("-nota-kwantumsluis").is_empty


@given(st.text())
def test_any_input_parses_without_error(text):
    query = parse(text)
    assert all(c.stems for group in query.groups for c in group)
