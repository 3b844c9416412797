import datetime
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from chancery.core.models import Document, DocumentKind, Mandatee
from chancery.core.views_kit import page_number
from chancery.decisions import services as decision_services
from chancery.decisions.models import Dossier, Meeting, Theme
from chancery.portal import catalogue, linkeddata, opendata, queries
from chancery.portal.models import SearchKind
from chancery.portal.search import service
from chancery.portal.search.text import clean


def decisions(request):
    page = Paginator(queries.meetings_with_decisions(request.user), 20).get_page(page_number(request))
    return render(request, "portal/decisions.html", {"page": page})


def meeting(request, uuid):
    # A meeting of which nothing is released does not exist for this reader (embargo).
    meeting = get_object_or_404(queries.meetings_with_decisions(request.user), uuid=uuid)
    items = list(queries.meeting_items(meeting, request.user))
    if not items:
        raise Http404(_("Nothing of this meeting has been released."))
    wanted = linkeddata.wanted_format(request)
    if wanted:
        return linkeddata.response(linkeddata.meeting_graph(meeting, request.user, _base(request)), wanted)
    return _with_alternates(request, render(request, "portal/meeting.html", {"meeting": meeting, "items": items}))


def decision(request, uuid, lineage):
    """One decided item of a released meeting: its own page and linked data (the decision's permalink)."""
    # The item decides: a meeting of which the reader may see nothing answers as an unknown one does.
    meeting = Meeting.objects.filter(uuid=uuid).first()
    item = next(iter(queries.meeting_items(meeting, request.user, lineage=lineage)), None) if meeting else None
    if item is None:
        raise Http404(_("Nothing of this meeting has been released."))
    wanted = linkeddata.wanted_format(request)
    if wanted:
        return linkeddata.response(linkeddata.item_graph(item, _base(request)), wanted)
    return _with_alternates(request, render(request, "portal/decision.html", {"meeting": meeting, "item": item}))


def document(request, uuid):
    """A public document's metadata page and linked data; the file itself is at its download address."""
    document = get_object_or_404(Document.objects.visible_to(request.user), uuid=uuid)
    wanted = linkeddata.wanted_format(request)
    if wanted:
        return linkeddata.response(linkeddata.document_graph(document, _base(request)), wanted)
    versions = document.versions.order_by("-number")
    return _with_alternates(
        request, render(request, "portal/document.html", {"document": document, "versions": versions})
    )


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _with_alternates(request, response):
    """The HTML page names its linked data, and caches keep the formats apart."""
    patch_vary_headers(response, ["Accept"])
    response["Link"] = ", ".join(
        f'<{request.path}?format={name}>; rel="alternate"; type="{content_type}"'
        for name, (_serializer, content_type) in linkeddata.FORMATS.items()
    )
    return response


def dossier(request, uuid):
    dossier = get_object_or_404(Dossier.objects.visible_to(request.user), uuid=uuid)
    history = decision_services.dossier_histories([dossier], request.user)[dossier.pk]
    return render(
        request,
        "portal/dossier.html",
        {"dossier": dossier, "history": history, "phase": decision_services.phase_of(history)},
    )


def _number(request, name: str, default=None):
    """A whole number from the query string (ASCII digits, at most nine: an id, a year or a page);
    anything else counts as not given."""
    value = request.GET.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else default


def _filters(request) -> service.Filters:
    def number(name):
        return _number(request, name)

    return service.Filters(
        year=number("jaar"),
        kind=request.GET.get("soort", "") if request.GET.get("soort") in SearchKind.values else "",
        minister=number("minister"),
        theme=clean(request.GET.get("thema", ""), 80),
        meeting=number("zitting"),
        phase=clean(request.GET.get("fase", ""), 40),
        document_kind=request.GET.get("stuksoort", "") if request.GET.get("stuksoort") in DocumentKind.values else "",
    )


def search(request):
    text = clean(request.GET.get("q", ""))
    sort = "date" if request.GET.get("sorteer") == "datum" else "relevance"
    results = service.search(
        request.user, text, filters=_filters(request), sort=sort, page=_number(request, "pagina", 1)
    )
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "portal/search.html",
        {
            "text": text,
            "results": results,
            "sort": sort,
            "params": params.urlencode(),
            "kinds": dict(SearchKind.choices),
            "document_kinds": dict(DocumentKind.choices),
        },
    )


class SearchFeed(Feed):
    """The newest results of a search, as Atom: follow a query."""

    feed_type = Atom1Feed

    def get_object(self, request):
        self.request = request
        # Without control characters: XML cannot carry them (a NUL byte in the query was a 500).
        return clean(request.GET.get("q", ""))

    def title(self, text):
        return _("Decisions of the Government: %(query)s") % {"query": text}

    def link(self, text):
        return reverse("search") + "?" + urlencode({"q": text})

    def subtitle(self, text):
        return _("The newest released decisions and documents that match “%(query)s”.") % {"query": text}

    def items(self, text):
        return service.search(self.request.user, text, filters=_filters(self.request), sort="date").hits

    def item_title(self, entry):
        return clean(entry.title, 1000)

    def item_description(self, entry):
        return clean(entry.body, 500)  # extracted text may hold control characters (a PDF's form feeds)

    def item_link(self, entry):
        return entry.url

    def item_pubdate(self, entry):
        return datetime.datetime.combine(entry.date, datetime.time(12), tzinfo=datetime.UTC)


def open_data(request):
    """The dumps; asked for linked data, the DCAT-AP catalogue that describes them."""
    wanted = linkeddata.wanted_format(request)
    if wanted:
        return linkeddata.response(catalogue.catalogue_graph(_base(request)), wanted)
    return _with_alternates(request, render(request, "portal/open_data.html", {"dumps": opendata.available()}))


def open_data_file(request, name):
    if name not in opendata.DUMPS:
        raise Http404(_("There is no such dump."))
    storage = storages["default"]
    path = f"{opendata.FOLDER}/{name}"
    if not storage.exists(path):
        raise Http404(_("This dump has not been made yet."))
    return FileResponse(storage.open(path, "rb"), content_type=opendata.DUMPS[name], filename=name)


def minister(request, pk):
    mandatee = get_object_or_404(Mandatee.objects.select_related("person"), pk=pk)
    page = Paginator(queries.decisions_of_minister(mandatee, request.user), 25).get_page(page_number(request))
    return render(request, "portal/minister.html", {"mandatee": mandatee, "page": page})


class DecisionFeed(Feed):
    """The newest released decisions of a list, as Atom; subclasses say which list."""

    feed_type = Atom1Feed

    def item_title(self, item):
        return item.short_title

    def item_description(self, item):
        decision = item.decision
        return f"{decision.get_result_display()}: {decision.text}" if decision else ""

    def item_link(self, item):
        return queries.decision_path(item)

    def item_pubdate(self, item):
        return item.agenda.meeting.starts_at


class MinisterFeed(DecisionFeed):
    def get_object(self, request, pk):
        self.request = request
        return get_object_or_404(Mandatee.objects.select_related("person"), pk=pk)

    def title(self, mandatee):
        return _("Decisions of the Government: %(minister)s") % {"minister": mandatee.person}

    def link(self, mandatee):
        return reverse("portal:minister", args=[mandatee.pk])

    def items(self, mandatee):
        return queries.decisions_of_minister(mandatee, self.request.user)[:50]


def themes(request):
    return render(request, "portal/themes.html", {"themes": queries.themes_with_counts(request.user)})


def theme(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    page = Paginator(queries.decisions_of_theme(theme, request.user), 25).get_page(page_number(request))
    return render(request, "portal/theme.html", {"theme": theme, "page": page})


class ThemeFeed(DecisionFeed):
    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return _("Decisions of the Government: %(theme)s") % {"theme": theme.label}

    def link(self, theme):
        return reverse("portal:theme", args=[theme.slug])

    def items(self, theme):
        return queries.decisions_of_theme(theme, self.request.user)[:50]
