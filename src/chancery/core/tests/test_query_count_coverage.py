"""Every page of the project has a query-count baseline (in some app's tests/query_counts.json), or
is named here with the reason it has none: a new list or detail page cannot slip past the counts."""

import json
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

import chancery

# The keys of the baselines are URL names, with ":variant" when a page is counted more than once.
WITHOUT_BASELINE = {
    # Actions: POST only, they redirect.
    "decisions:agenda_all_formal", "decisions:agenda_approve", "decisions:item_add", "decisions:item_attach",
    "decisions:item_decide", "decisions:item_formal_check", "decisions:item_move", "decisions:item_press_summary",
    "decisions:item_move_to_meeting",
    "decisions:meeting_close", "decisions:meeting_minutes", "decisions:publication_start", "decisions:release_confirm",
    "decisions:release_now", "decisions:release_plan", "decisions:release_schedule", "document_release",
    "signing_start", "signing_cancel", "procedures:document",
    "procedures:fire", "procedures:note", "procedures:take", "counter:answer", "counter:message", "licensing:renew",
    "procedures:representation_revoke", "counter:draft_delete",
    "monitoring:budget", "monitoring:milestone_add", "monitoring:milestone_status", "strategic_goods:finding",
    "investment_screening:assessment", "grants:assign_reviewer", "grants:assess_final_report",
    "grants:review_interim_report", "grants:submit_proposal", "grants_counter:report", "prize:add_jury_member",
    "api:webhook-redeliver", "set_language", "logout",
    "foreign_network:assign", "foreign_network:cost", "foreign_network:weights", "foreign_network:criterion_add",
    "foreign_network:candidate_add", "foreign_network:score", "foreign_network:report",
    "disaster_fund:claim_expert", "disaster_fund:claim_report", "disaster_fund:claim_insurance",
    "disaster_fund:claim_anomaly",
    "crisis:entry_add", "crisis:entry_correct", "crisis:level", "crisis:close", "crisis:member_add", "crisis:task_add",
    "crisis:task_done", "crisis:contact_add", "crisis:lesson_add", "crisis:finding_add", "crisis:report_add",
    "crisis:plan_review",
    "eu_files:position_add", "eu_files:tracking", "eu_files:approve", "eu_files:submit", "eu_files:attendee_add",
    "eu_files:outcome_add", "eu_files:escalate",
    "archive:propose", "archive:strike", "archive:approve", "archive:carry_out", "archive:place_hold",
    "archive:lift_hold", "archive:export",
    # Forms to fill in: nothing listed on them.
    "login", "decisions:meeting_create", "decisions:submission_create", "decisions:meeting_attendance",
    "document_create", "document_add_version", "document_change", "counter:apply", "licensing_counter:register",
    "monitoring:initiative_create", "prize:new_edition",
    # Files: one object, streamed.
    "document_download", "rendition_download", "procedures:download", "counter:download", "monitoring:report_pdf",
    "licensing_public:csv", "open_data_file", "investment_screening:csv", "regulation_office:evidence",
    "investment_screening_public:csv",
    # One object looked up, then a redirect to its counted page (or a one-row description): /id/…, the
    # prize's latest edition.
    "identifier", "prize_public:index",
    # The same view as a counted page (its year).
    "licensing:statistics_year", "investment_screening:year",
    # No database: the OpenAPI document (compared with api/openapi.yaml instead), its reader, the health check,
    # the API's answer to an address that names nothing (a 404).
    "api:openapi", "api:docs", "health", "health_live", "api:not_found",
    # Health of a node and its metrics: a fixed handful of counts and aggregates, never a list of rows.
    "health_ready", "metrics",
    # Single sign-on: a redirect to the identity provider, and its answer (one identity, one account).
    "sso_login", "sso_callback",
}  # fmt: skip
# The API's single objects: its lists are counted (`api:<name>-list`).
API_DETAIL = "-detail"


def url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # Django's admin, for administrators only
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def baseline_keys() -> set[str]:
    keys = set()
    for path in Path(chancery.__file__).parent.glob("*/tests/query_counts.json"):
        keys |= set(json.loads(path.read_text(encoding="utf-8")))
    return keys


def test_every_page_has_a_baseline_or_a_reason_not_to():
    keys = baseline_keys()
    names = set(url_names(get_resolver().url_patterns))

    def counted(name):
        return any(key == name or key.startswith(f"{name}:") for key in keys)

    missing = sorted(
        name for name in names if not counted(name) and name not in WITHOUT_BASELINE and not name.endswith(API_DETAIL)
    )
    assert not missing, f"Pages without a query-count baseline: {missing}; count them in the app's test_query_counts.py"
    assert not sorted(WITHOUT_BASELINE - names), "Names of WITHOUT_BASELINE that are no page any more"
    assert not sorted(WITHOUT_BASELINE & {name for name in names if counted(name)}), "Counted pages need no reason"
