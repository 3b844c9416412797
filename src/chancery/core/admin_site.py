"""The Django admin is for administrators only (role `admin`), whatever other flags say."""

from chancery.core.authz import may


def restrict_admin_to_administrators(site) -> None:
    def has_permission(request):
        return may(request.user, "core.administer")

    site.has_permission = has_permission
    site.site_header = "Chancery"
    site.site_title = "Chancery"
