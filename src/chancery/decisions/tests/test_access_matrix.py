"""The foundation's confidentiality matrix, applied to agenda items and every read path that shows
them: the internal agenda page, the public meeting page, and the decision documents."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from chancery.core.authz import may
from chancery.core.models import AccessLevel, Document, ReleaseState
from chancery.core.testing import pdf_upload
from chancery.core.tests.test_access import EXPECTED, ROLES, expected_visible
from chancery.decisions import services
from chancery.decisions.models import AgendaItem, DecisionResult

LEVELS = [level for level in AccessLevel.values if level != AccessLevel.INTERNAL_SECRETARIAT]
CASES = list(itertools.product(LEVELS, ReleaseState.values))


@pytest.fixture
def matrix(secretariat, meeting, add, org):
    """One decided item per level × release state, each with a decision document of its level."""
    for level, state in CASES:
        add(meeting, f"Punt {level} {state}", access_level=level)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=True)
    items = {}
    for item in services.final_items(meeting):
        level, state = item.short_title.split()[1:]
        services.record_decision(
            secretariat, item, result=DecisionResult.APPROVED, text=f"Besluit {level} {state}",
            upload=pdf_upload(f"{level}-{state}.pdf", f"{level} {state}"),
        )  # fmt: skip
        # The release state is set directly: the matrix wants every combination, also the odd ones.
        AgendaItem.objects.filter(pk=item.pk).update(release_state=state)
        Document.objects.filter(pk=item.decision.document_id).update(release_state=state)
        items[(level, state)] = item
    return items


def user_for(org, role):
    return AnonymousUser() if role == "anonymous" else org.users[role]


def test_the_roles_of_the_matrix_are_the_foundations():
    assert set(ROLES) == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
def test_items_decisions_and_their_documents_follow_the_matrix(client, org, meeting, matrix, role):
    user = user_for(org, role)
    visible_items = set(AgendaItem.objects.visible_to(user).values_list("pk", flat=True))
    visible_documents = set(Document.objects.visible_to(user).values_list("pk", flat=True))
    if role != "anonymous":
        client.force_login(user)
    public_page = client.get(reverse("portal:meeting", args=[meeting.uuid]))
    public_html = public_page.content.decode() if public_page.status_code == 200 else ""
    internal = client.get(meeting.get_absolute_url())
    internal_html = internal.content.decode() if internal.status_code == 200 else ""
    for (level, state), item in matrix.items():
        expected = expected_visible(role, level, state)
        title = f"Punt {level} {state}"
        assert (item.pk in visible_items) == expected, (role, level, state)
        assert (item.decision.document_id in visible_documents) == expected, (role, level, state)
        assert (f"Besluit {level} {state}" in public_html) == expected, (role, level, state, "portal")
        if internal.status_code == 200:
            assert (title in internal_html) == expected, (role, level, state, "agenda")
    # Outsiders never reach the internal agenda at all.
    assert (internal.status_code == 200) == may(user, "core.use_back_office")
