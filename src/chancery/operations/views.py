"""Health endpoints (chancery.operations.health): JSON, never cached, no personal data."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from chancery.operations import health


@never_cache
@require_safe
def live(request):
    """The process answers (nothing else is asked: a load balancer restarts a process that does not)."""
    return JsonResponse(health.live())


@never_cache
@require_safe
def ready(request):
    """The node can serve: 200, or 503 with the reasons."""
    is_ready, answer = health.ready()
    return JsonResponse(answer, status=200 if is_ready else 503)
