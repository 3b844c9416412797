"""The foreign network's pages (thin: parse, authorise, call a service, render): the posts with
their staffing and costs, and the location framework's assessments."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chancery.core.authz import may, require
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status
from chancery.foreign_network import services
from chancery.foreign_network.forms import (
    AssessmentForm,
    AssignForm,
    CandidateForm,
    CostForm,
    CriterionForm,
    ScoreForm,
    WeightsForm,
)
from chancery.foreign_network.models import Assessment, Post, PostCost, Posting, RelatedOffice


def _cents(euros: Decimal) -> int:
    return int((euros * 100).to_integral_value())


@login_required
def posts(request):
    """The network: every post, the countries and organisations it covers, its current staff and
    the minimum rule; the network's cost per year."""
    require(request.user, "foreign_network.view_network")
    rows = services.with_staffing(
        Post.objects.visible_to(request.user).order_by("city").prefetch_related(
            Prefetch("related_offices", queryset=RelatedOffice.objects.visible_to(request.user))
        ),
        reader=request.user,
    )  # fmt: skip
    rows = list(rows)
    return render(
        request,
        "foreign_network/posts.html",
        {
            "posts": rows,
            "below": [p for p in rows if not p.meets_minimum_staffing],
            "countries": len({code for p in rows for code in p.countries}),
            "costs": services.costs_by_year(request.user),
            "maps": services.network_map(rows),
        },
    )


@login_required
def post(request, code):
    require(request.user, "foreign_network.view_network")
    posts = services.with_staffing(Post.objects.visible_to(request.user), reader=request.user)
    post = get_object_or_404(posts, code=code)
    keeps = may(request.user, "foreign_network.keep_network")
    return render(
        request,
        "foreign_network/post.html",
        {
            "post": post,
            "postings": Posting.objects.visible_to(request.user).filter(post=post).order_by("-start", "person"),
            "costs": PostCost.objects.visible_to(request.user).filter(post=post).order_by("-year"),
            "offices": RelatedOffice.objects.visible_to(request.user).filter(post=post),
            "assign_form": AssignForm(prefix="assign") if keeps else None,
            "cost_form": CostForm(prefix="cost") if keeps else None,
        },
    )


@login_required
@require_POST
@once
def assign(request, code):
    require(request.user, "foreign_network.keep_network")
    post = get_object_or_404(Post.objects.visible_to(request.user), code=code)
    form = AssignForm(request.POST, prefix="assign")
    return call_service(
        request,
        lambda: services.assign(request.user, post=post, **form.cleaned_data),
        form=form,
        success=_("The posting has been recorded."),
        back=post_url(post),
    )


@login_required
@require_POST
def cost(request, code):
    require(request.user, "foreign_network.keep_network")
    post = get_object_or_404(Post.objects.visible_to(request.user), code=code)
    form = CostForm(request.POST, prefix="cost")
    return call_service(
        request,
        lambda: services.set_cost(
            request.user,
            post,
            form.cleaned_data["year"],
            staff_cents=_cents(form.cleaned_data["staff"]),
            operating_cents=_cents(form.cleaned_data["operating"]),
        ),  # fmt: skip
        form=form,
        success=_("The costs have been recorded."),
        back=post_url(post),
    )


def post_url(post: Post) -> str:
    return reverse("foreign_network:post", args=[post.code])


# The location framework ----------------------------------------------------------------------------


@login_required
@once
def assessments(request):
    require(request.user, "foreign_network.view_assessments")
    may_assess = may(request.user, "foreign_network.assess_locations")
    form = AssessmentForm(request.POST or None) if may_assess else None
    if request.method == "POST":
        require(request.user, "foreign_network.assess_locations")
        done = call_service(
            request,
            lambda: services.create_assessment(request.user, **form.cleaned_data),
            form=form,
            success=_("The assessment has been created."),
            then=lambda a: assessment_path(a.pk),
        )
        if done:
            return done
    return render(
        request,
        "foreign_network/assessments.html",
        {"assessments": Assessment.objects.visible_to(request.user), "form": form},
        status=form_status(form),
    )


def assessment_path(pk: int) -> str:
    return reverse("foreign_network:assessment", args=[pk])


def _assessment(request, pk) -> Assessment:
    require(request.user, "foreign_network.view_assessments")
    return get_object_or_404(Assessment.objects.visible_to(request.user).select_related("report"), pk=pk)


@login_required
def assessment(request, pk):
    """The comparison: criteria by group with their weights, candidates with scores and evidence,
    both rankings and the weight at which the first place changes."""
    assessment = _assessment(request, pk)
    comparison = services.compare(assessment)
    may_assess = may(request.user, "foreign_network.assess_locations")
    forms = {}
    if may_assess:
        forms = {
            "weights_form": WeightsForm(criteria=comparison.criteria) if comparison.criteria else None,
            "criterion_form": CriterionForm(prefix="criterion"),
            "candidate_form": CandidateForm(prefix="candidate"),
            "score_form": ScoreForm(assessment=assessment) if comparison.criteria and comparison.candidates else None,
        }
    return render(
        request,
        "foreign_network/assessment.html",
        {"assessment": assessment, "comparison": comparison, "may_assess": may_assess, **forms},
    )


@login_required
@require_POST
def weights(request, pk):
    assessment = _assessment(request, pk)
    require(request.user, "foreign_network.assess_locations")
    form = WeightsForm(request.POST, criteria=assessment.criteria.all())
    return call_service(
        request,
        lambda: services.set_weights(request.user, assessment, form.weights()),
        form=form,
        success=_("The weights have been set."),
        back=assessment_path(assessment.pk),
    )


@login_required
@require_POST
@once
def criterion_add(request, pk):
    assessment = _assessment(request, pk)
    require(request.user, "foreign_network.assess_locations")
    form = CriterionForm(request.POST, prefix="criterion")
    return call_service(
        request,
        lambda: services.add_criterion(request.user, assessment, **form.cleaned_data),
        form=form,
        success=_("The criterion has been added."),
        back=assessment_path(assessment.pk),
    )


@login_required
@require_POST
@once
def candidate_add(request, pk):
    assessment = _assessment(request, pk)
    require(request.user, "foreign_network.assess_locations")
    form = CandidateForm(request.POST, prefix="candidate")
    return call_service(
        request,
        lambda: services.add_candidate(request.user, assessment, **form.cleaned_data),
        form=form,
        success=_("The candidate location has been added."),
        back=assessment_path(assessment.pk),
    )


@login_required
@require_POST
def score(request, pk):
    assessment = _assessment(request, pk)
    require(request.user, "foreign_network.assess_locations")
    form = ScoreForm(request.POST, assessment=assessment)
    return call_service(
        request,
        lambda: services.set_score(request.user, **form.cleaned_data),
        form=form,
        success=_("The score has been recorded."),
        back=assessment_path(assessment.pk),
    )


@login_required
@require_POST
def report(request, pk):
    """Make the PDF report (again); it is a document, so it can be put on a meeting's agenda."""
    assessment = _assessment(request, pk)
    require(request.user, "foreign_network.assess_locations")
    return call_service(
        request,
        lambda: services.make_report(request.user, assessment),
        success=_("The report has been made. It is a document that can be added to a meeting's agenda."),
        back=assessment_path(assessment.pk),
        then=lambda document: reverse("document_detail", args=[document.uuid]),
    )
