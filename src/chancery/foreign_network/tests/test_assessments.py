"""The location framework: services, pages (weights set by the user, both rankings, sensitivity),
refusals of bad input and the PDF report as a document."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chancery.core.models import Document
from chancery.foreign_network import services
from chancery.foreign_network.models import Criterion, Score


def cities(rows):
    return [candidate.city for candidate, _value in rows]


def test_compare_by_both_methods(assessment):
    comparison = services.compare(assessment)
    assert comparison.complete
    assert [(c.city, v) for c, v in comparison.weighted] == [
        ("Rabat", Fraction(27, 4)), ("Casablanca", Fraction(25, 4)), ("Dakar", Fraction(23, 4)),
    ]  # fmt: skip
    # PROMETHEE II with the usual function, weights 1/2, 1/4, 1/4: π(R,C) = 1/2, π(C,R) = 1/2,
    # π(R,D) = 3/4, π(D,R) = 1/4, π(C,D) = 1/4, π(D,C) = 3/4 → φ(R) = (1/2 + 3/4 − 1/2 − 1/4)/2 = 1/4,
    # φ(D) = (1/4 + 3/4 − 3/4 − 1/4)/2 = 0, φ(C) = (1/2 + 1/4 − 1/2 − 3/4)/2 = −1/4: Dakar before Casablanca.
    assert [(c.city, v) for c, v in comparison.promethee] == [
        ("Rabat", Fraction(1, 4)), ("Dakar", Fraction(0)), ("Casablanca", Fraction(-1, 4)),
    ]  # fmt: skip
    flips = {c.key: comparison.flips[c.pk] for c in comparison.criteria}
    assert flips == {"political": Fraction(2, 5), "economic": Fraction(5, 14), "cultural": Fraction(1, 2)}


def test_ties_on_the_pages_go_by_city(assessment, org):
    criterion = assessment.criteria.get(key="economic")
    services.set_weights(
        org.users["civil_servant"], assessment, {c.pk: Decimal(c == criterion) for c in assessment.criteria.all()}
    )
    rabat = assessment.candidates.get(city="Rabat")
    services.set_score(org.users["civil_servant"], rabat, criterion, value=Decimal(9), evidence="gelijk")
    assert cities(services.compare(assessment).weighted) == ["Casablanca", "Rabat", "Dakar"]


def test_incomplete_scores_give_no_ranking(assessment, org):
    services.add_candidate(org.users["civil_servant"], assessment, city="Lagos", country="NG")
    comparison = services.compare(assessment)
    assert not comparison.complete and len(comparison.missing) == 3


@pytest.mark.parametrize(
    ("weights", "code"),
    [
        ({"political": -1, "economic": 1, "cultural": 1}, "negative"),
        ({"political": 0, "economic": 0, "cultural": 0}, "all_zero"),
    ],
)
def test_bad_weights_are_refused_and_nothing_changes(assessment, org, weights, code):
    criteria = {c.key: c for c in assessment.criteria.all()}
    with pytest.raises(ValidationError) as refused:
        services.set_weights(
            org.users["civil_servant"], assessment, {criteria[k].pk: Decimal(w) for k, w in weights.items()}
        )
    assert refused.value.code == code
    assert sorted(Criterion.objects.values_list("weight", flat=True)) == [1, 1, 2]


@pytest.mark.parametrize("value", [Decimal("-0.01"), Decimal("10.01"), Decimal(11)])
def test_scores_outside_the_scale_are_refused(assessment, org, value):
    candidate, criterion = assessment.candidates.first(), assessment.criteria.first()
    with pytest.raises(ValidationError):
        services.set_score(org.users["civil_servant"], candidate, criterion, value=value, evidence="x")
    assert not Score.objects.filter(value__gt=10).exists()


def test_a_score_needs_evidence_and_thresholds_are_checked(assessment, org):
    actor = org.users["civil_servant"]
    with pytest.raises(ValidationError):
        services.set_score(
            actor, assessment.candidates.first(), assessment.criteria.first(), value=Decimal(5), evidence=" "
        )
    with pytest.raises(ValidationError):
        services.add_criterion(
            actor, assessment, name="Nabijheid", group="thematic", function="linear", q=Decimal(3), p=Decimal(2)
        )
    with pytest.raises(ValidationError):
        services.add_criterion(actor, assessment, key="political", name="Politiek", group="political")  # key exists


def test_only_the_staff_assess(assessment, org):
    for role in ("minister_concerned", "expert"):
        with pytest.raises(PermissionDenied):
            services.create_assessment(org.users[role], title="x")


def test_page_sets_weights_and_shows_the_ranking(assessment, client, org):
    client.force_login(org.users["civil_servant"])
    url = f"/app/netwerk/afwegingen/{assessment.pk}/"
    page = client.get(url).content.decode()
    assert page.index("Rabat") < page.index("Casablanca", page.index('data-ranking="weighted"'))
    criteria = {c.key: c for c in assessment.criteria.all()}
    form = {f"weights-c{criteria['political'].pk}": "0", f"weights-c{criteria['economic'].pk}": "1",
            f"weights-c{criteria['cultural'].pk}": "0"}  # fmt: skip
    answer = client.post(f"{url}gewichten/", form, follow=True)
    ranking = answer.content.decode().split('data-ranking="weighted"')[1].split("</table>")[0]
    assert ranking.index("Casablanca") < ranking.index("Rabat") < ranking.index("Dakar")

    form[f"weights-c{criteria['economic'].pk}"] = "0"
    answer = client.post(f"{url}gewichten/", form, follow=True)
    assert "Minstens één gewicht moet groter zijn dan nul." in answer.content.decode()
    assert Criterion.objects.get(pk=criteria["economic"].pk).weight == 1  # unchanged


def test_outsiders_get_404_or_403(assessment, client, org):
    client.force_login(org.users["expert"])
    assert client.get("/app/netwerk/afwegingen/").status_code == 403
    client.force_login(org.users["applicant"])
    assert client.get(f"/app/netwerk/afwegingen/{assessment.pk}/").status_code == 403
    client.force_login(org.users["civil_servant"])
    assert client.get("/app/netwerk/afwegingen/999999/").status_code == 404


def test_report_is_a_document_for_the_agenda(assessment, client, org):
    client.force_login(org.users["civil_servant"])
    answer = client.post(f"/app/netwerk/afwegingen/{assessment.pk}/rapport/")
    assessment.refresh_from_db()
    document = assessment.report
    assert answer.status_code == 302 and answer["Location"] == f"/documenten/{document.uuid}/"
    version = document.versions.get()
    assert version.file.open("rb").read(5) == b"%PDF-"
    assert Document.objects.visible_to(org.users["minister_other"]).filter(pk=document.pk).exists()
    assert not Document.objects.visible_to(org.users["expert"]).filter(pk=document.pk).exists()
    client.post(f"/app/netwerk/afwegingen/{assessment.pk}/rapport/")
    assert document.versions.count() == 2  # made again: the next version of the same document
