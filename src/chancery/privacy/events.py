"""The domain events the privacy module emits (core.events): a person's data were pseudonymised,
so that an integrator who copied them can do the same. The event carries the request's number and
the kinds of rows changed, never who the person is."""

from django.utils.translation import gettext_lazy as _

from chancery.core.events import declare

SUBJECT_PSEUDONYMISED = declare("privacy.subject_pseudonymised", _("Personal data of a data subject pseudonymised"))
