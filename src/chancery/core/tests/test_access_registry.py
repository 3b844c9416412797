"""The access registry (core.visibility) over the whole project: every model either has a read rule
or is declared exempt with its reason, every readable model answers `.visible_to(user)`, and the
rule rendered as SQL agrees with the rule evaluated in Python on every registered model, for every
demo account, over the demo data. A new model without a rule fails here."""

from django.apps import apps

from chancery.core import visibility

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
