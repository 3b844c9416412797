"""Helpers for tests that need a meeting taken through its steps (decisions, portal, API)."""

from chancery.decisions import services


def release(secretariat, meeting, *scopes: str) -> None:
    """Plan, confirm and perform the release of a meeting (its decisions unless scopes are given)."""
    for scope in scopes or ("decisions",):
        planned = services.plan_release(secretariat, meeting, scope)
        services.confirm_release(secretariat, planned)
        services.release_now(secretariat, planned)


def decided_meeting(
    secretariat,
    meeting,
    add,
    items=(("Oostgrensprogramma", "public"), ("Geheim punt", "confidential")),
    *,
    text: str = "Besluit over {title}",
    result: str = "approved",
    close: bool = True,
):
    """A meeting taken through its steps by the services: the items put on the draft (with `add`,
    the decisions tests' fixture), all formally in order, the agenda approved (final, when `close`)
    and every item decided with `text`. Returns the meeting. Release it with `release`."""
    for title, level in items:
        add(meeting, title, access_level=level)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    services.approve_agenda(secretariat, draft, expected_revision=None, close=close)
    if close:
        for item in services.final_items(meeting):
            services.record_decision(secretariat, item, result=result, text=text.format(title=item.short_title))
    return meeting


def decision_making(org, round_: int = 0) -> dict:
    """One round of decision-making with a bit of everything the screens show (for the query-count
    tests; a second round doubles the rows): a dossier with two steps and its themes, a meeting
    whose final agenda holds that step, another note with a public document, an announcement and a
    confidential note, decided with press summaries, attendance, closed and released; a publication
    in the Gazette two steps along; the next meeting in preparation at version B, with a proposal
    of a cabinet waiting and one sent back. Dates follow today (the meeting five weeks ago, two weeks
    later for the next round; the next one in a week), so every day gives the same picture."""
    import datetime

    from django.utils import timezone

    from chancery.core import services as core_services
    from chancery.core.models import AccessLevel
    from chancery.core.testing import pdf_upload
    from chancery.decisions.models import DecisionResult, FormalCheck, ItemDocument, PublicationStep, Theme

    secretariat, cabinet = org.users["secretariat"], org.users["cabinet_concerned"]
    minister = org.mandatees["a"]
    day = timezone.localdate() - datetime.timedelta(weeks=5 - 2 * round_)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))

    dossier = services.create_dossier(
        secretariat, title=f"Oproep {round_} van het Oostgrensprogramma", short_title=f"Oostgrens {round_}"
    )
    services.set_themes(secretariat, dossier, Theme.objects.order_by("pk")[:2])
    step = services.add_step(secretariat, dossier, kind="principle_approval", title="Principieel", mandatees=[minister])
    services.add_step(secretariat, dossier, kind="final_approval", title="Definitief", mandatees=[minister])

    meeting = services.create_meeting(secretariat, starts_at=starts)
    services.put_step_on_agenda(secretariat, step, meeting)

    def add(short_title, kind="note", **extra):
        return services.add_item(
            secretariat, services.current_draft(meeting), expected_revision=None, title=f"{short_title} — titel",
            short_title=short_title, kind=kind, mandatees=[minister], **extra,
        )  # fmt: skip

    note = add(f"Mensenrechtenfonds {round_}")
    add(f"Verslag van de Europese Raad {round_}", kind="announcement")
    add(f"Geheime nota {round_}", access_level=AccessLevel.CONFIDENTIAL)
    draft = services.current_draft(meeting)
    services.approve_all_formally(secretariat, draft, expected_revision=None)
    late = add(f"Laattijdige nota {round_}")
    services.set_formal_check(secretariat, late, FormalCheck.NOT_OK, expected_revision=None)
    draft = services.approve_agenda(secretariat, draft, expected_revision=None)  # version B
    services.set_formal_check(
        secretariat, draft.current_items().get(lineage=late.lineage), FormalCheck.OK, expected_revision=None
    )
    services.approve_agenda(secretariat, services.current_draft(meeting), expected_revision=None, close=True)
    services.record_attendance(secretariat, meeting, chair=None, secretary=None, excused=[org.mandatees["b"]])
    for item in services.final_items(meeting):
        result = DecisionResult.ACKNOWLEDGED if item.kind == "announcement" else DecisionResult.APPROVED
        services.record_decision(secretariat, item, result=result, text=f"Besluit over {item.short_title}.")
        services.set_press_summary(secretariat, item, f"De Vlaamse Regering besprak {item.short_title}.")
    final_note = services.final_items(meeting).get(lineage=note.lineage)
    document = core_services.create_document(
        cabinet, title=f"Nota {round_} aan de Vlaamse Regering", kind="note", access_level=AccessLevel.PUBLIC,
        upload=pdf_upload(),
    )  # fmt: skip
    ItemDocument.objects.create(item=final_note, document=document)
    services.close_meeting(secretariat, meeting)
    release(secretariat, meeting, "decisions", "documents")
    publication = services.start_publication(
        secretariat, final_note, regulation_type="government_decision", on=day + datetime.timedelta(days=3)
    )
    for offset, next_step in ((3, PublicationStep.TRANSLATION_REQUESTED), (9, PublicationStep.TRANSLATION_RECEIVED)):
        publication = services.record_step(secretariat, publication, next_step, on=day + datetime.timedelta(offset))

    upcoming = services.create_meeting(secretariat, starts_at=starts + datetime.timedelta(weeks=6 + round_))
    waiting = services.submit(
        cabinet, upcoming, title=f"Oproep {round_} van het mensenrechtenfonds", short_title=f"Oproep {round_}",
        mandatees=[minister], uploads=[pdf_upload()],
    )  # fmt: skip
    sent_back = services.submit(
        cabinet, upcoming, title=f"Jaarverslag {round_}", short_title=f"Jaarverslag {round_}", mandatees=[minister],
        kind="announcement", step_kind="announcement",
    )  # fmt: skip
    services.send_back(secretariat, sent_back, remarks="Voeg het advies van de Inspectie van Financiën toe.")
    return {
        "meeting": meeting, "upcoming": upcoming, "dossier": dossier, "item": final_note, "document": document,
        "publication": publication, "submission": waiting,
    }  # fmt: skip
