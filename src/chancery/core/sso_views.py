"""Signing in and out: the local login (django-axes) with, when configured, single sign-on through
the government's identity provider (core.sso), and the logout that also ends the provider's session."""

from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from joserfc.errors import JoseError

from chancery.core import sso
from chancery.core.links import absolute

log = logging.getLogger(__name__)

# The backend that loads the account on later requests (a ModelBackend: it reads the user by key).
BACKEND = "chancery.core.passwords.PasswordBackend"


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = sso.enabled()
        context["sso_provider"] = sso.provider_name()
        return context


class LogoutView(auth_views.LogoutView):
    """Django's logout; after a single sign-on, on to the provider's end-session endpoint
    (RP-initiated logout, with the ID token as hint), which comes back to the home page."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(sso.SESSION_ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        if not (id_token and sso.enabled()):
            return response
        try:
            end = sso.client().create_logout_url(
                post_logout_redirect_uri=absolute(reverse("home"), request), id_token_hint=id_token
            )
        except (AuthlibBaseError, RuntimeError, requests.RequestException):
            log.warning("single sign-on: the provider's end-session endpoint could not be reached", exc_info=True)
            return response
        return HttpResponseRedirect(end["url"])


def _redirect_uri(request) -> str:
    return absolute(reverse("sso_callback"), request)


@never_cache
def sso_login(request):
    if not sso.enabled():
        raise Http404
    wanted = request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        request.session[sso.SESSION_NEXT] = wanted
    else:
        request.session.pop(sso.SESSION_NEXT, None)
    try:
        return sso.client().authorize_redirect(request, _redirect_uri(request))
    except (AuthlibBaseError, RuntimeError, requests.RequestException):
        log.warning("single sign-on: the identity provider could not be reached", exc_info=True)
        return render(request, "registration/sso_failed.html", {"unreachable": True}, status=503)


@never_cache
def sso_callback(request):
    """Where the provider sends the browser back: the code is exchanged for tokens (with the PKCE
    verifier), the state and the ID token checked (Authlib); then our mapping decides."""
    if not sso.enabled():
        raise Http404
    try:
        token = sso.client().authorize_access_token(request, claims_options=sso.id_token_checks())
    except (AuthlibBaseError, JoseError, RuntimeError, ValueError, requests.RequestException) as error:
        log.warning("single sign-on refused: %s", error)
        return render(request, "registration/sso_failed.html", status=400)
    claims = token.get("userinfo")
    if not claims or "id_token" not in token:
        log.warning("single sign-on refused: the provider's answer holds no ID token")
        return render(request, "registration/sso_failed.html", status=400)
    outcome = sso.sign_in(dict(claims))
    if isinstance(outcome, sso.Refusal):
        return render(request, "registration/sso_refused.html", {"refusal": outcome}, status=403)
    wanted = request.session.pop(sso.SESSION_NEXT, "")
    login(request, outcome, backend=BACKEND)
    request.session[sso.SESSION_ID_TOKEN] = token["id_token"]
    return HttpResponseRedirect(wanted or resolve_url("home"))
