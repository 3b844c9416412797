"""What the thin views share: the form → service → message pattern, the status of a form page,
and the pages' query parameters.

Every view that changes something does the same: a valid form calls a service; the service's
refusal (a ValidationError) is shown to the user; on success a message is flashed and the user is
redirected. `call_service` does it once, for both kinds of form:

- a page with its form (`back` not given): the refusal goes onto the form, on the field it names
  (`add_service_errors`), and None comes back, so the view renders the form again with
  `form_status(form)`;
- a small form (a button, a field or two) shown on another page (`back` given): nothing is
  rendered again, so an invalid form or the refusal is flashed as an error and the user goes back.

PermissionDenied is not caught: it answers 403, as everywhere else.

A page's query parameters are Dutch, as its path is (`?pagina=2`, `?maand=2026-05`); the API keeps
English ones, as its fields are (docs/ARCHITECTURE.md, "Web shell"). `query` reads them, with the
old name of a renamed one still answering, so a bookmarked address keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect

from chancery.core.forms import add_service_errors


def call_service(
    request,
    action: Callable[[], Any],
    *,
    form: forms.Form | None = None,
    success: str | Callable[[Any], str] | None = None,
    then: Any = None,
    back: Any = None,
    field: str | None = None,
    invalid: str | None = None,
) -> HttpResponse | None:
    """Call `action` (the service, through a function without arguments) for a valid `form`.

    `success`: the message flashed when the service succeeds, a text or a function of its result
    (None: no message). `then`: where to go then, anything `redirect` takes (a model, a URL, a
    view's name) or a function of the result giving one; by default `back`, else the result itself
    (the object the service made, which has its page).

    Without `back` (the form's own page): an unbound or invalid form, or the service's refusal
    (put on the form, on `field` when it names no field of the form), gives None.

    With `back` (where the form is shown): an invalid form flashes `invalid` (by default the form's
    errors; "" flashes nothing), the service's refusal flashes its messages, and both go to `back`.
    """
    if back is None and form is None:
        raise TypeError("call_service needs the form of its page, or `back`.")
    if form is not None and not (form.is_bound and form.is_valid()):
        if back is None:
            return None
        message = (
            invalid if invalid is not None else " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        if message:
            messages.error(request, message)
        return redirect(back)
    try:
        result = action()
    except ValidationError as exc:
        if back is None:
            add_service_errors(form, exc, field)
            return None
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if success:
        messages.success(request, success(result) if callable(success) else success)
    target = then if then is not None else back if back is not None else result
    return redirect(target(result) if callable(target) else target)


def form_status(form: forms.Form | None) -> int:
    """400 for a page shown again because its form was refused, else 200."""
    return 400 if form is not None and form.is_bound and form.errors else 200


def query(request, **renamed: str) -> QueryDict:
    """The page's query parameters; `renamed` maps a parameter's name to the name it had before
    (`query(request, pagina="page")`), which is read as the new one when the new one is absent."""
    params = request.GET.copy()
    for name, old in renamed.items():
        values = params.pop(old, None)
        if values is not None and name not in params:
            params.setlist(name, values)
    return params


def page_number(request) -> str | None:
    """The page of a paginated list asked for: `?pagina=` (`?page=` before)."""
    return query(request, pagina="page").get("pagina")
