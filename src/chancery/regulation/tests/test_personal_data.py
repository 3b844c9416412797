"""Masking personal data in the feedback panel's texts: e-mail addresses, phone numbers, Belgian
national register numbers (also spaced, dotted and dashed) and IBANs never survive; the figures a
signal about a rule needs (dates, amounts, NUMAC numbers, article numbers) stay."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chancery.regulation.services.personal_data import mask

SEPARATORS = st.sampled_from(["", " ", ".", "-", "/", ". ", " - ", "\u00a0"])
FILLER = st.text(alphabet="abcdefghij klmnop,", max_size=40)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.parametrize(
    "text, kind, leaked",
    [
        ("Mail me: jan.peeters@example.be, thanks", "email", "jan.peeters"),
        ("schrijf naar an-de.smet+regels@vlaanderen.example.com", "email", "an-de.smet"),
        ("mijn adres is jan [at] example [dot] be", "email", "example"),
        ("bel 0475 12 34 56 na 17u", "phone", "12 34 56"),
        ("bel 0475/12.34.56", "phone", "12.34.56"),
        ("tel. 02 553 12 34", "phone", "553 12 34"),
        ("tel. +32 (0)2 553 12 34", "phone", "553 12 34"),
        ("gsm 0032 475 12 34 56", "phone", "12 34 56"),
        ("rijksregisternummer 85.07.30-033.28", "national_number", "033"),
        ("rrn 85073003328 staat op de brief", "national_number", "85073003328"),
        ("rrn 85 07 30 033 28", "national_number", "033 28"),
        ("rrn 85-07-30 033-28", "national_number", "033-28"),
        ("rrn 85.07.30.033.28", "national_number", "033.28"),
        ("rekening BE68 5390 0754 7034 graag", "iban", "5390"),
        ("rekening be68539007547034", "iban", "539007547034"),
        ("IBAN NL91ABNA0417164300", "iban", "0417164300"),
    ],
)
def test_each_kind_is_masked(text, kind, leaked):
    masked = mask(text)
    assert kind in masked.found
    assert leaked not in masked.text


@pytest.mark.parametrize(
    "text",
    [
        "Het decreet van 25.04.2014 (NUMAC 2014035240), art. 5, § 2, kost 1.234.567 euro per jaar.",
        "Sinds 2017-02-23 moeten 12 000 bedrijven 3 formulieren per jaar indienen.",
        "De termijn van 30 dagen in artikel 4.2.1 is te kort; zie ook besluit 2019/123.",
    ],
)
def test_figures_about_the_rule_stay(text):
    masked = mask(text)
    assert masked.text == text and masked.found == ()


@settings(max_examples=200, deadline=None)
@given(
    yy=st.integers(0, 99), mm=st.integers(1, 12), dd=st.integers(1, 31), serial=st.integers(1, 998),
    check=st.integers(1, 97), seps=st.lists(SEPARATORS, min_size=4, max_size=4), before=FILLER, after=FILLER,
)  # fmt: skip
def test_no_national_register_number_survives(yy, mm, dd, serial, check, seps, before, after):
    parts = [f"{yy:02d}", f"{mm:02d}", f"{dd:02d}", f"{serial:03d}", f"{check:02d}"]
    number = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))
    masked = mask(f"{before} {number} {after}")
    assert "national_number" in masked.found
    assert digits("".join(parts)) not in digits(masked.text)


@settings(max_examples=200, deadline=None)
@given(
    prefix=st.sampled_from(["0", "+32 ", "+32", "0032 ", "+32 (0)"]),
    area=st.sampled_from(["2", "9", "475", "486", "3", "50"]),
    length=st.sampled_from([8, 9]), rest=st.lists(st.integers(0, 9), min_size=7, max_size=7),
    sep=SEPARATORS, before=FILLER, after=FILLER,
)  # fmt: skip
def test_no_phone_number_survives(prefix, area, length, rest, sep, before, after):
    """A Belgian number: 8 or 9 digits after the 0 (or +32), the area code included."""
    subscriber = "".join(map(str, rest))[: length - len(area)]
    groups = [subscriber[i : i + 2] for i in range(0, len(subscriber), 2)]
    number = prefix + area + sep + sep.join(groups)
    masked = mask(f"{before} {number} {after}")
    assert masked.found, number  # masked (as a phone number, or as a national number when 11 digits long)
    assert subscriber not in digits(masked.text)


@settings(max_examples=200, deadline=None)
@given(
    user=st.from_regex(r"[a-z][a-z0-9._+\-]{0,15}[a-z0-9]", fullmatch=True),
    domain=st.from_regex(r"[a-z][a-z0-9\-]{0,10}[a-z0-9]", fullmatch=True),
    tld=st.sampled_from(["be", "com", "vlaanderen", "eu"]),
    before=FILLER,
)  # fmt: skip
def test_no_email_address_survives(user, domain, tld, before):
    masked = mask(f"{before} {user}@{domain}.{tld} na")
    assert "email" in masked.found
    assert "@" not in masked.text and f"{domain}.{tld}" not in masked.text


@settings(max_examples=200, deadline=None)
@given(
    country=st.sampled_from(["BE", "NL", "FR", "DE", "LU"]), check=st.integers(2, 98),
    body=st.lists(st.integers(0, 9), min_size=12, max_size=22), grouped=st.booleans(), before=FILLER,
)  # fmt: skip
def test_no_iban_survives(country, check, body, grouped, before):
    bban = "".join(map(str, body))
    iban = f"{country}{check:02d}{bban}"
    written = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if grouped else iban
    masked = mask(f"{before} {written} dank u")
    assert "iban" in masked.found, written
    assert bban not in digits(masked.text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_masking_is_idempotent(text):
    once = mask(text).text
    assert mask(once).text == once
