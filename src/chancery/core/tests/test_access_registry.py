"""The access registry (core.visibility) over the whole project: every model either has a read rule
or is declared exempt with its reason, every readable model answers `.visible_to(user)`, and the
rule rendered as SQL agrees with the rule evaluated in Python on every registered model, for every
demo account, over the demo data. A new model without a rule fails here."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from chancery.core import visibility
from chancery.core.models import User

# Models the demo does not hold (yet); each must say why, and still has its rule checked elsewhere.
NOT_IN_DEMO = {
    "core.Rendition": "made by LibreOffice in the background; the demo has no office files rendered",
    "api.ApiToken": "tokens are issued by `chancery token`",
    "api.WebhookSubscription": "subscriptions are an application's",
    "api.Delivery": "subscriptions are an application's",
    "decisions.Minutes": "the demo keeps no minutes",
    "strategic_goods.FurtherEndUser": "the demo files no combined licence (test_combined does)",
    "procedures.ApplicationDraft": "the demo's applicant has submitted everything (test_applicant_form keeps drafts)",
    "core.PendingUpload": "kept only while a form is corrected or a draft holds it (test_applicant_form)",
    "core.ExternalIdentity": "made at a sign-in through an identity provider; the demo runs without one (test_sso)",
    "decisions.ImportedRecord": "made by `chancery import-decisions` from another system's files (test_import)",
    "archive.DestructionList": "the demo's files closed lately: none is past its retention (archive test_destruction)",
    "archive.DestructionItem": "the demo's files closed lately: none is past its retention (archive test_destruction)",
}


def chancery_models():
    return [m for m in apps.get_models() if m.__module__.startswith("chancery.")]


def test_every_model_has_a_read_rule_or_says_why_not():
    registered, exempt = visibility.registered(), visibility.exemptions()
    missing = [m._meta.label for m in chancery_models() if m not in registered and m not in exempt]
    assert not missing, f"Register a read rule (core.visibility.register) or an exemption for {missing}"
    assert not set(registered) & set(exempt)
    for model, reason in exempt.items():
        assert reason.strip(), model
    for model in registered:
        assert hasattr(model._default_manager, "visible_to"), f"{model._meta.label}: use ReadableQuerySet"


@pytest.fixture
def demo(db):
    # The background work the demo starts (text extraction, renditions) runs on commit, which a
    # test's transaction never reaches: not needed here.
    call_command("demo", stdout=StringIO())


SAMPLE = 25


def test_the_sql_and_the_python_renderings_agree_over_the_demo(demo):
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
