"""Administrators set up the tree, indicators, targets, release calendars and SDMX mappings here
(audited like every admin change). Budgets and observations have their own rules and pages: their
admin is read-only, so nobody bypasses over-commitment checks or revisions."""

from django.contrib import admin

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


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ("code", "title", "level", "parent", "lead_entity", "public")
    list_filter = ("level", "public")
    search_fields = ("code", "title")
    filter_horizontal = ("participants", "dossiers", "themes")


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
    list_display = ("title", "initiative", "due", "status")
    list_filter = ("status",)


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
