"""Licences and what follows them are read-only here: they change only through the services
(which check the rules and write the audit trail)."""

from django.contrib import admin

from chancery.core.admin import ReadOnlyAdmin
from chancery.licensing.models import GeneralLicenceRegistration, Licence, PriorAuthorisation, UseReport


@admin.register(Licence)
class LicenceAdmin(ReadOnlyAdmin):
    list_display = ("number", "holder", "destination_country", "category", "value_eur", "valid_until")
    search_fields = ("number", "holder__name")


@admin.register(UseReport)
class UseReportAdmin(ReadOnlyAdmin):
    list_display = ("licence", "used_on", "quantity", "value_eur")


@admin.register(GeneralLicenceRegistration)
class GeneralLicenceRegistrationAdmin(ReadOnlyAdmin):
    list_display = ("general_licence", "party", "registered_at")


@admin.register(PriorAuthorisation)
class PriorAuthorisationAdmin(ReadOnlyAdmin):
    list_display = ("number", "kind", "party", "valid_from", "valid_until")
