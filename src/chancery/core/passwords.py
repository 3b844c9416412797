"""Signing in with a user name and password: Django's own backend, except that under production
settings the demo password never opens an account. The demo command refuses to run there, but a
database that once held the demo (a copy, an acceptance environment promoted by mistake) still has
its accounts, and everybody knows their password: it is printed by `make run`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import constant_time_compare

from chancery.core.demo.data import DEMO_PASSWORD


class PasswordBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if settings.PRODUCTION and password is not None and constant_time_compare(password, DEMO_PASSWORD):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
