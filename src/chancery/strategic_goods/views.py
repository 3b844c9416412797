"""Back-office pages of strategic goods: look up and check a control-list code, screen a party,
and review the screening hits that hold files back. Thin: the rules live in services/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import may, require
from chancery.core.forms import add_service_errors
from chancery.core.views_kit import call_service, query
from chancery.procedures.models import Case
from chancery.strategic_goods.forms import CodeForm, FindingForm, ReviewForm, ScreenForm
from chancery.strategic_goods.models import ControlListEntry, ScreeningHit
from chancery.strategic_goods.services import assessment, review_hit, screen, validate_code
from chancery.strategic_goods.services.sanctions import current_list


def _internal(request) -> None:
    require(request.user, "strategic_goods.use")


@login_required
def index(request):
    _internal(request)
    code_form = CodeForm(request.GET if "code" in request.GET else None)
    entry = None
    if code_form.is_bound and code_form.is_valid():
        try:
            code = validate_code(code_form.cleaned_data["code"])
        except ValidationError as exc:
            add_service_errors(code_form, exc, "code")
        else:
            entry = ControlListEntry.objects.select_related("parent").get(code=code)
    screened = query(request, naam="name", land="country")  # ?name=&country= before
    screen_form = ScreenForm(screened if "naam" in screened else None)
    matches = None
    if screen_form.is_bound and screen_form.is_valid():
        matches = screen(screen_form.cleaned_data["name"], screen_form.cleaned_data["country"])
    subjects = (
        ScreeningHit.objects.visible_to(request.user)
        .values("subject")
        .annotate(open=Count("pk", filter=Q(decision="")), total=Count("pk"))
        .order_by("-open", "subject")
    )
    return render(
        request,
        "strategic_goods/index.html",
        {
            "code_form": code_form,
            "entry": entry,
            "children": entry.children.all() if entry else (),
            "screen_form": screen_form,
            "matches": matches,
            "sanctions_list": current_list(),
            "subjects": subjects,
        },
    )


def _case_of(request, subject: str):
    """The licence file a subject names (its reference), checked with the core visibility rule:
    the hits of a file this user may not see answer 404. None for other subjects."""
    if not Case.objects.filter(reference=subject).exists():
        return None
    case = Case.objects.visible_to(request.user).filter(reference=subject).first()
    if case is None:
        raise Http404
    return case


@login_required
def subject(request, subject):
    _internal(request)
    case = _case_of(request, subject)
    hits = ScreeningHit.objects.visible_to(request.user).filter(subject=subject).select_related("reviewer")
    if not hits:
        raise Http404
    return render(request, "strategic_goods/subject.html", {"subject": subject, "hits": hits, "case": case})


@login_required
def hit(request, pk):
    _internal(request)
    found = get_object_or_404(ScreeningHit.objects.visible_to(request.user).select_related("reviewer"), pk=pk)
    case = _case_of(request, found.subject)
    form = None
    if not found.decision and may(request.user, "strategic_goods.review_hits"):
        form = ReviewForm(request.POST if request.method == "POST" else None)
        done = call_service(
            request,
            lambda: review_hit(found, request.user, form.cleaned_data["decision"], form.cleaned_data["motivation"]),
            form=form,
            field="motivation",
            success=_("The review of the hit has been recorded."),
            then=reverse("strategic_goods:subject", kwargs={"subject": found.subject}),
        )
        if done:
            return done
    elif request.method == "POST":
        raise PermissionDenied(_("Only a handler of the administration may review screening hits."))
    return render(request, "strategic_goods/hit.html", {"hit": found, "form": form, "case": case})


@login_required
@require_POST
def finding(request, reference):
    """Record a finding on one of the eight criteria for a licence file (handlers only)."""
    _internal(request)
    case = Case.objects.visible_to(request.user).filter(reference=reference, procedure="CSG").first()
    if case is None:
        raise Http404
    form = FindingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            assessment.record_finding(
                request.user,
                case,
                data["criterion"],
                data["finding"],
                data["motivation"],
                expected_revision=form.expected_revision(),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            messages.error(request, _("Nothing was changed."))
        else:
            messages.success(
                request, _("The finding on criterion %(number)s was recorded.") % {"number": data["criterion"]}
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        messages.error(request, _("Nothing was changed."))
    return redirect(f"{case.get_absolute_url()}#criteria")
