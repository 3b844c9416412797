import datetime
import uuid as uuid_module
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from chancery.core import links
from chancery.core import opendata as core_opendata
from chancery.core.authz import require
from chancery.core.models import Document, DocumentKind, Mandatee, Person
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


@login_required
@never_cache
def release_preview(request, uuid):
    """The secretariat's preview of a meeting's release: its public page as the public will read
    it once every release of the meeting not yet performed is done. It is rendered for an
    anonymous reader inside a rehearsal of those releases that is rolled back (nothing is
    released, and no one else can see it meanwhile), with the public page's own queries and
    template, so the preview cannot differ from what the release will show. Only who may release
    opens it; it is neither cached nor indexed."""
    require(request.user, "decisions.release")
    meeting = get_object_or_404(Meeting, uuid=uuid)
    outlines = decision_services.release_outline(meeting)
    with decision_services.rehearsed_release(request.user, meeting):
        items = list(queries.meeting_items(meeting, AnonymousUser()))
        # Rendered inside: the template reads the rehearsed state too.
        response = render(
            request, "portal/release_preview.html", {"meeting": meeting, "items": items, "outlines": outlines}
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


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
    return links.site_base(request)


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


@dataclass(frozen=True)
class Asked:
    """What a feed was asked for, and the request. A feed object serves every request (in every
    thread), so nothing of one request may be kept on it: whose eyes read the list travels here."""

    request: HttpRequest
    subject: object


@dataclass(frozen=True)
class Entry:
    thing: object
    base: str  # the site's address for this request (core.links)


class PortalFeed(Feed):
    """Every Atom feed of the site, valid Atom (RFC 4287): the feed's id is its own address, query
    included, as is its self link; its author is the Government; each entry has an updated moment.
    Links are absolute through core.links (the public address when configured). Subclasses say
    what is followed (`subject`, `name`, `page`) and which things are listed (`things`, `thing_*`)."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return Asked(request, self.subject(request, *args, **kwargs))

    def title(self, asked):
        return _("Decisions of the Government: %(subject)s") % {"subject": self.name(asked.subject)}

    def link(self, asked):
        return links.absolute(self.page(asked.subject, asked.request), asked.request)

    def feed_url(self, asked):
        return links.absolute(asked.request.get_full_path(), asked.request)

    def feed_guid(self, asked):
        return self.feed_url(asked)

    def author_name(self):
        return settings.CHANCERY_GOVERNING_BODY["label"]

    def items(self, asked):
        base = links.site_base(asked.request)
        return [Entry(thing, base) for thing in self.things(asked.subject, asked.request)]

    def item_title(self, entry):
        # Without control characters: XML cannot carry them (a NUL byte in the query was a 500).
        return clean(self.thing_title(entry.thing), 1000)

    def item_description(self, entry):
        return clean(self.thing_description(entry.thing), 500)  # extracted text may hold form feeds

    def item_link(self, entry):
        return entry.base + self.thing_path(entry.thing)

    def item_pubdate(self, entry):
        return self.thing_published(entry.thing)

    def item_updateddate(self, entry):
        return self.thing_updated(entry.thing)

    def thing_updated(self, thing):
        return self.thing_published(thing)


class SearchFeed(PortalFeed):
    """The newest results of a search, as Atom: follow a query."""

    def subject(self, request):
        return clean(request.GET.get("q", "")).strip()

    def name(self, text):
        return text

    def page(self, text, request):
        # The search page of the same query and filters (the feed's own parameters are the page's).
        return reverse("search") + ("?" + request.GET.urlencode() if request.GET else "")

    def subtitle(self, asked):
        return _("The newest released decisions and documents that match “%(query)s”.") % {"query": asked.subject}

    def things(self, text, request):
        return service.search(request.user, text, filters=_filters(request), sort="date").hits

    def thing_title(self, entry):
        return entry.title

    def thing_description(self, entry):
        return entry.body[:500]

    def thing_path(self, entry):
        return entry.url

    def thing_published(self, entry):
        return datetime.datetime.combine(entry.date, datetime.time(12), tzinfo=datetime.UTC)


def open_data(request):
    """The dumps; asked for linked data, the DCAT-AP catalogue that describes them."""
    wanted = linkeddata.wanted_format(request)
    if wanted:
        return linkeddata.response(catalogue.catalogue_graph(_base(request)), wanted)
    context = {"dumps": opendata.available(), "datasets": core_opendata.datasets()}
    return _with_alternates(request, render(request, "portal/open_data.html", context))


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


class DecisionFeed(PortalFeed):
    """The newest released decisions of a list, as Atom; subclasses say which list."""

    def thing_title(self, item):
        return item.short_title

    def thing_description(self, item):
        decision = item.decision
        return f"{decision.get_result_display()}: {decision.text}" if decision else ""

    def thing_path(self, item):
        return queries.decision_path(item)

    def thing_published(self, item):
        return item.agenda.meeting.starts_at

    def thing_updated(self, item):
        # A correction is a new version of the decision: the entry changed then.
        decision = item.decision
        return max(item.agenda.meeting.starts_at, decision.decided_at) if decision else item.agenda.meeting.starts_at


class MinisterFeed(DecisionFeed):
    def subject(self, request, pk):
        return get_object_or_404(Mandatee.objects.select_related("person"), pk=pk)

    def name(self, mandatee):
        return str(mandatee.person)

    def page(self, mandatee, request):
        return reverse("portal:minister", args=[mandatee.pk])

    def things(self, mandatee, request):
        return queries.decisions_of_minister(mandatee, request.user)[:50]


def themes(request):
    return render(request, "portal/themes.html", {"themes": queries.themes_with_counts(request.user)})


def theme(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    page = Paginator(queries.decisions_of_theme(theme, request.user), 25).get_page(page_number(request))
    return render(request, "portal/theme.html", {"theme": theme, "page": page})


class ThemeFeed(DecisionFeed):
    def subject(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def name(self, theme):
        return theme.label

    def page(self, theme, request):
        return reverse("portal:theme", args=[theme.slug])

    def things(self, theme, request):
        return queries.decisions_of_theme(theme, request.user)[:50]


# --- the URIs of the linked data (/id/…) -------------------------------------------------------

# Kinds of URI whose subject is a decided item's: its page (the decision's permalink) describes them.
ITEM_KINDS = {"agendapunt", "behandeling-van-agendapunt", "besluit", "beslissingsactiviteit", "rechtsgrond"}


def identifier(request, kind, key):
    """An URI of ours (linkeddata.Builder.uri) dereferenced: a thing with a page of its own answers
    303 See Other to that page, which gives HTML or, as asked, Turtle or JSON-LD; a thing without
    one (a person, a mandate, our own concepts) is described here. What the reader may not see is
    unknown (404), as on the pages."""
    user = request.user
    if kind in ("zitting", "locatie"):
        meeting = get_object_or_404(queries.meetings_with_decisions(user), uuid=_uuid(key))
        return _see_other(reverse("portal:meeting", args=[meeting.uuid]))
    if kind in ITEM_KINDS:
        lineage, _sep, rest = key.partition("/")
        if rest and (kind != "rechtsgrond" or rest != "artikel/1"):
            raise Http404(_("There is no such identifier."))
        item = (
            queries.visible_final_items(user)
            .filter(lineage=_uuid(lineage), decisions__isnull=False)
            .select_related("agenda__meeting")
            .first()
        )
        if item is None:
            raise Http404(_("There is no such identifier."))
        return _see_other(queries.decision_path(item))
    if kind == "stuk":
        document = get_object_or_404(Document.objects.visible_to(user), uuid=_uuid(key))
        return _see_other(reverse("portal:document", args=[document.uuid]))
    base = links.site_base(request)
    builder = linkeddata.Builder(base)
    if kind == "persoon" and key.isdigit():
        person = get_object_or_404(Person, pk=key)
        node, label = builder.person(person), str(person)
    elif kind == "mandataris" and key.isdigit():
        mandatee = get_object_or_404(Mandatee.objects.select_related("person"), pk=key)
        node, label = builder.mandatee(mandatee), f"{mandatee.person}, {mandatee.title}"
    elif kind == "mandataris" and key.startswith("secretaris/") and key.removeprefix("secretaris/").isdigit():
        person = get_object_or_404(Person, pk=key.removeprefix("secretaris/"))
        node, label = builder.secretary(person), f"{person}, {_('Secretary')}"
    elif kind == "concept" and key.startswith("document-type/"):
        document_kind = key.removeprefix("document-type/")
        if document_kind not in DocumentKind.values or document_kind in linkeddata.KALEIDOS_DOCUMENT_TYPES:
            raise Http404(_("There is no such identifier."))
        uri, label = linkeddata.document_kind(document_kind, base)
        node = builder.concept(uri, label)
    else:
        raise Http404(_("There is no such identifier."))
    wanted = linkeddata.wanted_format(request)
    if wanted:
        return linkeddata.response(builder.graph, wanted)
    return _with_alternates(request, render(request, "portal/identifier.html", {"uri": str(node), "label": label}))


def _uuid(text: str):
    try:
        return uuid_module.UUID(text)
    except ValueError:
        raise Http404(_("There is no such identifier.")) from None


def _see_other(path: str):
    """303 See Other to the document about the thing; the document answers the Accept header."""
    response = HttpResponseRedirect(path)
    response.status_code = 303
    patch_vary_headers(response, ["Accept"])
    return response
