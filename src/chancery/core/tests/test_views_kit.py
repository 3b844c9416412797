"""The views' kit: the form → service → message pattern (`call_service`) and the pages' query
parameters (Dutch; an old English name still answers)."""

import re
from pathlib import Path

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from chancery.core.views_kit import call_service, form_status, page_number, query

SRC = Path(__file__).resolve().parents[2]


class NameForm(forms.Form):
    name = forms.CharField(max_length=5)
    note = forms.CharField(required=False)


def post(data=None):
    request = RequestFactory().post("/", data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def flashed(request) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(request)]


def refuse(**errors):
    def action():
        raise ValidationError(errors or "Not now.")

    return action


# --- a page with its form ------------------------------------------------------------------------


def test_an_unbound_or_invalid_form_calls_nothing_and_is_shown_again():
    calls = []
    unbound = NameForm()
    assert call_service(post(), lambda: calls.append(1), form=unbound) is None
    assert form_status(unbound) == 200
    invalid = NameForm({"name": "far too long"})
    assert call_service(post(), lambda: calls.append(1), form=invalid) is None
    assert calls == [] and form_status(invalid) == 400 and form_status(None) == 200


def test_the_services_refusal_goes_onto_the_form():
    form = NameForm({"name": "Ann"})
    assert call_service(post(), refuse(name="Taken."), form=form) is None
    assert form.errors == {"name": ["Taken."]} and form_status(form) == 400
    form = NameForm({"name": "Ann"})
    call_service(post(), refuse(), form=form, field="note")  # a refusal that names no field
    assert form.errors == {"note": ["Not now."]}
    form = NameForm({"name": "Ann"})
    call_service(post(), refuse(elsewhere="Closed."), form=form)  # a field the form does not have
    assert form.non_field_errors() == ["Closed."]


def test_success_flashes_and_redirects_to_then_or_to_what_the_service_made():
    request = post()
    form = NameForm({"name": "Ann"})
    response = call_service(
        request, lambda: "/made/", form=form, success=lambda made: f"Made {made}.", then=lambda made: made + "#top"
    )
    assert response.status_code == 302 and response["Location"] == "/made/#top"
    assert flashed(request) == [("success", "Made /made/.")]
    response = call_service(post(), lambda: "/made/", form=NameForm({"name": "Ann"}))
    assert response["Location"] == "/made/"


def test_permission_denied_is_not_caught():
    def forbidden():
        raise PermissionDenied("No.")

    with pytest.raises(PermissionDenied):
        call_service(post(), forbidden, form=NameForm({"name": "Ann"}))
    with pytest.raises(PermissionDenied):
        call_service(post(), forbidden, back="/back/")


def test_a_page_without_its_form_needs_back():
    with pytest.raises(TypeError):
        call_service(post(), lambda: None)


# --- a small form on another page ----------------------------------------------------------------


def test_on_another_page_an_invalid_form_is_flashed_and_the_user_goes_back():
    request, form = post(), NameForm({"name": "far too long"})
    response = call_service(request, lambda: None, form=form, back="/back/")
    assert response["Location"] == "/back/" and flashed(request) == [("error", form.errors["name"][0])]
    request = post()
    call_service(request, lambda: None, form=NameForm({}), back="/back/", invalid="Give a name.")
    assert flashed(request) == [("error", "Give a name.")]
    request = post()
    call_service(request, lambda: None, form=NameForm({}), back="/back/", invalid="")
    assert flashed(request) == []


def test_on_another_page_the_refusal_is_flashed_and_success_goes_to_then_or_back():
    request = post()
    response = call_service(request, refuse(name="Taken.", note="Too late."), back="/back/", success="Done.")
    assert response["Location"] == "/back/" and flashed(request) == [("error", "Taken. Too late.")]
    request = post()
    response = call_service(request, lambda: 3, back="/back/", success=lambda n: f"{n} done.")
    assert response["Location"] == "/back/" and flashed(request) == [("success", "3 done.")]
    response = call_service(post(), lambda: 3, back="/back/", then=lambda n: f"/item/{n}/")
    assert response["Location"] == "/item/3/"


# --- query parameters ----------------------------------------------------------------------------


def test_a_renamed_parameter_answers_to_its_old_name_too():
    def get(path):
        return RequestFactory().get(path)

    assert query(get("/?van=A&naar=C"), van="from", naar="to").dict() == {"van": "A", "naar": "C"}
    assert query(get("/?from=A&to=C"), van="from", naar="to").dict() == {"van": "A", "naar": "C"}
    assert query(get("/?van=B&from=A"), van="from").dict() == {"van": "B"}  # the new name wins
    assert query(get("/?soort=a&soort=b&q=x"), soort="kind").getlist("soort") == ["a", "b"]
    assert page_number(get("/?pagina=3")) == "3" and page_number(get("/?page=2")) == "2"
    assert page_number(get("/")) is None


# The query parameters of the pages, all Dutch (docs/ARCHITECTURE.md, "Web shell"). `q`, `format`
# (linked data, as the Accept header) and Django's `next` are the same in every language; `code`,
# `procedure`, `status`, `tab`, `minister` and `per` are Dutch words too.
PAGE_PARAMETERS = {
    "q", "format", "next",
    "pagina", "maand", "van", "naar", "stap", "laat", "dringend", "soort", "niveau", "status",
    "ambitie", "entiteit", "prioriteit", "onder", "tab", "procedure", "code", "naam", "land",
    "jaar", "minister", "thema", "zitting", "fase", "stuksoort", "sorteer", "regel", "op",
    "kaart", "programma", "regelgeving", "per", "alle_projecten",
}  # fmt: skip


def _page_parameters() -> dict[str, set[str]]:
    """Every query parameter a page reads or links to, with where: read by a view (`request.GET`,
    `query(request, …)`), linked in a template (`?name=` or `&amp;name=`), or a field of a form
    sent with GET."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        if "tests" in path.parts or path.parts[-2] == "api" or path.name == "api.py":
            continue  # the API's parameters are English, as its fields are
        text = path.read_text()
        names = set(re.findall(r"request\.GET\.get\(\s*\"(\w+)\"", text))
        names |= set(re.findall(r"\"(\w+)\" in request\.GET", text))
        for renamed in re.findall(r"query\(request((?:, \w+=\"\w+\")*)\)", text):
            names |= set(re.findall(r"(\w+)=", renamed))
        for name in names:
            found.setdefault(name, set()).add(str(path.relative_to(SRC)))
    for path in SRC.rglob("*.html"):
        text = path.read_text()
        names = set(re.findall(r"(?:href=\"[^\"]*\?|&amp;)(\w+)=", text))
        for form in re.findall(r"<form method=\"get\".*?</form>", text, re.S):
            names |= set(re.findall(r"\bname=\"(\w+)\"", form))
        for name in names:
            found.setdefault(name, set()).add(str(path.relative_to(SRC)))
    return found


def test_the_pages_query_parameters_are_dutch():
    found = _page_parameters()
    assert {"pagina", "maand", "stap", "thema", "naam"} <= set(found)  # the scan sees them
    assert {name: sorted(where) for name, where in found.items() if name not in PAGE_PARAMETERS} == {}
