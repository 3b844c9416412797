"""`/metrics`: the node's measurements in the Prometheus text format, made by the Prometheus client
library (`prometheus_client`), not by hand.

Two kinds of figures:
- measured in the processes (`core.metrics`): request latency by route name, release durations;
  added up over the node's processes when `chancery serve` set `PROMETHEUS_MULTIPROC_DIR`;
- read from the database at each scrape (`DatabaseCollector`), so every node and process tells the
  same: the task queue's depth and oldest age, the search index's lag and stale entries, webhook
  delivery attempts by outcome (failures among them).

Who may read it: an operator's monitoring, not the public (route names and volumes tell how the
service is used). Allowed from the networks in `CHANCERY_METRICS_ALLOWED_NETWORKS` (the client's
address as `core.client` reads it) or with `Authorization: Bearer <CHANCERY_METRICS_TOKEN>`; anyone
else gets 404, as for any page they may not see. Outside production the loopback is allowed."""

from __future__ import annotations

import hmac
import ipaddress
import os

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from chancery.api.models import Delivery
from chancery.core.client import client_address
from chancery.operations import health


class DatabaseCollector:
    """Figures read at scrape time from what every process shares: the database (and this node's index)."""

    def collect(self):
        queue = health.task_queue()
        yield GaugeMetricFamily("chancery_task_queue_depth", "Tasks due and not started.", value=queue["pending"])
        yield GaugeMetricFamily(
            "chancery_task_queue_oldest_age_seconds",
            "How long the oldest task due has waited since it was due.",
            value=queue["oldest_seconds"],
        )
        index = health.search_index()
        yield GaugeMetricFamily(
            "chancery_search_index_stale_entries", "Entries changed and not yet in this node's index.",
            value=index["stale_entries"],
        )  # fmt: skip
        yield GaugeMetricFamily(
            "chancery_search_index_lag_seconds",
            "How long changes may have waited for this node's index (0 when none waits).",
            value=index["lag_seconds"] or 0.0,
        )
        attempts = CounterMetricFamily(
            "chancery_webhook_deliveries", "Webhook delivery attempts by outcome (failed: not accepted).",
            labels=["state"],
        )  # fmt: skip
        counted = dict(Delivery.objects.order_by().values_list("state").annotate(n=Count("pk")))
        for state in ("pending", "delivered", "failed", "refused", "withheld"):
            attempts.add_metric([state], counted.get(state, 0))
        yield attempts


def registry() -> CollectorRegistry:
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        combined = CollectorRegistry()
        MultiProcessCollector(combined, path=directory)
    else:
        combined = CollectorRegistry()
        combined.register(_ProcessMetrics())
    combined.register(DatabaseCollector())
    return combined


class _ProcessMetrics:
    """The default registry's figures (this process's histograms) inside another registry."""

    def collect(self):
        yield from REGISTRY.collect()


def allowed(request) -> bool:
    token = settings.CHANCERY_METRICS_TOKEN
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].encode(), token.encode()):
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(
        address.version == network.version and address in network
        for network in (ipaddress.ip_network(n, strict=False) for n in settings.CHANCERY_METRICS_ALLOWED_NETWORKS)
    )


@never_cache
@require_safe
def metrics(request):
    if not allowed(request):
        raise Http404
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
