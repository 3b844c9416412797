from django.contrib.auth.models import AnonymousUser
from django.urls import resolve
from django.urls.exceptions import Resolver404

from chancery.core import navigation


def shell(request):
    """What every page's shell needs: the navigation for this user and which entry is current."""
    try:
        match = resolve(request.path_info)
        current = match.url_name if not match.namespace else f"{match.namespace}:{match.url_name}"
    except Resolver404:
        current = ""
    # Error pages can render before the authentication middleware ran.
    user = getattr(request, "user", None) or AnonymousUser()
    modules = navigation.modules_for(user)
    groups = navigation.groups_for(user, modules)
    area = next((group.key for group in groups if group.holds(current)), "")
    return {"nav_modules": modules, "nav_groups": groups, "nav_current": current, "nav_current_area": area}
