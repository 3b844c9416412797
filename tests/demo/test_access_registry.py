"""The access registry's two renderings of each read rule, SQL and Python, agree on every registered
model, for every demo account, over the demo data (the registry's other checks:
chancery.core.tests.test_access_registry)."""

from django.contrib.auth.models import AnonymousUser

from chancery.core import visibility
from chancery.core.models import User
from chancery.core.tests.test_access_registry import NOT_IN_DEMO

SAMPLE = 25


def test_the_sql_and_the_python_renderings_agree_over_the_demo(on_the_demo):
    readers = [AnonymousUser(), *User.objects.filter(is_active=True).order_by("pk")]
    assert len(readers) >= 8
    empty = []
    for model, _rule in sorted(visibility.registered().items(), key=lambda kv: kv[0]._meta.label):
        rows = list(model._default_manager.order_by("pk")[:SAMPLE])
        if not rows:
            empty.append(model._meta.label)
            continue
        for reader in readers:
            by_sql = set(
                model._default_manager.visible_to(reader)
                .filter(pk__in=[r.pk for r in rows])
                .values_list("pk", flat=True)
            )
            by_python = {row.pk for row in rows if visibility.evaluate(row, reader)}
            assert by_sql == by_python, (model._meta.label, str(reader))
    unexplained = sorted(set(empty) - set(NOT_IN_DEMO))
    assert not unexplained, f"The demo holds no {unexplained}: add them to the demo, or to NOT_IN_DEMO with why"
    stale = sorted(set(NOT_IN_DEMO) - set(empty))
    assert not stale, f"The demo now holds {stale}: remove them from NOT_IN_DEMO"
