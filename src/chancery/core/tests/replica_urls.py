"""URLs for core/tests/test_replica_routing.py: a probe that notes where the router would send its
reads, under a route declared public (`probe_public`, declared by the tests) and one that is not."""

from django.contrib.sessions.models import Session
from django.db import router, transaction
from django.http import HttpResponse
from django.urls import include, path

from chancery.core.context import acting_through
from chancery.core.models import Document

observed: list[dict[str, str]] = []


def probe(request):
    seen = {"reads": router.db_for_read(Document), "sessions": router.db_for_read(Session)}
    if "write" in request.GET:
        seen["writes"] = router.db_for_write(Document)
        seen["reads_after_write"] = router.db_for_read(Document)
    if "atomic" in request.GET:
        with transaction.atomic():
            seen["reads_in_transaction"] = router.db_for_read(Document)
        seen["reads_after_transaction"] = router.db_for_read(Document)
    with acting_through("task"):
        seen["reads_in_task"] = router.db_for_read(Document)
    observed.append(seen)
    return HttpResponse("ok")


urlpatterns = [
    path("publiek/", include(([path("", probe, name="probe")], "probe_public"))),
    path("intern/", probe, name="probe_internal"),
]
