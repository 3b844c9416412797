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
    GoldPlatingItem,
    Regulation,
    RegulationVersion,
    Transposition,
)
from chancery.regulation.services import register


def test_the_demo_register(db):
    load_core()
    added = load_demo()
    assert added
    assert load_demo() == {}  # nothing twice
    assert Regulation.objects.count() >= 36
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
    ):
        rows = list(model.objects.all())
        for reader in readers:
            by_sql = set(model.objects.visible_to(reader).values_list("pk", flat=True))
            assert by_sql == {row.pk for row in rows if visibility.evaluate(row, reader)}, (model, reader)
    # The public sees the register, not the draft still in preparation.
    assert Regulation.objects.visible_to(AnonymousUser()).count() == Regulation.objects.count()
    assert not DraftRegulation.objects.visible_to(AnonymousUser()).exists()
    assert not BurdenCalculation.objects.visible_to(AnonymousUser()).filter(kind="ex_ante").exists()
