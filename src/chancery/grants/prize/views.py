"""Pages of the human rights prize. Public: an edition's page (`/mensenrechtenprijs/<year>/`: theme,
jury, the laureate once decided — named only when they consented; no nominee ever) and the public
nomination form (no login; spam protection in services.prize). For the grants service and the
jury: the editions, an edition with its nominations, ranking and confidential deliberation notes,
and a jury member's review (declaration, then scores); for the service alone a new edition
(`/app/mensenrechtenprijs/nieuw/`) and a jury member added to one. Views are thin: rules live in
the service (`prize.create_edition`, `prize.add_jury_member`: `grants.handle`, audited)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from chancery.core.authz import may, require
from chancery.core.client import client_address
from chancery.core.views_kit import call_service, form_status
from chancery.grants.forms import ConflictForm, ScoreForm
from chancery.grants.prize.forms import EditionForm, JuryMemberForm, NominationForm, NoteForm
from chancery.grants.prize_models import DeliberationNote, Edition, JuryMember, JuryReview, Nomination
from chancery.grants.services import prize

# --- public ---------------------------------------------------------------------------------------


def public_index(request):
    edition = prize.current_edition()
    if edition is None:
        return render(request, "grants/prize/public_index.html", {"nav_current": "prize_public:index"})
    return redirect("prize_public:edition", edition.year)


def public_edition(request, year: int):
    edition = get_object_or_404(Edition.objects.visible_to(request.user).select_related("laureate"), year=year)
    return render(request, "grants/prize/public_edition.html", {
        "edition": edition, "phase": edition.phase(), "jury": edition.jury.all(),
        "criteria": edition.criteria.all(), "laureate": prize.public_laureate(edition),
        "editions": Edition.objects.visible_to(request.user).values_list("year", flat=True),
        "nav_current": "prize_public:index",
    })  # fmt: skip


def nominate(request, year: int):
    edition = get_object_or_404(Edition.objects.visible_to(request.user), year=year)
    if request.method != "POST":
        form = NominationForm(initial={"started": prize.form_token()})
        return render(request, "grants/prize/nominate.html", {"edition": edition, "form": form,
                                                              "phase": edition.phase(),
                                                              "nav_current": "prize_public:index"})  # fmt: skip
    form = NominationForm(request.POST)
    refusal = prize.spam_refusal(request.POST, request.POST.get("started", ""), client_address(request))
    if refusal:
        code, message = refusal
        form.is_valid()
        form.add_error(None, message)
        status = 429 if code == "rate_limited" else 400
        form.data = form.data.copy()
        form.data["started"] = prize.form_token()
        return render(request, "grants/prize/nominate.html", {"edition": edition, "form": form,
                                                              "phase": edition.phase()}, status=status)  # fmt: skip
    done = call_service(
        request, lambda: prize.nominate(edition, form.cleaned_data), form=form,
        success=_("Thank you. Your nomination has been received; the service will contact you by e-mail if needed."),
        then=lambda nomination: reverse("prize_public:edition", args=[edition.year]),
    )  # fmt: skip
    if done:
        return done
    form.data = form.data.copy()
    form.data["started"] = prize.form_token()
    context = {"edition": edition, "form": form, "phase": edition.phase(), "nav_current": "prize_public:index"}
    return render(request, "grants/prize/nominate.html", context, status=form_status(form))


# --- the service and the jury ----------------------------------------------------------------------


def _editions_for(user):
    editions = Edition.objects.visible_to(user)
    if may(user, "grants.handle"):
        return editions
    return editions.filter(pk__in=JuryMember.objects.filter(user_id=user.pk).values("edition"))


@login_required
def index(request):
    editions = _editions_for(request.user)
    handler = may(request.user, "grants.handle")
    if not handler and not editions.exists():
        raise PermissionDenied(_("This page is for the grants service and the prize's jury."))
    return render(request, "grants/prize/index.html", {"editions": editions, "handler": handler,
                                                       "nav_current": "prize:index"})  # fmt: skip


@login_required
def new_edition(request):
    require(request.user, "grants.handle")
    form = EditionForm(request.POST or None)
    if request.method == "POST":
        done = call_service(
            request, lambda: prize.create_edition(request.user, **form.cleaned_data), form=form,
            success=lambda made: _("The edition %(year)s is created.") % {"year": made.year},
            then=lambda made: reverse("prize:edition", args=[made.year]),
        )  # fmt: skip
        if done:
            return done
    return render(request, "grants/prize/new_edition.html", {"form": form, "nav_current": "prize:index"},
                  status=form_status(form))  # fmt: skip


@login_required
def add_jury_member(request, year: int):
    require(request.user, "grants.handle")
    edition = get_object_or_404(Edition.objects.visible_to(request.user), year=year)
    form = JuryMemberForm(request.POST or None)
    back = reverse("prize:edition", args=[year])
    if request.method != "POST":
        return redirect(back)
    return call_service(
        request,
        lambda: prize.add_jury_member(request.user, edition, form.cleaned_data["username"],
                                      public_name=form.cleaned_data["public_name"],
                                      affiliation=form.cleaned_data["affiliation"], chair=form.cleaned_data["chair"]),
        form=form, success=lambda member: _("%(name)s sits on the jury.") % {"name": member.public_name}, back=back,
    )  # fmt: skip


@login_required
def edition(request, year: int):
    edition = get_object_or_404(_editions_for(request.user), year=year)
    handler = may(request.user, "grants.handle")
    if not (handler or prize.is_jury(request.user, edition)):
        raise PermissionDenied(_("This page is for the grants service and the prize's jury."))
    note_form = NoteForm(request.POST or None)
    back = reverse("prize:edition", args=[year])
    if request.method == "POST":
        return call_service(request, lambda: prize.add_note(request.user, edition, note_form.cleaned_data["text"]),
                            form=note_form, success=_("The note is recorded."), back=back)  # fmt: skip
    nominations = (
        Nomination.objects.visible_to(request.user).filter(edition=edition).select_related("case")
        .order_by("received_at", "pk")
    )  # fmt: skip
    return render(request, "grants/prize/edition.html", {
        "edition": edition, "handler": handler, "nominations": nominations,
        "ranking": prize.ranking(nominations.filter(case__state__in=("shortlisted", "scored", "laureate",
                                                                      "not_chosen"))),
        "jury": edition.jury.all(), "criteria": edition.criteria.all(),
        "notes": DeliberationNote.objects.visible_to(request.user).filter(edition=edition).select_related(
            "author", "nomination__case"),
        "note_form": note_form, "jury_form": JuryMemberForm() if handler else None,
        "my_reviews": JuryReview.objects.visible_to(request.user).filter(
            nomination__edition=edition, member__user=request.user).select_related("nomination__case"),
        "nav_current": "prize:index",
    })  # fmt: skip


@login_required
def review(request, pk: int):
    review = get_object_or_404(
        JuryReview.objects.visible_to(request.user).select_related("nomination__edition", "nomination__case", "member"),
        pk=pk, member__user=request.user,
    )  # fmt: skip
    nomination = review.nomination
    criteria = list(nomination.edition.criteria.all())
    conflict_form = ConflictForm(request.POST if "conflict-conflict" in request.POST else None)
    score_form = ScoreForm(request.POST if "score-submit" in request.POST else None, criteria=criteria)
    back = reverse("prize:review", args=[review.pk])
    if request.method == "POST" and "conflict-conflict" in request.POST:
        return call_service(
            request,
            lambda: prize.declare_conflict(request.user, review, conflict=conflict_form.cleaned_data["conflict"],
                                           note=conflict_form.cleaned_data["note"]),
            form=conflict_form, success=_("Your declaration is recorded."), back=back,
        )  # fmt: skip
    if request.method == "POST" and "score-submit" in request.POST:
        return call_service(request, lambda: prize.score(request.user, review, score_form.scores()), form=score_form,
                            success=_("Your scores are recorded."), back=back)  # fmt: skip
    return render(request, "grants/prize/review.html", {
        "review": review, "nomination": nomination, "conflict_form": conflict_form, "score_form": score_form,
        "scores": prize.visible_scores(request.user, nomination), "nav_current": "prize:index",
    })  # fmt: skip
