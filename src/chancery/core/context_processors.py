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
    modules = navigation.modules_for(request.user)
    return {"nav_modules": modules, "nav_current": current}
