"""Licence applications of the procedure CSG: what the applicant filed (goods lines, parties,
countries), recorded when the file is submitted, and its screening against restrictive measures.

The applicant's form puts the application in the case's data under `application`; the submit step
(an entry hook of the procedure) validates it once more, records `Application` and `GoodsLine`
rows and removes it from the data, which keeps only what the engine itself needs. A refusal here
raises a ValidationError in Dutch and, being inside the submit transaction, leaves no case behind.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chancery.core import audit
from chancery.core.models import AuditAction
from chancery.strategic_goods.countries import BENELUX, EU_MEMBER_STATES
from chancery.strategic_goods.models import (
    Application,
    ApplicationKind,
    FurtherEndUser,
    GoodsFamily,
    GoodsLine,
    LicenceForm,
)
from chancery.strategic_goods.services.control_list import ControlCodeError, validate_code
from chancery.strategic_goods.services.review import require_reviewed, screen_parties, unreviewed_hits

DATA_KEY = "application"


def is_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code (the list kept by django-countries)."""
    from django_countries import countries

    return bool(code) and code in countries


def country(value: str, label: str) -> str:
    code = (value or "").strip().upper()
    if not is_country(code):
        raise ValidationError(
            _(
                "%(field)s: “%(value)s” is not a country we know: choose it from the list, or give its ISO 3166 "
                "code of two letters (e.g. BE, CA)."
            )
            % {"field": label, "value": value or ""},
            code="country",
        )
    return code


def benelux_message(kind: str, destination: str) -> str | None:
    if kind == ApplicationKind.TRANSFER and destination in BENELUX:
        return _(
            "A transfer of defence-related products from Flanders to the Netherlands or Luxembourg needs no "
            "licence (Benelux): do not file this application."
        )
    return None


def combination_errors(
    kind: str, licence_form: str, goods_family: str, destination: str, codes=(), further_end_users: int = 0
) -> dict:
    """What does not fit together in an application: {field: message}. One rule set for the web
    form (which shows each message at its field) and the submit step (which checks again). Each
    rule is the applicant's mistake the service would otherwise send back, with its source."""
    errors: dict[str, str] = {}
    military = goods_family == GoodsFamily.MILITARY
    if (message := benelux_message(kind, destination)) is not None:
        errors["destination_country"] = message
    elif kind == ApplicationKind.TRANSFER and destination and destination not in EU_MEMBER_STATES - {"BE"}:
        # Directive 2009/43/EC: a transfer goes from one Member State to another; leaving the EU is an export.
        errors["destination_country"] = _(
            "An intra-EU transfer goes to another Member State of the European Union; %(country)s is not one. "
            "To a country outside the EU, choose export."
        ) % {"country": destination}
    elif kind == ApplicationKind.EXPORT and military and destination in EU_MEMBER_STATES:
        errors["kind"] = _(
            "Defence-related products going to another Member State of the EU are transferred, not exported: "
            "choose the intra-EU transfer."
        )
    if kind == ApplicationKind.DUAL_USE_EXPORT and goods_family and goods_family != GoodsFamily.DUAL_USE:
        errors["goods_family"] = _("An export of dual-use items concerns dual-use items: choose that kind of goods.")
    elif goods_family == GoodsFamily.DUAL_USE and kind in (ApplicationKind.EXPORT, ApplicationKind.TRANSFER):
        errors["kind"] = _(
            "For dual-use items, choose the export of dual-use items; the intra-EU transfer of the "
            "Wapenhandeldecreet concerns defence-related products."
        )
    # fdfa.be "Doorvoer militaire goederen": transit is always licensed individually; an export of
    # defence-related products outside the EU is individual (or combined), a global licence exists
    # for transfers within the EU and for dual-use items (procedure-rules.md §A3).
    if military and kind == ApplicationKind.TRANSIT and licence_form and licence_form != LicenceForm.INDIVIDUAL:
        errors["licence_form"] = _("Transit of defence-related products is always licensed individually.")
    elif military and kind == ApplicationKind.EXPORT and licence_form == LicenceForm.GLOBAL:
        errors["licence_form"] = _(
            "Defence-related products leaving the EU are licensed individually; a global licence exists for "
            "transfers within the EU and for dual-use items."
        )
    # A combined licence: the export of defence-related products to several end users; an individual
    # licence names one (fdfa.be "Doorvoer militaire goederen", procedure-rules.md §A3).
    if licence_form == LicenceForm.COMBINED and not (military and kind == ApplicationKind.EXPORT):
        errors.setdefault(
            "licence_form", _("A combined licence exists for the export of defence-related products outside the EU.")
        )
    elif licence_form == LicenceForm.COMBINED and not further_end_users:
        errors.setdefault("licence_form", _("A combined licence names several end users: add the further end users."))
    elif further_end_users and licence_form != LicenceForm.COMBINED:
        errors.setdefault(
            "licence_form", _("Several end users need a combined licence; an individual licence names one end user.")
        )
    # The kind of goods decides the list the codes come from.
    wrong = [
        code for code in codes
        if (goods_family == GoodsFamily.DUAL_USE and code.upper().startswith("ML"))
        or (military and not code.upper().startswith("ML"))
    ]  # fmt: skip
    if wrong:
        errors["goods_family"] = (
            _("Defence-related products have codes of the EU Common Military List (ML1 to ML22), not %(codes)s.")
            if military
            else _("Dual-use items have codes of Annex I of Regulation (EU) 2021/821, not %(codes)s.")
        ) % {"codes": ", ".join(wrong)}
    return errors


def goods_line(data: dict, position: int) -> GoodsLine:
    """A validated, unsaved goods line; the messages name the line."""
    where = _("Goods line %(number)s") % {"number": position}
    description = (data.get("description") or "").strip()
    if not description:
        raise ValidationError(_("%(line)s: describe the goods.") % {"line": where}, code="description")
    try:
        code = validate_code(data.get("control_list_code") or "")
    except ControlCodeError as exc:
        raise ValidationError(f"{where}: {' '.join(exc.messages)}", code=exc.code) from exc
    try:
        quantity = int(data.get("quantity"))
    except (TypeError, ValueError):
        quantity = 0
    if quantity <= 0:
        raise ValidationError(_("%(line)s: the quantity must be at least 1.") % {"line": where}, code="quantity")
    try:
        value = Decimal(str(data.get("value_eur")))
    except (InvalidOperation, ValueError):
        value = Decimal("-1")
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise ValidationError(
            _("%(line)s: the value must be an amount in euro of zero or more.") % {"line": where}, code="value"
        )
    return GoodsLine(
        position=position, description=description, control_list_code=code, quantity=quantity, value_eur=value
    )


def further_end_user(data: dict, position: int) -> FurtherEndUser:
    """A validated, unsaved further end user (position 2, 3, …); the messages name it."""
    where = _("End user %(number)s") % {"number": position}
    name = (data.get("name") or "").strip()
    end_use = (data.get("end_use") or "").strip()
    if not name or not end_use:
        raise ValidationError(_("%(who)s: give the name and the end use.") % {"who": where}, code="end_user")
    return FurtherEndUser(position=position, name=name, country=country(data.get("country", ""), where),
                          end_use=end_use)  # fmt: skip


def record_application(case, actor=None, *, source: str | None = None) -> Application:
    """Validate the application in the case's data and record it; raises a ValidationError (Dutch)
    that names every problem found, recording nothing."""
    raw = dict(case.data.get(DATA_KEY) or {})
    if not raw:
        raise ValidationError(_("The application (goods, parties, countries) is missing."), code="application")
    errors: list[str] = []

    def choice(key, choices, label):
        value = raw.get(key, "")
        if value not in choices.values:
            errors.append(_("Choose the %(field)s.") % {"field": label})
        return value

    kind = choice("kind", ApplicationKind, _("kind of application"))
    licence_form = choice("licence_form", LicenceForm, _("licence form"))
    goods_family = choice("goods_family", GoodsFamily, _("kind of goods"))
    names = {}
    for key, label in (("consignee_name", _("consignee")), ("end_user_name", _("end user")), ("end_use", _("end use"))):
        names[key] = (raw.get(key) or "").strip()
        if not names[key]:
            errors.append(_("Fill in the %(field)s.") % {"field": label})
    countries = {}
    for key, label in (
        ("consignee_country", _("Country of the consignee")),
        ("end_user_country", _("Country of the end user")),
        ("destination_country", _("Country of destination")),
    ):
        try:
            countries[key] = country(raw.get(key, ""), label)
        except ValidationError as exc:
            errors.extend(exc.messages)
    transit = []
    for value in raw.get("transit_countries") or []:
        try:
            transit.append(country(value, _("Transit country")))
        except ValidationError as exc:
            errors.extend(exc.messages)
    lines = []
    for position, data in enumerate(raw.get("goods_lines") or [], start=1):
        try:
            lines.append(goods_line(data, position))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if not lines and not errors:
        errors.append(_("Add at least one goods line."))
    end_users = []
    for position, data in enumerate(raw.get("further_end_users") or [], start=2):
        try:
            end_users.append(further_end_user(data, position))
        except ValidationError as exc:
            errors.extend(exc.messages)
    errors.extend(
        combination_errors(
            kind, licence_form, goods_family, countries.get("destination_country", ""),
            [line.control_list_code for line in lines], len(raw.get("further_end_users") or []),
        ).values()
    )  # fmt: skip
    if errors:
        raise ValidationError(errors, code="application")
    application = Application.objects.create(
        case=case,
        kind=kind,
        temporary=raw.get("temporary") is True,
        licence_form=licence_form,
        goods_family=goods_family,
        transit_countries=transit,
        **names,
        **countries,
    )
    for line in lines:
        line.application = application
    GoodsLine.objects.bulk_create(lines)
    for end_user in end_users:
        end_user.application = application
    FurtherEndUser.objects.bulk_create(end_users)
    case.data = {key: value for key, value in case.data.items() if key != DATA_KEY}
    audit.record(
        actor,
        AuditAction.CREATE,
        application,
        after={
            "case": case.reference,
            "kind": kind,
            "destination_country": application.destination_country,
            "control_list_codes": [line.control_list_code for line in lines],
        },
        source=source,
    )
    return application


def filed(case) -> dict:
    """Kind, licence form, kind of goods, destination and whether temporary, of the application, recorded or
    still as the form left it in the case's data (before the submit step records it)."""
    application = application_of(case)
    if application is not None:
        return {
            "kind": application.kind, "licence_form": application.licence_form,
            "goods_family": application.goods_family, "destination_country": application.destination_country,
            "temporary": application.temporary,
        }  # fmt: skip
    raw = (case.data or {}).get(DATA_KEY) or {}
    filed = {key: str(raw.get(key) or "") for key in ("kind", "licence_form", "goods_family", "destination_country")}
    return {**filed, "temporary": raw.get("temporary") is True}


def fits_together(case) -> str | None:
    """Submit check: the application as filed holds together (combination_errors). Checked before
    the other submit checks report, so that an applicant who needs no licence at all (Benelux) is
    told so together with anything else; the submit step checks everything again."""
    raw = (case.data or {}).get(DATA_KEY) or {}
    if not raw:
        return None
    codes = [str(line.get("control_list_code") or "") for line in raw.get("goods_lines") or []]
    errors = combination_errors(
        str(raw.get("kind") or ""), str(raw.get("licence_form") or ""), str(raw.get("goods_family") or ""),
        str(raw.get("destination_country") or "").strip().upper(), [c for c in codes if c],
        len(raw.get("further_end_users") or []),
    )  # fmt: skip
    return " ".join(str(m) for m in errors.values()) or None


def application_of(case) -> Application | None:
    return Application.objects.filter(case=case).prefetch_related("goods_lines", "further_end_users").first()


def parties_of(case) -> list[tuple[str, str]]:
    """Who is screened: the applicant, the consignee and every end user (name and country)."""
    parties = [(case.applicant.name, case.applicant.country)]
    application = application_of(case)
    if application is not None:
        parties += [
            (application.consignee_name, application.consignee_country),
            (application.end_user_name, application.end_user_country),
            *[(user.name, user.country) for user in application.further_end_users.all()],
        ]
    return parties


def screen_case(case, actor=None, *, source: str | None = None):
    """Screen the file's parties; the hits are recorded under the case's reference."""
    return screen_parties(case.reference, parties_of(case), actor=actor, source=source)


# --- hooks of the procedure (registered in the app's ready()) --------------------------------


def on_submitted(case, actor) -> None:
    record_application(case, actor)
    screen_case(case, actor)


def on_declared_complete(case, actor) -> None:
    # The sanctions list may have been reloaded since the submission: screen again.
    screen_case(case, actor)


def application_recorded(case) -> str | None:
    """Completeness check: the file has its application with goods lines."""
    if application_of(case) is None:
        return _("The application (goods, parties, countries) is missing.")
    return None


def hits_reviewed(case) -> str | None:
    """The guard of every decision (and of completeness): no screening hit awaits its review."""
    if not unreviewed_hits(case.reference).exists():
        return None
    try:
        require_reviewed(case.reference)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None
