"""The register's demo: some dozens of regulations, EU acts and transpositions, two burden
calculations and a draft decree with its ex-ante delta; loaded twice, made once; and the access
registry's two renderings agree on it for every demo account."""

from django.contrib.auth.models import AnonymousUser

from chancery.core import visibility
from chancery.core.demo.loader import load_demo as load_core
from chancery.core.models import User
from chancery.regulation.demo.loader import load_demo
from chancery.regulation.models import (
    BurdenCalculation,
    DraftRegulation,
    EuAct,
    FeedbackSignal,
    GoldPlatingItem,
    Regulation,
    RegulationVersion,
    SignalEvidence,
    SignalGroup,
    StateOfRegulation,
    StateOfRegulationVersion,
    Transposition,
)
from chancery.regulation.services import register


def test_the_demo_register(db):
    load_core()
    added = load_demo()
    assert added
    assert load_demo() == {}  # nothing twice
    assert Regulation.objects.count() >= 36
    # Those taken from the Gazette's ELI data carry their ELI, verified.
    published = Regulation.objects.filter(eli_verified=True)
    assert published.count() >= 12 and all(
        "/eli/decreet/1992/" in eli for eli in published.values_list("eli", flat=True)
    )
    assert EuAct.objects.count() >= 8 and Transposition.objects.count() >= 8
    assert GoldPlatingItem.objects.exists() and RegulationVersion.objects.exists()
    assert BurdenCalculation.objects.filter(kind="in_force").count() == 2
    draft = DraftRegulation.objects.get()
    ex_ante = draft.calculations.get()
    secretariat = User.objects.get(username="secretariaat")
    delta = register.delta(ex_ante, secretariat)
    assert delta.baseline is not None and delta.change.administrative_burden < 0
    readers = [AnonymousUser(), *User.objects.filter(is_active=True)]
    for model in (
        Regulation,
        RegulationVersion,
        Transposition,
        GoldPlatingItem,
        EuAct,
        BurdenCalculation,
        DraftRegulation,
        FeedbackSignal,
        SignalGroup,
        SignalEvidence,
        StateOfRegulation,
        StateOfRegulationVersion,
    ):
        rows = list(model.objects.all())
        for reader in readers:
            by_sql = set(model.objects.visible_to(reader).values_list("pk", flat=True))
            assert by_sql == {row.pk for row in rows if visibility.evaluate(row, reader)}, (model, reader)
    # The public sees the register, not the draft still in preparation.
    assert Regulation.objects.visible_to(AnonymousUser()).count() == Regulation.objects.count()
    assert not DraftRegulation.objects.visible_to(AnonymousUser()).exists()
    assert not BurdenCalculation.objects.visible_to(AnonymousUser()).filter(kind="ex_ante").exists()
    # The feedback panel in every moderation state, nothing personal published; one report.
    states = set(FeedbackSignal.objects.values_list("state", "rejection"))
    assert {("received", ""), ("published", ""), ("rejected", "spam"), ("rejected", "personal_data"),
            ("rejected", "off_topic")} <= states  # fmt: skip
    assert set(SignalGroup.objects.values_list("status", flat=True)) >= {"under_study", "answered", "taken_up"}
    assert FeedbackSignal.objects.filter(state="published").values("group").distinct().count() < (
        FeedbackSignal.objects.filter(state="published").count()
    )  # similar signals grouped
    for signal in FeedbackSignal.objects.visible_to(AnonymousUser()):
        assert "0475" not in signal.public_text and "@" not in signal.public_text
    assert not FeedbackSignal.objects.visible_to(AnonymousUser()).exclude(state="published").exists()
    assert SignalEvidence.objects.filter(signal__state="received").exists()
    version = StateOfRegulationVersion.objects.get()
    assert version.figures["feedback"]["received"] >= 8 and version.report.document.versions.count() == 1
