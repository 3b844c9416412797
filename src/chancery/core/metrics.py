"""The process's own measurements, in the Prometheus client library's types (exposed at `/metrics`
by `chancery.operations.metrics`). Here, in core, so that any layer may record without importing
the operations app.

`chancery serve` runs several gunicorn processes and a worker: each records into its own files under
`PROMETHEUS_MULTIPROC_DIR` (set by serve, the library's multiprocess mode), and the exposition adds
them up, so a scrape sees the whole node whichever process answers. Without it (a test, `runserver`)
the measurements are the one process's."""

from __future__ import annotations

import time

from prometheus_client import Histogram

# Route names, not paths: a path carries ids (one series per document would have no end).
REQUEST_LATENCY = Histogram(
    "chancery_request_duration_seconds",
    "Time to answer a request, by route name and method.",
    ["route", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)

RELEASE_DURATION = Histogram(
    "chancery_release_duration_seconds",
    "Time to perform a release (everything in its scope made public in one transaction), by scope.",
    ["scope"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0),
)


METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetricsMiddleware:
    """Records each answer's time under its route name (`unmatched` for an address no route has)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = match.view_name if match is not None and match.view_name else "unmatched"
        method = request.method if request.method in METHODS else "other"  # a client's made-up method is no new series
        REQUEST_LATENCY.labels(route=route, method=method).observe(time.perf_counter() - started)
        return response
