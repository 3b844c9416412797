"""The bench's web server: the platform as deployed (gunicorn, as `chancery serve` runs it), plus
one minimal Django view — the baseline for API throughput — that returns the same rows as the API
list it is compared with, as plain JSON, with no serializer, pagination, negotiation or checks.

Run by bench/run.py as `gunicorn bench.server:application` with PYTHONPATH=<repo>:<repo>/src."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chancery.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.http import JsonResponse  # noqa: E402
from django.urls import clear_url_caches, get_resolver, path  # noqa: E402

PAGE = 50  # the API's default page


def baseline(request):
    """The first page of decisions the public may see, straight from the database."""
    from chancery.decisions.models import AgendaItem, Decision

    rows = list(
        Decision.objects.filter(item__in=AgendaItem.objects.visible_to(None).values("pk"))
        .order_by("-pk")
        .values(
            "pk",
            "item_id",
            "version",
            "result",
            "text",
            "motivation",
            "reference",
            "document_id",
            "decided_at",
            "reason",
        )[:PAGE]
    )
    return JsonResponse({"results": rows})


# Added to the platform's own URLs, in this process only.
get_resolver().url_patterns.insert(0, path("bench/baseline", baseline))
clear_url_caches()
