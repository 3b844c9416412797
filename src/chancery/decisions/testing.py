"""Helpers for tests that need a meeting taken through its steps (decisions, portal, API)."""

from chancery.decisions import services


def release(secretariat, meeting, *scopes: str) -> None:
    """Plan, confirm and perform the release of a meeting (its decisions unless scopes are given)."""
    for scope in scopes or ("decisions",):
        planned = services.plan_release(secretariat, meeting, scope)
        services.confirm_release(secretariat, planned)
        services.release_now(secretariat, planned)
