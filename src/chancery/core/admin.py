from cryptography import x509
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chancery.core import audit, signing
from chancery.core.models import (
    AuditAction,
    AuditEntry,
    Document,
    DocumentVersion,
    Entity,
    ExternalIdentity,
    Mandatee,
    Person,
    SigningCredential,
    User,
)


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin land in the audit trail like any other change."""

    def _fields(self, obj):
        return [f.name for f in obj._meta.concrete_fields if f.name not in {"password", "last_login"}]

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk), self._fields(obj))
        super().save_model(request, obj, form, change)
        audit.record(
            request.user,
            AuditAction.UPDATE if change else AuditAction.CREATE,
            obj,
            before=before,
            after=audit.snapshot(obj, self._fields(obj)),
            source="admin",
        )

    def delete_model(self, request, obj):
        audit.record(
            request.user, AuditAction.DELETE, obj, before=audit.snapshot(obj, self._fields(obj)), source="admin"
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Entity)
class EntityAdmin(AuditedAdmin):
    list_display = ("name", "code", "kind", "parent", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "name_en", "code")


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedAdmin):
    """Who signed in through the identity provider (core.sso). The identity is the provider's; an
    administrator may only link it to another account (an existing local one, say) or unlink it."""

    list_display = ("subject", "issuer", "user", "last_seen")
    search_fields = ("subject", "user__username")
    readonly_fields = ("issuer", "subject", "claims", "first_seen", "last_seen")
    raw_id_fields = ("user",)

    def has_add_permission(self, request):
        return False


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    search_fields = ("first_name", "last_name")


@admin.register(Mandatee)
class MandateeAdmin(AuditedAdmin):
    list_display = ("person", "title", "precedence", "start", "end", "cabinet")
    list_filter = ("end",)
    list_select_related = ("person", "cabinet")


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "entity", "is_active")
    list_filter = ("role", "is_active")
    list_select_related = ("entity",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:1],
        (_("Role and organisation"), {"fields": ("role", "entity", "person")}),
        *DjangoUserAdmin.fieldsets[1:],
    )
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, (_("Role and organisation"), {"fields": ("role", "entity")}))


class ReadOnlyAdmin(admin.ModelAdmin):
    """Documents change only through their services (versions, reasons, trail); the admin looks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "access_level", "release_state", "version_count", "created_at")
    list_filter = ("kind", "access_level", "release_state")
    search_fields = ("title",)


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ("document", "number", "original_filename", "size", "sha256", "extraction_state")
    list_select_related = ("document",)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "object_label", "source")
    list_filter = ("action", "source", "content_type")
    search_fields = ("object_label", "actor_label", "reason")
    date_hierarchy = "at"


class SigningCredentialForm(forms.ModelForm):
    """Enrolling a signer: the certificate and encrypted key as the signer's authority issued them,
    and the signer's passphrase, only to check that the key opens and belongs to the certificate
    (it is not stored)."""

    passphrase = forms.CharField(label=_("Signing passphrase"), widget=forms.PasswordInput, strip=False)

    class Meta:
        model = SigningCredential
        fields = ("user", "certificate_pem", "encrypted_key_pem")

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                signing.check_enrolment(data["certificate_pem"], data["encrypted_key_pem"], data["passphrase"])
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


@admin.register(SigningCredential)
class SigningCredentialAdmin(AuditedAdmin):
    """Signers are enrolled here or with `chancery enrol-signer`, both through `signing.enrol`
    (checked and audited there). A credential is never edited: the command enrols a signer
    again, the admin deletes the old one first."""

    form = SigningCredentialForm
    list_display = ("user", "subject", "created_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__last_name")

    @admin.display(description=_("certificate"))
    def subject(self, obj):
        return x509.load_pem_x509_certificate(obj.certificate_pem.encode()).subject.rfc4514_string()

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        credential = signing.enrol(
            request.user,
            data["user"],
            data["certificate_pem"],
            data["encrypted_key_pem"],
            data["passphrase"],
            source="admin",
        )
        obj.pk = credential.pk
