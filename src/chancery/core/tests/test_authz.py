"""One permission vocabulary: actions declared once per app, asked through `may`/`require`,
`user.has_perm` and the `{% may %}` tag alike; roles read only in permission modules."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory

from chancery.core import authz
from chancery.core.authz import may, require

SOURCE = Path(__file__).resolve().parents[2]  # src/chancery


def test_an_undeclared_action_is_an_error_not_a_refusal(org):
    with pytest.raises(ImproperlyConfigured):
        may(org.users["secretariat"], "decisions.aprove_agenda")


def test_require_refuses_with_the_actions_message_in_the_users_language(org):
    from django.utils import translation

    with translation.override("nl"), pytest.raises(PermissionDenied) as refused:
        require(org.users["civil_servant"], "decisions.approve_agenda")
    assert str(refused.value) == "Alleen de secretarie beheert zittingen en agenda's."
    require(org.users["secretariat"], "decisions.approve_agenda")  # allowed: nothing raised


def test_has_perm_gives_the_declared_answer_to_administrators_too(org):
    """Django says yes to every superuser without asking; a declared action must not."""
    admin = org.users["admin"]
    assert admin.is_superuser
    assert admin.has_perm("decisions.approve_agenda")
    assert not may(admin, "procedures.apply")  # the counter is for outsiders
    assert not admin.has_perm("procedures.apply")
    assert org.users["applicant"].has_perm("procedures.apply")
    assert not org.users["civil_servant"].has_perm("decisions.approve_agenda")
    # Model permissions still go to Django.
    assert admin.has_perm("core.view_document")


def test_anonymous_visitors_may_nothing_unless_an_action_says_so(db):
    anonymous = AnonymousUser()
    assert not may(anonymous, "core.use_back_office")
    assert not anonymous.has_perm("core.use_back_office")
    authz.declare("core.test_open_to_all", lambda user, obj=None: True, anonymous=True)
    assert anonymous.has_perm("core.test_open_to_all")  # through ActionBackend


def test_inactive_users_may_nothing(org):
    secretariat = org.users["secretariat"]
    secretariat.is_active = False
    assert not may(secretariat, "decisions.approve_agenda")


def test_the_template_tag_asks_the_same_question(org):
    template = Template('{% load authz %}{% may "decisions.approve_agenda" as ok %}{{ ok|yesno:"yes,no" }}')
    for role, expected in (("secretariat", "yes"), ("civil_servant", "no"), ("minister_concerned", "no")):
        request = RequestFactory().get("/")
        request.user = org.users[role]
        assert template.render(Context({"request": request})) == expected, role


def test_object_actions_read_the_object(org):
    from chancery.core import services
    from chancery.core.testing import pdf_upload

    document = services.create_document(
        org.users["civil_servant"], title="Nota", upload=pdf_upload(), access_level="internal_government"
    )
    assert may(org.users["civil_servant"], "core.edit_document", document)  # the uploader
    assert not may(org.users["expert"], "core.edit_document", document)


def _product_files():
    for path in sorted(SOURCE.rglob("*.py")):
        parts = set(path.relative_to(SOURCE).parts)
        if parts & {"tests", "migrations", "demo"} or path.name in ("testing.py",):
            continue
        yield path


def test_roles_are_read_only_in_permission_modules_and_the_user_model():
    """Who may do what is decided in one place per app (its permissions.py): a role spelled
    anywhere else is a second rule waiting to drift. Test data and demo data create users with
    roles; they decide nothing."""
    allowed = {SOURCE / "core/models/organisation.py", SOURCE / "core/models/__init__.py"}
    offenders = []
    for path in _product_files():
        if path.name == "permissions.py" or path in allowed:
            continue
        text = path.read_text()
        for number, line in enumerate(text.splitlines(), 1):
            if re.search(r"\bRole\.|\.role\b|\bis_internal\b|\bis_secretariat\b", line):
                offenders.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert not offenders, "Ask core.authz.may/require instead:\n" + "\n".join(offenders)


ACTION_USE = re.compile(
    r"""(?:\bmay|\brequire|has_perm|permission=|\{%\s*may)\(?\s*(?:[\w.\[\]"'()]+,\s*)?["']([a-z_]+\.[a-z_]+)["']"""
)


def test_every_action_asked_for_is_declared(db):
    """A typo in an action's name fails here, not as a silent refusal on some page."""
    asked = set()
    for path in [*SOURCE.rglob("*.py"), *SOURCE.rglob("*.html")]:
        if {"migrations", "tests"} & set(path.parts) or path.name == "authz.py":
            continue
        asked |= {(name, str(path.relative_to(SOURCE))) for name in ACTION_USE.findall(path.read_text())}
    assert len({name for name, _ in asked}) > 20  # the scan finds the project's uses
    undeclared = sorted(f"{name} ({where})" for name, where in asked if not authz.is_declared(name))
    assert not undeclared, undeclared
