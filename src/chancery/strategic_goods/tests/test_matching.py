"""Screening names against the (invented) demo list: realistic variants that must hit, near misses
that must not, countries under arms embargo, the screen-parties command, and the review of hits."""

import io
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import translation

from chancery.core.models import AuditEntry
from chancery.strategic_goods.embargoes import EMBARGO_SCOPES, arms_embargoes
from chancery.strategic_goods.models import HitDecision, ScreeningHit
from chancery.strategic_goods.services import require_reviewed, review_hit, screen, unreviewed_hits
from chancery.strategic_goods.services.matching import token_key, tokens
from chancery.strategic_goods.services.review import screen_parties

MUST_HIT = [
    # (party name as a user types it, the listed entry it must find)
    ("Dmitriy Ivanovich Sokolovsky", "EU-FSD-900001"),  # exact
    ("SOKOLOVSKY, Dmitry", "EU-FSD-900001"),  # word order, punctuation, no patronymic
    ("Dmitri Sokolovskiy", "EU-FSD-900001"),  # transliteration of first and last name
    ("Дмитрий Соколовский", "EU-FSD-900001"),  # Cyrillic
    ("Evgeny Marchenko-Volkov", "EU-FSD-900002"),  # Yevgeni/Evgeny
    ("Yevgeniy Marchenko Volkov", "EU-FSD-900002"),  # missing hyphen
    ("Evgenij Marchenkovolkov", "EU-FSD-900002"),  # hyphenated surname written as one word
    ("Alexander Kravetsky", "EU-FSD-900003"),  # Aleksandr/Alexander
    ("Muhammad Abdul Karim Al Nourani", "EU-FSD-900004"),  # Mohammed/Muhammad, particles apart
    ("Mohamed Al-Nourani", "EU-FSD-900004"),
    ("Sergei Zheleznyakov", "EU-FSD-900005"),  # Sergey/Sergej/Sergei
    ("Hussain Rahimzadeh Tabrizi", "EU-FSD-900006"),  # Hossein/Hussain, hyphen
    ("Yuri Belokamensky", "EU-FSD-900007"),  # Yuriy/Yuri/Iurii
    ("Ri Yong Sok", "EU-FSD-900010"),  # Korean name, syllables apart
    ("Khalid Ibrahim Ben Haddada", "EU-FSD-900011"),
    ("OOO Tekhnopromexport-Vostok", "EU-FSD-900013"),  # legal form, kh/ks transliteration
    ("Technopromexport East, LLC", "EU-FSD-900013"),  # alias (translated name)
    ("Sunrise Global Trading F.Z.E.", "EU-FSD-900015"),  # legal form with dots
    ("SUNRISE GLOBAL TRADING FZCO", "EU-FSD-900015"),  # another free-zone form
    ("Global Trading Sunrise", "EU-FSD-900015"),  # word order
    ("Alnoor Dual Technologies", "EU-FSD-900016"),  # missing hyphen
    ("Al Noor Technologies Co., Ltd.", "EU-FSD-900016"),  # alias, legal forms
    ("Kavir-Pars Electronic Industries Co.", "EU-FSD-900017"),
    ("Minsk Optoelectronic Systems JSC", "EU-FSD-900018"),  # different legal form
    ("Ryongbong Trading Corp", "EU-FSD-900019"),
    ("Tian-Shan Microwave Components Co. Ltd", "EU-FSD-900022"),
    ("Golden Falcon General Trading LLC", "EU-FSD-900024"),
    ("Belozersk Precision Instruments Plant JSC", "EU-FSD-900014"),
    ("Obsidian Rock Holdings Ltd.", "EU-FSD-900025"),
    ("Sunrise Global Trading FZE Dubai Branch", "EU-FSD-900015"),  # extra words in the party's name
    ("Kavir Pars Electronic Industries Tehran Office", "EU-FSD-900017"),
    ("Tianshan Microwave Co Ltd", "EU-FSD-900022"),  # a generic word of the listed name left out
]

MUST_NOT_HIT = [
    "Global Trading LLC",  # shares only generic words with several listed companies
    "General Trading Company",
    "International Logistics Services FZE",
    "Sunrise Bakery BV",  # shares one word with a listed company
    "Golden Bakery NV",
    "Polar Bear Ice Cream Ltd",
    "Global Horizon Bakeries Inc",  # two of three words, but the distinctive one differs
    "Ivan Sokolov",  # shares a root with a listed surname
    "Dmitri Ivanov",  # shares a first name with a listed person
    "Mohammed Ali",  # a common given name
    "Sergei Petrov",
    "Acme Technologies NV",
    "Baltic Amber Trading",
    "Eastern Star Shipping",
    "Polar Shipping",  # one distinctive word of two, and a generic one
    "Sunrise Solar Energy",
    "Golden Gate Trading",
    "Meridian Shipping Lines",
]


@pytest.mark.parametrize("name, list_id", MUST_HIT)
def test_realistic_variants_hit(demo_list, name, list_id):
    found = {m.list_id: m for m in screen(name, "")}
    assert list_id in found, f"{name} did not hit {list_id}: {found}"
    assert found[list_id].score >= 80


@pytest.mark.parametrize("name", MUST_NOT_HIT)
def test_near_misses_do_not_hit(demo_list, name):
    assert screen(name, "BE") == []


def test_normalisation():
    assert tokens("Sunrise Global Trading F.Z.E.") == ["sunrise", "global", "trading"]
    assert tokens("Limited Liability Company Tekhnopromeksport-Vostok") == ["tekhnopromeksport", "vostok"]
    assert tokens("Société Générale d'Équipement S.A.") == ["societe", "generale", "dequipement"]
    assert {token_key(n) for n in ("Dmitri", "Dmitriy", "Dmitry", "Dmitrii")} == {"dmitri"}
    assert {token_key(n) for n in ("Yevgeni", "Evgeny", "Evgeniy", "Yevgeniy")} == {"evgeni"}
    assert token_key("Aleksandr") == token_key("Alexander")
    assert token_key("Mohammed") == token_key("Muhammad") == token_key("Mohamed")


def test_country_under_arms_embargo_is_a_hit(demo_list):
    matches = screen("Acme Industrial Supplies NV", "by")
    assert [(m.list_id, m.score, m.kind) for m in matches] == [("ARMS-EMBARGO-BY", 100, "country")]
    assert screen("Acme Industrial Supplies NV", "NL") == []
    # A targeted embargo (only listed persons) does not flag the whole country.
    assert screen("Acme Industrial Supplies NV", "YE") == []


def test_every_embargo_names_its_scope_basis_and_sources():
    embargoes = arms_embargoes()
    assert all(len(code) == 2 and code.isupper() for code in embargoes)
    for entry in embargoes.values():
        assert entry["scope"] in EMBARGO_SCOPES and entry["basis"] and entry["sources"]


def test_every_embargo_cites_its_measure_in_dutch_too():
    """`basis_nl` is the Dutch citation of the same acts: every act number of the English citation
    is in it, and no English word of the citation (Council Decision, CFSP, Common Position) is."""
    for code, entry in arms_embargoes().items():
        dutch = entry["basis_nl"]
        assert set(re.findall(r"\d{4}/\d+", entry["basis"])) == set(re.findall(r"\d{4}/\d+", dutch)), code
        for english in ("Council", "Decision", "CFSP", "Common Position", "UNSCR", "OSCE"):
            assert english not in dutch, (code, english)


def test_a_country_hit_is_worded_in_the_active_language(db):
    with translation.override("nl"):
        [dutch] = screen("Bakkerij Janssens", "RU")
    with translation.override("en"):
        [english] = screen("Bakkerij Janssens", "RU")
    assert dutch.listed_name == "Rusland — wapenembargo (volledig; Besluit 2014/512/GBVB van de Raad)"
    assert english.listed_name == "Russia — arms embargo (full; Council Decision 2014/512/CFSP)"
    assert dutch.list_id == english.list_id == "ARMS-EMBARGO-RU"


@pytest.mark.parametrize("given", ["RU", "ru", " Russia ", "Russian Federation", "Rusland"])
def test_a_country_may_be_given_by_code_or_name(demo_list, given):
    assert [m.list_id for m in screen("Bakkerij Janssens", given)] == ["ARMS-EMBARGO-RU"]


def test_without_a_loaded_list_only_countries_are_screened(db):
    assert screen("Sunrise Global Trading FZE", "") == []
    assert [m.list_id for m in screen("Sunrise Global Trading FZE", "IR")] == ["ARMS-EMBARGO-IR"]


def run_screen(path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("screen-parties", str(path), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_screen_parties_prints_one_object_per_party_with_hits(demo_list, tmp_path):
    path = tmp_path / "parties.csv"
    path.write_text(
        "country,name\n"  # columns in any order
        'RU,"Sokolovsky, Dmitri"\n'
        "BE,Global Trading LLC\n"
        "NL,Sunrise Global Trading F.Z.E.\n"
        "BY,Acme NV\n"
        "\n",
        encoding="utf-8",
    )
    code, out, err = run_screen(path)
    assert code == 0, err
    result = json.loads(out)
    assert [party["name"] for party in result] == ["Sokolovsky, Dmitri", "Sunrise Global Trading F.Z.E.", "Acme NV"]
    first = result[0]
    assert set(first) == {"name", "country", "matches"} and first["country"] == "RU"
    assert {tuple(sorted(m)) for m in first["matches"]} == {("list_id", "listed_name", "score")}
    assert {m["list_id"] for m in first["matches"]} == {"EU-FSD-900001", "ARMS-EMBARGO-RU"}
    assert all(isinstance(m["score"], int) and 0 < m["score"] <= 100 for m in first["matches"])
    assert result[2]["matches"][0]["list_id"] == "ARMS-EMBARGO-BY"


def test_screen_parties_records_the_hits_of_a_subject(demo_list, tmp_path):
    path = tmp_path / "parties.csv"
    path.write_text("name,country\nSunrise Global Trading F.Z.E.,AE\nBakkerij Janssens,BE\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("screen-parties", str(path), "--subject", "licence:7", stdout=out, stderr=err)
    assert [p["name"] for p in json.loads(out.getvalue())] == ["Sunrise Global Trading F.Z.E."]
    assert list(unreviewed_hits("licence:7").values_list("list_id", flat=True)) == ["EU-FSD-900015"]


def test_screen_parties_accepts_semicolons_and_a_byte_order_mark(demo_list, tmp_path):
    path = tmp_path / "parties.csv"
    path.write_bytes("\ufeffName;Country\nAlnoor Dual Technologies;SY\n".encode())
    code, out, _err = run_screen(path)
    assert code == 0
    assert {m["list_id"] for m in json.loads(out)[0]["matches"]} == {"EU-FSD-900016", "ARMS-EMBARGO-SY"}


def test_screen_parties_without_hits_prints_an_empty_list(demo_list, tmp_path):
    path = tmp_path / "parties.csv"
    path.write_text("name,country\nBakkerij Janssens,BE\n", encoding="utf-8")
    assert json.loads(run_screen(path)[1]) == []


@pytest.mark.parametrize("content", ["naam,land\nX,BE\n", "name\nX\n", ""])
def test_screen_parties_refuses_a_csv_without_the_columns(demo_list, tmp_path, content):
    path = tmp_path / "parties.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run_screen(path)
    assert code == 2 and out == ""
    assert "name,country" in err and "ontbreekt" in err


def test_screen_parties_says_when_no_list_is_loaded(db, tmp_path):
    path = tmp_path / "parties.csv"
    path.write_text("name,country\nSunrise Global Trading FZE,Syrië\n", encoding="utf-8")
    code, out, err = run_screen(path)
    assert code == 0 and "Er is geen sanctielijst geladen" in err
    assert [m["list_id"] for m in json.loads(out)[0]["matches"]] == ["ARMS-EMBARGO-SY"]


def test_screen_parties_refuses_a_missing_file(db, tmp_path):
    code, _out, err = run_screen(tmp_path / "none.csv")
    assert code == 2 and "kan niet gelezen worden" in err


def test_hits_must_be_reviewed_before_the_file_proceeds(demo_list, org):
    handler, applicant = org.users["civil_servant"], org.users["applicant"]
    hits = screen_parties("licence:42", [("Sokolovsky Dmitri", "Rusland"), ("Bakkerij Janssens", "BE")], actor=handler)
    assert {h.list_id for h in hits} == {"EU-FSD-900001", "ARMS-EMBARGO-RU"}
    assert {h.party_country for h in hits} == {"RU"}
    assert unreviewed_hits("licence:42").count() == 2
    assert unreviewed_hits("licence:43").count() == 0
    with pytest.raises(ValidationError) as waiting:
        require_reviewed("licence:42")
    assert waiting.value.messages == [
        "2 screeningtreffers wachten op de beoordeling door een behandelaar; het dossier kan niet verder "
        "tot ze beoordeeld zijn."
    ]
    require_reviewed("licence:43")
    # Screening again keeps the hits (and their reviews) rather than duplicating them.
    screen_parties("licence:42", [("Sokolovsky Dmitri", "RU")])
    assert ScreeningHit.objects.filter(subject="licence:42").count() == 2

    name_hit = hits.get(kind="name")
    with pytest.raises(PermissionDenied):
        review_hit(name_hit, applicant, HitDecision.FALSE_POSITIVE, "Niet dezelfde persoon.")
    with pytest.raises(ValidationError) as refused:
        review_hit(name_hit, handler, HitDecision.FALSE_POSITIVE, "  ")
    assert "motivering" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        review_hit(name_hit, handler, "maybe", "Twijfel.")
    assert unreviewed_hits("licence:42").count() == 2

    reviewed = review_hit(name_hit, handler, HitDecision.FALSE_POSITIVE, "Andere geboortedatum en nationaliteit.")
    assert reviewed.reviewer == handler and reviewed.reviewed_at and reviewed.is_reviewed
    with pytest.raises(ValidationError):
        review_hit(name_hit, handler, HitDecision.CONFIRMED, "Toch wel.")
    review_hit(hits.get(kind="country"), handler, HitDecision.CONFIRMED, "Eindgebruiker in Rusland: wapenembargo.")
    assert unreviewed_hits("licence:42").count() == 0
    require_reviewed("licence:42")

    trail = AuditEntry.objects.filter(content_type__model="screeninghit", object_id=str(name_hit.pk)).order_by("pk")
    assert [e.action for e in trail] == ["create", "state_change"]
    assert trail.last().after["decision"] == "false_positive" and trail.last().reason.startswith("Andere")


def test_a_subject_is_required(demo_list):
    with pytest.raises(ValidationError):
        screen_parties(" ", [("Sokolovsky Dmitri", "RU")])


# --- Names in every script (issue 13): Greek, Cyrillic and Latin writings of the same name -------

SCRIPT_LIST = [
    # Invented entries in the scripts a listed name comes in.
    ("Κωνσταντίνος Παπαδόπουλος", "", "TEST-GR-1"),
    ("Αιγαίο Ναυτιλιακή Α.Ε.", "", "TEST-GR-2"),
    ("Θεόδωρος Χατζηγεωργίου", "", "TEST-GR-3"),
    ("Общество с ограниченной ответственностью «Северсталь-Импэкс»", "", "TEST-RU-1"),
    ("Публичное акционерное общество «Уралхиммаш»", "", "TEST-RU-2"),
    ("Tovarystvo z obmezhenoiu vidpovidalnistiu Dniprokhimtekh", "", "TEST-UA-1"),
]

SCRIPT_HITS = [
    ("Konstantinos Papadopoulos", "TEST-GR-1"),  # Latin, as a Greek passport writes it
    ("Constantinos Papadopoulos", "TEST-GR-1"),
    ("ΚΩΝΣΤΑΝΤΙΝΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ", "TEST-GR-1"),  # Greek capitals, no accents
    ("Константинос Пападопулос", "TEST-GR-1"),  # Cyrillic
    ("Aigaio Naftiliaki SA", "TEST-GR-2"),  # Latin with the Latin legal form
    ("Αιγαίο Ναυτιλιακή ΑΕ", "TEST-GR-2"),
    ("Theodoros Chatzigeorgiou", "TEST-GR-3"),
    ("Theodoros Hatzigeorgiou", "TEST-GR-3"),  # the other romanisation of Χ
    ("Severstal-Impeks LLC", "TEST-RU-1"),  # the Cyrillic company's name transliterated, English form
    ("OOO Severstal Impex", "TEST-RU-1"),
    ("Obshchestvo s ogranichennoy otvetstvennostyu Severstal-Impeks", "TEST-RU-1"),
    ("Uralkhimmash PJSC", "TEST-RU-2"),
    ("PAO Uralhimmash", "TEST-RU-2"),
    ("ТОВ «Дніпрохімтех»", "TEST-UA-1"),  # Ukrainian in Cyrillic, abbreviated legal form
    ("Dniprokhimtekh LLC", "TEST-UA-1"),
    # The demo list's Latin and Cyrillic entries written in Greek and Cyrillic.
    ("Ντμίτρι Σοκολόφσκι", "EU-FSD-900001"),
    ("Технопромэкспорт Восток", "EU-FSD-900013"),
]

SCRIPT_CLEAN = [
    "Κωνσταντίνος Γεωργίου",  # a common given name only
    "Αιγαίο Αρτοποιία Α.Ε.",  # a bakery sharing a place name
    "Γιάννης Παπαδάκης",
    "Общество с ограниченной ответственностью «Ромашка»",  # only the legal form in common
    "ООО Северный Хлеб",
    "Иван Петров",
    "Papadakis Bakery SA",
]


@pytest.fixture
def script_index(demo_list):
    from chancery.strategic_goods.services.matching import Index, current_index

    demo = [(alias.name, "", alias.list_id) for alias in current_index().aliases]
    return Index(demo + SCRIPT_LIST)


@pytest.mark.parametrize("name, list_id", SCRIPT_HITS)
def test_names_hit_in_every_script(script_index, name, list_id):
    found = {m.list_id: m for m in screen(name, "", index=script_index)}
    assert list_id in found, f"{name} did not hit {list_id}: {found}"


@pytest.mark.parametrize("name", SCRIPT_CLEAN)
def test_clean_names_in_other_scripts_do_not_hit(script_index, name):
    assert screen(name, "", index=script_index) == []


def test_transliteration_uses_a_maintained_library():
    # Greek, Cyrillic (Russian and Ukrainian) and Latin letters with diacritics all become ASCII.
    assert tokens("Θεόδωρος Χατζηγεωργίου") == ["theodoros", "chatzigeorgiou"]
    assert tokens("Дніпрохімтех") == ["dniprokhimtekh"]
    assert tokens("Ærø Łódź Straße") == ["aero", "lodz", "strasse"]
