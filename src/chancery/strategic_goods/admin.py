from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chancery.strategic_goods.models import (
    Application,
    ControlListEntry,
    CriterionFinding,
    DenialNotification,
    GoodsLine,
    NameAlias,
    SanctionedEntity,
    SanctionsList,
    ScreeningHit,
)


class ReadOnly(admin.ModelAdmin):
    """Reference data comes from files (commands), hits are reviewed through the service: the admin
    only shows them, so that the loading checks and the audited review cannot be bypassed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ControlListEntry)
class ControlListEntryAdmin(ReadOnly):
    list_display = ["code", "list", "regime", "description"]
    list_filter = ["list", "category", "group", "regime"]
    search_fields = ["code", "description"]


@admin.register(SanctionsList)
class SanctionsListAdmin(ReadOnly):
    list_display = ["source_name", "generation_date", "entity_count", "is_demo", "loaded_at"]


class NameAliasInline(admin.TabularInline):
    model = NameAlias
    extra = 0
    can_delete = False
    fields = ["whole_name", "first_name", "middle_name", "last_name", "strong", "language"]
    readonly_fields = fields


@admin.register(SanctionedEntity)
class SanctionedEntityAdmin(ReadOnly):
    list_display = ["__str__", "logical_id", "subject_type", "programme", "designation_date"]
    list_filter = ["subject_type", "programme"]
    search_fields = ["aliases__whole_name", "logical_id", "eu_reference_number"]
    inlines = [NameAliasInline]


@admin.register(ScreeningHit)
class ScreeningHitAdmin(ReadOnly):
    list_display = ["subject", "party_name", "kind", "listed", "score", "decision", "reviewer", "reviewed_at"]
    list_filter = ["kind", "decision"]
    search_fields = ["subject", "party_name", "listed_name", "list_id"]

    @admin.display(description=_("listed name"))
    def listed(self, hit):
        return hit.listed


# Applications, findings and denials are recorded through the procedure's services (validated,
# audited): read-only here too.
class GoodsLineInline(admin.TabularInline):
    model = GoodsLine
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ["case", "kind", "licence_form", "goods_family", "destination_country", "created_at"]
    list_filter = ["kind", "licence_form", "goods_family"]
    search_fields = ["case__reference", "consignee_name", "end_user_name"]
    inlines = [GoodsLineInline]


@admin.register(CriterionFinding)
class CriterionFindingAdmin(ReadOnly):
    list_display = ["case", "criterion", "finding", "assessor", "at"]
    list_filter = ["criterion", "finding"]


@admin.register(DenialNotification)
class DenialNotificationAdmin(ReadOnly):
    list_display = ["case", "destination_country", "end_user_name", "denied_on"]
    list_filter = ["destination_country"]
