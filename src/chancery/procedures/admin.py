"""Administrators correct parties here (audited like every admin change). Cases, their history,
notes and documents are read-only: a case changes state only through the engine (`fire`), which
checks roles and guards and writes the history."""

from django.contrib import admin

from chancery.core.admin import AuditedAdmin, ReadOnlyAdmin
from chancery.procedures.models import Case, CaseTransition, Party


@admin.register(Party)
class PartyAdmin(AuditedAdmin):
    list_display = ("name", "kind", "registration_number", "country")
    list_filter = ("kind", "country")
    search_fields = ("name", "registration_number")


class TransitionInline(admin.TabularInline):
    model = CaseTransition
    extra = 0
    can_delete = False
    readonly_fields = ("name", "source", "target", "actor", "at", "reason")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "procedure", "state", "title", "applicant", "team", "due_on")
    list_filter = ("procedure", "state")
    search_fields = ("reference", "title", "applicant__name")
    inlines = [TransitionInline]
