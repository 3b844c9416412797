"""Confidentiality: every role × access level × release state, for lists, detail pages and
downloads. EXPECTED is the policy of models/access.py written out as a table."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from chancery.core import services
from chancery.core.models import AccessLevel, Document, ReleaseState
from chancery.core.testing import pdf_upload

ALL_STATES = set(ReleaseState.values)
RELEASED = {ReleaseState.RELEASED}
COUNCIL_CONCERNED = {
    AccessLevel.PUBLIC: ALL_STATES,
    AccessLevel.INTERNAL_GOVERNMENT: ALL_STATES,
    AccessLevel.INTERNAL_COUNCIL: ALL_STATES,
    AccessLevel.CONFIDENTIAL: ALL_STATES,
}
COUNCIL_OTHER = {
    AccessLevel.PUBLIC: ALL_STATES,
    AccessLevel.INTERNAL_GOVERNMENT: ALL_STATES,
    AccessLevel.INTERNAL_COUNCIL: ALL_STATES,
}
EVERYTHING = {level: ALL_STATES for level in AccessLevel.values}
EXPECTED = {
    "anonymous": {AccessLevel.PUBLIC: RELEASED},
    "admin": EVERYTHING,
    "secretariat": EVERYTHING,
    "minister_concerned": COUNCIL_CONCERNED,
    "cabinet_concerned": COUNCIL_CONCERNED,
    "minister_other": COUNCIL_OTHER,
    "cabinet_other": COUNCIL_OTHER,
    "civil_servant": {AccessLevel.PUBLIC: RELEASED, AccessLevel.INTERNAL_GOVERNMENT: RELEASED},
    "expert": {AccessLevel.PUBLIC: RELEASED},
    "applicant": {AccessLevel.PUBLIC: RELEASED},
}
ROLES = list(EXPECTED)
CASES = list(itertools.product(AccessLevel.values, ReleaseState.values))


def expected_visible(role, level, state) -> bool:
    return state in EXPECTED[role].get(level, set())


@pytest.fixture
def matrix(org):
    """One document per level × release state; the confidential ones concern minister A."""
    secretariat = org.users["secretariat"]
    documents = {}
    for level, state in CASES:
        document = services.create_document(
            secretariat,
            title=f"Stuk {level} {state}",
            access_level=level,
            upload=pdf_upload(f"{level}-{state}.pdf", f"Inhoud {level} {state}"),
            concerned_mandatees=[org.mandatees["a"]] if level == AccessLevel.CONFIDENTIAL else [],
        )
        if state != ReleaseState.PLANNED:
            services.set_release_state(secretariat, document, ReleaseState.CONFIRMED)
        if state == ReleaseState.RELEASED:
            services.set_release_state(secretariat, document, ReleaseState.RELEASED)
        documents[(level, state)] = document
    return documents


def user_for(org, role):
    return AnonymousUser() if role == "anonymous" else org.users[role]


def client_for(client, org, role):
    if role != "anonymous":
        client.force_login(org.users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_queryset_filters_every_level_and_state(org, matrix, role):
    visible = set(Document.objects.visible_to(user_for(org, role)).values_list("pk", flat=True))
    for (level, state), document in matrix.items():
        assert (document.pk in visible) == expected_visible(role, level, state), (role, level, state)
        assert document.is_visible_to(user_for(org, role)) == expected_visible(role, level, state)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_document_list_page(client, org, matrix, role):
    client_for(client, org, role)
    response = client.get(reverse("document_list"), {"pagina": 1})
    assert response.status_code == 200
    html = response.content.decode()
    for (level, state), document in matrix.items():
        assert (f">{document.title}<" in html) == expected_visible(role, level, state), (role, level, state)


def test_document_list_filters_by_level_in_the_pages_words(client, org, matrix):
    client_for(client, org, "secretariat")
    # ?niveau= (and ?level=, its name before: a bookmarked filter still works)
    for params in ({"niveau": AccessLevel.CONFIDENTIAL}, {"level": AccessLevel.CONFIDENTIAL}):
        html = client.get(reverse("document_list"), params).content.decode()
        for (level, _state), document in matrix.items():
            assert (f">{document.title}<" in html) == (level == AccessLevel.CONFIDENTIAL), (params, level)


def test_document_list_requires_login(client, matrix):
    response = client.get(reverse("document_list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_detail_page(client, org, matrix, role):
    client_for(client, org, role)
    for (level, state), document in matrix.items():
        response = client.get(document.get_absolute_url())
        expected = 200 if expected_visible(role, level, state) else 404
        assert response.status_code == expected, (role, level, state)
        if expected == 404:
            assert document.title not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_file_download(client, org, matrix, role):
    client_for(client, org, role)
    for (level, state), document in matrix.items():
        version = document.versions.get()
        response = client.get(version.get_download_url())
        if expected_visible(role, level, state):
            assert response.status_code == 200, (role, level, state)
            body = b"".join(response.streaming_content)
            assert body == version.file.open("rb").read()
            assert response["Content-Type"] == "application/pdf"
            assert "attachment" in response["Content-Disposition"]
        else:
            assert response.status_code == 404, (role, level, state)


def test_named_person_sees_confidential_but_never_internal_secretariat(org):
    secretariat, expert = org.users["secretariat"], org.users["expert"]
    confidential = services.create_document(
        secretariat, title="Genoemd", access_level=AccessLevel.CONFIDENTIAL, upload=pdf_upload(), named_users=[expert]
    )
    secret = services.create_document(
        secretariat,
        title="Secretarie",
        access_level=AccessLevel.INTERNAL_SECRETARIAT,
        upload=pdf_upload("b.pdf"),
        named_users=[expert],
    )
    visible = set(Document.objects.visible_to(expert))
    assert confidential in visible
    assert secret not in visible
    # The other minister's cabinet is not concerned and not named.
    assert confidential not in set(Document.objects.visible_to(org.users["cabinet_other"]))


def test_inactive_user_sees_only_the_public(org, matrix):
    minister = org.users["minister_concerned"]
    minister.is_active = False
    minister.save()
    visible = set(Document.objects.visible_to(minister))
    assert visible == {matrix[(AccessLevel.PUBLIC, ReleaseState.RELEASED)]}


def test_visibility_is_one_query_without_duplicates(org, matrix, django_assert_num_queries):
    extra = services.create_document(
        org.users["secretariat"],
        title="Twee betrokkenen",
        access_level=AccessLevel.CONFIDENTIAL,
        upload=pdf_upload("c.pdf"),
        concerned_mandatees=[org.mandatees["a"], org.mandatees["b"]],
        named_users=[org.users["minister_concerned"], org.users["cabinet_concerned"]],
    )
    with django_assert_num_queries(1):
        rows = list(Document.objects.visible_to(org.users["cabinet_concerned"]))
    assert rows.count(extra) == 1
