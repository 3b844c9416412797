"""Cabinets' submissions for the agenda (services/submissions.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from chancery.core.authz import may, require
from chancery.core.models import Document
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status, page_number, query
from chancery.decisions import services
from chancery.decisions.forms import ResubmitForm, SendBackForm, SubmissionForm
from chancery.decisions.models import Meeting, Submission, SubmissionState


@login_required
def submission_list(request):
    require(request.user, "decisions.submit")
    submissions = (
        Submission.objects.visible_to(request.user).select_related("meeting", "submitted_by").order_by("-submitted_at")
    )
    # ?status=alle shows the accepted ones too (?state=all before).
    waiting = query(request, status="state").get("status") not in ("alle", "all")
    if waiting:
        submissions = submissions.exclude(state=SubmissionState.ACCEPTED)
    page = Paginator(submissions, 25).get_page(page_number(request))
    return render(request, "decisions/submission_list.html", {"page": page, "waiting": waiting})


@login_required
@once
def submission_create(request, uuid):
    meeting = get_object_or_404(Meeting, uuid=uuid)
    require(request.user, "decisions.submit")
    form = SubmissionForm(request.POST or None, request.FILES or None)

    def submit():
        data = form.cleaned_data
        return services.submit(
            request.user,
            meeting,
            kind=data["kind"],
            title=data["title"],
            short_title=data["short_title"],
            mandatees=data["mandatees"],
            step_kind=data["step_kind"],
            item_access_level=data["item_access_level"],
            uploads=data["files"],
        )

    done = call_service(
        request,
        submit,
        form=form,
        field="files",
        success=_("Your proposal has been submitted to the secretariat."),
    )
    if done:
        return done
    title = _("Submit a proposal for %(meeting)s") % {"meeting": meeting}
    return render(
        request, "decisions/form.html", {"form": form, "title": title, "multipart": True}, status=form_status(form)
    )


@login_required
def submission_detail(request, uuid):
    submission = get_object_or_404(
        Submission.objects.visible_to(request.user).select_related("meeting", "submitted_by", "item__agenda"), uuid=uuid
    )
    manager = may(request.user, "decisions.manage_agendas")
    waiting = submission.state in (SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED)
    resubmit_form = send_back_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept" and manager:
            return call_service(
                request,
                lambda: services.accept(request.user, submission),
                success=_("The proposal is on the draft agenda."),
                back=submission,
            )
        # Sending back and resubmitting show an invalid form again, but flash the service's refusal.
        try:
            if action == "send_back" and manager:
                send_back_form = SendBackForm(request.POST)
                if send_back_form.is_valid():
                    services.send_back(request.user, submission, remarks=send_back_form.cleaned_data["remarks"])
                    messages.success(request, _("The proposal has been sent back to the cabinet."))
                    return redirect(submission)
            if action == "resubmit":
                resubmit_form = ResubmitForm(request.POST, request.FILES)
                if resubmit_form.is_valid():
                    data = resubmit_form.cleaned_data
                    services.resubmit(
                        request.user,
                        submission,
                        title=data["title"],
                        short_title=data["short_title"],
                        uploads=data["files"],
                    )
                    messages.success(request, _("Your proposal has been submitted again."))
                    return redirect(submission)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(submission)
    can_resubmit = submission.state == SubmissionState.SENT_BACK and may(request.user, "decisions.submit")
    if can_resubmit and resubmit_form is None:
        resubmit_form = ResubmitForm(initial={"title": submission.title, "short_title": submission.short_title})
    return render(
        request,
        "decisions/submission_detail.html",
        {
            "submission": submission,
            "documents": Document.objects.visible_to(request.user).filter(pk__in=submission.documents.values("pk")),
            "can_decide": manager and waiting,
            "send_back_form": send_back_form or (SendBackForm() if manager and waiting else None),
            "resubmit_form": resubmit_form if can_resubmit else None,
        },
        status=400 if request.method == "POST" else 200,
    )
