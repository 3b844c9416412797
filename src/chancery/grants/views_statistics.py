"""The statistics of the grant programmes (services.statistics): for the grants service at
`/app/subsidies/statistieken/`, for everyone at `/oproepen/statistieken/` (with the small-cell
rule) and as CSV. One table per choice (`?per=programma|oproep|land|jaar`, `?programma=`,
`?jaar=`), with bar charts beside the same numbers in the table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from chancery.core import charts
from chancery.core.authz import require
from chancery.grants.services import statistics


def _choice(request) -> dict:
    per = request.GET.get("per")
    year = request.GET.get("jaar", "")
    return {
        "per": per if per in statistics.DIMENSIONS else statistics.DEFAULT_DIMENSION,
        "programme": request.GET.get("programma") or None,
        "year": int(year) if year.isdigit() and len(year) == 4 else None,
    }


def _page(request, *, public: bool, nav_current: str):
    chosen = _choice(request)
    result = statistics.table(chosen["per"], programme=chosen["programme"], year=chosen["year"], public=public)
    per_label = statistics.DIMENSIONS[chosen["per"]]
    return render(request, "grants/statistics.html", {
        **chosen, "table": result, "public": public, "dimensions": statistics.DIMENSIONS.items(),
        "programmes": statistics.programmes(), "years": statistics.years(), "nav_current": nav_current,
        "query": request.GET.urlencode(), "minimum": result.minimum, "per_label": per_label,
        # (title, chart): the title is the figure's visible caption and the chart's accessible name.
        "charts": [
            (title, charts.bar_chart(statistics.chart_rows(result, key), title=title))
            for key, title in (("applications", _("Applications per %(per)s") % {"per": per_label}),
                               ("granted_cents", _("Granted per %(per)s (EUR)") % {"per": per_label}))
        ],
    })  # fmt: skip


@login_required
def statistics_view(request):
    require(request.user, "grants.handle")
    return _page(request, public=False, nav_current="grants:index")


def public_statistics(request):
    return _page(request, public=True, nav_current="grants_public:calls")


def public_statistics_csv(request):
    chosen = _choice(request)
    result = statistics.table(chosen["per"], programme=chosen["programme"], year=chosen["year"], public=True)
    response = HttpResponse(statistics.as_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subsidies-statistieken-{chosen["per"]}.csv"'
    return response
