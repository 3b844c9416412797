import pytest

from chancery.licensing.testing import authorise
from chancery.procedures.services import cases as engine
from chancery.procedures.testing import APPLICATION, application_data, apply_for_licence, assess, propose


def fire(case, name, user, reason=""):
    return engine.fire(case, name, user, reason=reason, expected_version=case.version)


def to_decision(case, handler):
    fire(case, "declare_complete", handler)
    assess(case, handler)  # an internal note and the eight criteria
    propose(case, handler)  # by a colleague: the handler takes the decision (four eyes)
    return case


def application(goods_family=None, control_list_code=None, destination_country=None, value_eur=None, quantity=None,
                kind=None) -> dict:  # fmt: skip
    """The strategic-goods application of the tests, with what a test changes (one goods line)."""
    line = dict(APPLICATION["goods_lines"][0])
    line.update({k: v for k, v in {"control_list_code": control_list_code, "value_eur": value_eur,
                                   "quantity": quantity}.items() if v is not None})  # fmt: skip
    changes = {"goods_lines": [line]}
    if goods_family == "military":
        changes.update(goods_family="military", kind=kind or "export")
    elif kind:
        changes["kind"] = kind
    if destination_country:
        changes.update(destination_country=destination_country, consignee_country=destination_country,
                       end_user_country=destination_country)  # fmt: skip
    return application_data(**changes)


@pytest.fixture
def decide(handler):
    def run(applicant, decision="grant", reason="Verleend voor drie jaar.", **changes):
        if changes.get("goods_family") == "military":
            authorise(handler)
        case = apply_for_licence(applicant, data=application(**changes))
        to_decision(case, handler)
        fire(case, decision, handler, reason=reason)
        return case

    return run


@pytest.fixture
def granted(decide, applicant):
    return decide(applicant)
