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
