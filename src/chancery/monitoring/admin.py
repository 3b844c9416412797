"""Administrators set up the tree, indicators, targets, release calendars and SDMX mappings here
(audited like every admin change). Budgets and observations have their own rules and pages: their
admin is read-only, so nobody bypasses over-commitment checks or revisions."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from chancery.core.admin import AuditedAdmin, ReadOnlyAdmin
from chancery.monitoring.models import (
    BenchmarkValue,
    BudgetLine,
    Indicator,
    Initiative,
    Milestone,
    Observation,
    ScheduledRelease,
    SdmxMapping,
    Target,
    VisionNote,
)
from chancery.monitoring.services import structure


class InitiativeForm(forms.ModelForm):
    """The structure's rule (services.structure.check_place) holds in the admin too."""

    def clean(self):
        data = super().clean()
        if "level" in data:
            try:
                structure.check_place(data["level"], data.get("parent"))
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    form = InitiativeForm
    list_display = ("code", "title", "level", "parent", "lead_entity", "public")
    list_filter = ("level", "public")
    search_fields = ("code", "title")
    filter_horizontal = ("participants", "dossiers", "themes")

    def get_readonly_fields(self, request, obj=None):
        # Its place in the tree is set once: moving it would move its figures and reports.
        return ("level", "parent") if obj is not None else ()


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1


class ReleaseInline(admin.TabularInline):
    model = ScheduledRelease
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("code", "name", "unit", "direction", "public")
    search_fields = ("code", "name")
    filter_horizontal = ("initiatives",)
    inlines = [TargetInline, ReleaseInline]


@admin.register(Milestone)
class MilestoneAdmin(AuditedAdmin):
    """The status changes on the initiative's page, through services.milestones (a done milestone
    needs its date, not in the future; a dropped one its reason; both audited): read-only here."""

    list_display = ("title", "initiative", "due", "status")
    list_filter = ("status",)
    readonly_fields = ("status", "done_on", "drop_reason")


@admin.register(SdmxMapping)
class SdmxMappingAdmin(AuditedAdmin):
    list_display = ("name", "indicator", "dataflow", "area_dimension")


@admin.register(VisionNote)
class VisionNoteAdmin(AuditedAdmin):
    list_display = ("title", "kind", "owner", "last_update", "planned_update")


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ("initiative", "year", "planned", "committed", "spent")


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "period", "value", "revision", "is_current")


@admin.register(BenchmarkValue)
class BenchmarkValueAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "area", "period", "value")
