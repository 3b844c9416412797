"""Create forms carried out once (issue 14: a double press made two licence applications and two
meetings).

Every create form carries a token made when its page is rendered (`{% load once %}{% form_token %}`
inside the `<form>`, beside `{% csrf_token %}`), and its view is decorated with `@once`. The first
POST with a token claims it (a row of `SentForm`, unique on the token) in the transaction of the
view; when the view answers with a redirect (it created something and shows it, or went back with
its message), the row keeps that address. A second POST with the same token waits for the first
to commit (the unique index on PostgreSQL, the write lock on SQLite), finds the row and goes to the
first result with a message instead of creating the thing again. A page shown again with its
errors lets the token go (the row is removed), so the corrected form is carried out normally, and
the page it renders carries a new token. A POST without a token (an old page, a script) is carried
out as before: the token is a safety net for people, not an authorisation.

The shared script (`static/js/forms.js`) also disables a form's submit buttons once it is sent,
so most second presses never leave the browser; the token holds when scripts do not run, on a
slow network or for a reload that sends the form again.
"""

from __future__ import annotations

import uuid
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from chancery.core.models import SentForm

FIELD = "form_token"


def new_token() -> str:
    return str(uuid.uuid4())


def _token(request) -> uuid.UUID | None:
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def once(view):
    """Carry out a create form's POST once per rendering of the form; see the module."""

    @wraps(view)
    def carried_out_once(request, *args, **kwargs):
        token = _token(request)
        if token is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = SentForm.objects.create(token=token, user=request.user)
            except IntegrityError:
                claim = None
            if claim is None:
                first = SentForm.objects.filter(token=token, user=request.user).exclude(url="").first()
                if first is None:
                    return view(request, *args, **kwargs)  # another user's token: no result of theirs to show
                messages.info(request, _("This form was already sent; this is what it did the first time."))
                return redirect(first.url)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and response.has_header("Location"):
                claim.url = response["Location"]
                claim.save(update_fields=["url"])
            else:
                claim.delete()  # shown again with its errors: the corrected form is carried out normally
            return response

    return carried_out_once
