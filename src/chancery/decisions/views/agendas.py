"""Meetings and their agendas: the list, the calendar, a new meeting, items, formal checks,
approval and the comparison of two versions (services/agendas.py). The meeting page itself, in its
stages, is stages.py."""

from __future__ import annotations

import calendar as calendar_module
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from chancery.core import visibility
from chancery.core.authz import may
from chancery.core.once import once
from chancery.core.views_kit import call_service, form_status, page_number, query
from chancery.decisions import services
from chancery.decisions.forms import (
    ApproveForm,
    FormalCheckForm,
    ItemForm,
    MeetingForm,
    MoveForm,
    MoveToMeetingForm,
    RevisionForm,
)
from chancery.decisions.models import (
    AgendaItem,
    Meeting,
    MeetingState,
)
from chancery.decisions.views.common import (
    agenda_of,
    agenda_url,
    editing,
    internal,
    item_for_edit,
    require_manager,
    stage_url,
)
from chancery.decisions.views.stages import preparation_context


@login_required
def meeting_list(request):
    internal(request)
    # Only the items the reader may see are counted (the list must not tell more than the agenda).
    counted = Q(agendas__is_final=True, agendas__items__carried_over=False) & visibility.q(
        AgendaItem, request.user, "agendas__items__"
    )
    meetings = (
        Meeting.objects.visible_to(request.user)
        .annotate(versions=Count("agendas", distinct=True), item_count=Count("agendas__items", filter=counted))
        .order_by("-starts_at")
    )
    page = Paginator(meetings, 30).get_page(page_number(request))
    return render(
        request,
        "decisions/meeting_list.html",
        {"page": page, "can_manage": may(request.user, "decisions.manage_agendas")},
    )


@login_required
def meeting_calendar(request):
    """The meetings of one month, as a calendar (weeks from Monday)."""
    internal(request)
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("maand", f"{today:%Y-%m}").split("-"))
        first = datetime.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    weeks = calendar_module.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    meetings = Meeting.objects.filter(starts_at__date__gte=weeks[0][0], starts_at__date__lte=weeks[-1][-1])
    by_day: dict = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "decisions/meeting_calendar.html",
        {
            "month": first,
            "weeks": [[(day, by_day.get(day, []), day.month == first.month) for day in week] for week in weeks],
            "previous": previous,
            "following": following,
            "today": today,
        },
    )


@login_required
@once
def meeting_create(request):
    require_manager(request)
    form = MeetingForm(request.POST or None)
    done = call_service(
        request,
        lambda: services.create_meeting(request.user, **form.cleaned_data),
        form=form,
        success=lambda meeting: _("Meeting %(meeting)s has been created.") % {"meeting": meeting},
    )
    if done:
        return done
    return render(request, "decisions/form.html", {"form": form, "title": _("New meeting")}, status=form_status(form))


@login_required
@require_POST
@once
def item_add(request, uuid, letter):
    meeting, agenda = editing(request, uuid, letter)
    form = ItemForm(request.POST)

    def add():
        data = form.cleaned_data
        return services.add_item(
            request.user,
            agenda,
            expected_revision=data["revision"],
            kind=data["kind"],
            title=data["title"],
            short_title=data["short_title"],
            mandatees=data["mandatees"],
            access_level=data["access_level"],
        )

    done = call_service(
        request,
        add,
        form=form,
        success=_("The item has been added."),
        then=agenda_url(agenda),
    )
    if done:
        return done
    return render(
        request,
        "decisions/meeting/preparation.html",
        preparation_context(request, meeting, agenda.letter, item_form=form),
        status=400,
    )


@login_required
@require_POST
def item_formal_check(request, pk):
    item = item_for_edit(request, pk)
    form = FormalCheckForm(request.POST)
    return call_service(
        request,
        lambda: services.set_formal_check(
            request.user, item, form.cleaned_data["check"], expected_revision=form.cleaned_data["revision"]
        ),
        form=form,
        # Back to the item's row: the page does not jump to the top after each check.
        back=agenda_url(item.agenda) + f"#item-{item.pk}",
        invalid=_("Choose a valid formal check."),
    )


@login_required
@require_POST
def item_move(request, pk):
    item = item_for_edit(request, pk)
    form = MoveForm(request.POST)
    return call_service(
        request,
        lambda: services.move_item(
            request.user,
            item,
            to_number=form.cleaned_data["to_number"],
            expected_revision=form.cleaned_data["revision"],
        ),
        form=form,
        back=agenda_url(item.agenda) + f"#item-{item.pk}",
        invalid=_("Choose a valid position."),
    )


@login_required
@require_POST
def agenda_all_formal(request, uuid, letter):
    _meeting, agenda = editing(request, uuid, letter)
    form = RevisionForm(request.POST)
    return call_service(
        request,
        lambda: services.approve_all_formally(request.user, agenda, expected_revision=form.cleaned_data["revision"]),
        form=form,
        success=_formal_sweep_message,
        back=agenda_url(agenda),
        invalid="",
    )


def _formal_sweep_message(sweep: services.FormalSweep) -> str:
    marked = ngettext(
        "%(count)d item marked formally in order.", "%(count)d items marked formally in order.", sweep.marked
    ) % {"count": sweep.marked}
    if not sweep.not_in_order:
        return marked
    skipped = ngettext(
        "%(count)d item is marked not in order and was left so: %(items)s.",
        "%(count)d items are marked not in order and were left so: %(items)s.",
        len(sweep.not_in_order),
    ) % {
        "count": len(sweep.not_in_order),
        "items": ", ".join(f"{item.number}. {item.short_title}" for item in sweep.not_in_order),
    }
    return f"{marked} {skipped}"


@login_required
@require_POST
def agenda_approve(request, uuid, letter):
    _meeting, agenda = editing(request, uuid, letter)
    form = ApproveForm(request.POST)

    def approved(draft) -> str:
        if draft is None:
            return " ".join(
                [_("Agenda %(letter)s is approved as the final agenda.") % {"letter": agenda.letter}]
                + _moved_out_messages(agenda)
            )
        return _("Agenda %(letter)s is approved; draft %(next)s has been started.") % {
            "letter": agenda.letter,
            "next": draft.letter,
        }

    return call_service(
        request,
        lambda: services.approve_agenda(
            request.user, agenda, expected_revision=form.cleaned_data["revision"], close=form.cleaned_data["close"]
        ),
        form=form,
        success=approved,
        # Approving a draft starts the next one, where the user goes on; the final agenda opens
        # the meeting itself (its decisions).
        then=lambda draft: agenda_url(draft) if draft else stage_url(agenda.meeting, "meeting"),
        back=agenda_url(agenda),
        invalid=_("The approval could not be read; reload the page."),
    )


def _moved_out_messages(agenda) -> list[str]:
    """Where the items not in order went when the final agenda was approved (never silently)."""
    moved, waiting = {}, []
    for item, copy in services.moved_out(agenda):
        if copy is None:
            waiting.append(str(item))
        else:
            moved.setdefault(copy.agenda.meeting, []).append(str(item))
    lines = [
        _("Not formally in order, moved to the draft agenda of %(meeting)s: %(items)s.")
        % {"meeting": meeting, "items": "; ".join(items)}
        for meeting, items in moved.items()
    ]
    if waiting:
        lines.append(
            _("Not formally in order and no ministerial council planned yet; waiting for a meeting: %(items)s.")
            % {"items": "; ".join(waiting)}
        )
    return lines


@login_required
def items_awaiting(request):
    """The items that left a final agenda and wait for a later meeting, and the withdrawn ones that
    may come back; the secretariat puts them on a meeting's draft from here."""
    internal(request)
    readable = AgendaItem.objects.visible_to(request.user).values("pk")

    def listed(items):
        return list(
            items.filter(pk__in=readable)
            .select_related("agenda__meeting")
            .prefetch_related("mandatees__person")
            .order_by("-agenda__meeting__starts_at", "kind_order", "number")
        )

    manager = may(request.user, "decisions.manage_agendas")
    return render(
        request,
        "decisions/items_awaiting.html",
        {
            "awaiting": listed(services.items_awaiting_meeting()),
            "withdrawn": listed(services.withdrawn_items()),
            "can_move": manager,
            "meetings": list(Meeting.objects.filter(state=MeetingState.PLANNED).order_by("starts_at"))
            if manager
            else [],
        },
    )


@login_required
@require_POST
def item_move_to_meeting(request, pk):
    item = item_for_edit(request, pk)
    form = MoveToMeetingForm(request.POST)
    return call_service(
        request,
        lambda: services.move_to_meeting(request.user, item, form.cleaned_data["meeting"]),
        form=form,
        success=lambda moved: (
            _("%(item)s has been put on the draft agenda of %(meeting)s.")
            % {"item": moved.short_title, "meeting": moved.agenda.meeting}
        ),
        then=lambda moved: agenda_url(moved.agenda),
        back=reverse("decisions:items_awaiting"),
        invalid=_("Choose a planned meeting."),
    )


@login_required
def agenda_compare(request, uuid):
    internal(request)
    meeting = get_object_or_404(Meeting, uuid=uuid)
    agendas = list(meeting.agendas.all())
    if len(agendas) < 2:
        messages.info(request, _("This meeting has only one agenda version."))
        return redirect(meeting)
    params = query(request, van="from", naar="to")
    first = agenda_of(meeting, params.get("van") or agendas[-2].letter)
    second = agenda_of(meeting, params.get("naar") or agendas[-1].letter)
    comparison = services.compare_agendas(first, second)
    # Items the reader may not see are left out of the comparison entirely.
    visible = set(
        AgendaItem.objects.visible_to(request.user).filter(agenda__meeting=meeting).values_list("pk", flat=True)
    )
    comparison.added = [i for i in comparison.added if i.pk in visible]
    comparison.removed = [i for i in comparison.removed if i.pk in visible]
    comparison.moved = [c for c in comparison.moved if c.after.pk in visible]
    comparison.changed = [c for c in comparison.changed if c.after.pk in visible]
    comparison.left = [entry for entry in comparison.left if entry.item.pk in visible]
    return render(
        request, "decisions/agenda_compare.html", {"meeting": meeting, "agendas": agendas, "comparison": comparison}
    )
