"""The Django admin is for administrators only (role `admin`), whatever other flags say."""


def restrict_admin_to_administrators(site) -> None:
    def has_permission(request):
        user = request.user
        return bool(user.is_active and user.is_authenticated and getattr(user, "role", None) == "admin")

    site.has_permission = has_permission
    site.site_header = "Chancery"
    site.site_title = "Chancery"
