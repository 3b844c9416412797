"""The register of processing activities (GDPR art. 30), filled by the domain apps.

Each app declares, once, in its `personal_data.py` (imported by its AppConfig.ready(), like its
permissions.py and events.py), the processing it does: `declare(Activity(...))` with the purpose,
the legal basis, the categories of data subjects and of personal data, the recipients, the
retention and the security measures, and its `Holding`s: which model holds personal data of which
subject, in which fields, how a person is found there (by e-mail, name or national number, or
through the account or the party already found) and whether the law keeps the data (art. 17(3))
or it may be pseudonymised. The privacy app (`chancery.privacy`) reads this registry for the
register's pages, the subject-access export (art. 15) and pseudonymisation (art. 17) without
knowing the apps; the core knows nothing of them either. Plain data: no models are imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# How a person is looked for: the kinds of identifier a query is read as.
EMAIL = "email"
NAME = "name"
NATIONAL_NUMBER = "national_number"
KINDS = (EMAIL, NAME, NATIONAL_NUMBER)

# The two kinds of row every other holding may reach a person through.
ACCOUNT = "core.User"
PARTY = "procedures.Party"


@dataclass(frozen=True)
class Holding:
    """Where personal data of one category of subject is held.

    `model`: "app_label.ModelName". `subject`: the category of data subject (translatable).
    `match`: {kind: field or tuple of fields (joined by a space, e.g. first and last name)} for
    finding a person directly; `through`: {"core.User" or "procedures.Party": lookup path to it}
    for finding the rows of a person already found there. `scope`: a filter every row must pass
    (the cases of one procedure). `fields`: the fields exported (art. 15). `pseudonymise`: the
    fields replaced by the person's pseudonym (art. 17), empty when the law keeps the data;
    `kept`: the legal reason the data are kept (translatable), for every row, or a function of a
    row giving the reason or None (a file still under retention, a published decision).
    `describe`: a short reference of a row (no personal data), e.g. the case's reference.
    `rewrite`: field → function(old value) giving the new value instead of the pseudonym (a
    text masked rather than replaced). `labels`: field → label, for a field whose model gives it none
    of its own (the pages and the export show labels, never column names)."""

    model: str
    subject: str
    fields: tuple[str, ...]
    match: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    through: dict[str, str] = field(default_factory=dict)
    scope: dict[str, object] = field(default_factory=dict)
    pseudonymise: tuple[str, ...] = ()
    kept: object = None
    describe: Callable[[object], str] | None = None
    rewrite: dict[str, Callable[[str], str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, model, name: str) -> str:
        """The field's label: the declared one, else the model field's verbose name."""
        return str(self.labels.get(name) or model._meta.get_field(name).verbose_name)

    def kept_reason(self, row) -> str | None:
        """Why the law keeps this row's personal data, or None when it may be pseudonymised."""
        if callable(self.kept):
            reason = self.kept(row)
            return str(reason) if reason else None
        return str(self.kept) if self.kept else None


@dataclass(frozen=True)
class Activity:
    """One processing activity of the register (art. 30(1)). The texts are translatable; `app` is
    the declaring app's label (the register groups by it)."""

    code: str
    app: str
    name: str
    purpose: str
    legal_basis: str
    subjects: tuple[str, ...]
    categories: tuple[str, ...]
    recipients: tuple[str, ...]
    retention: str
    security: str
    holdings: tuple[Holding, ...] = ()
    # Shown on the public privacy statement (every activity is; an internal one may be hidden).
    public: bool = True


_activities: dict[str, Activity] = {}


def declare(activity: Activity) -> Activity:
    for holding in activity.holdings:
        unknown = set(holding.match) - set(KINDS)
        if unknown:
            raise ImproperlyConfigured(f"{activity.code}: unknown kinds of identifier {sorted(unknown)}.")
        if set(holding.through) - {ACCOUNT, PARTY}:
            raise ImproperlyConfigured(f"{activity.code}: a holding is reached through an account or a party only.")
        erasable = holding.pseudonymise or holding.rewrite
        if not erasable and not holding.kept:
            raise ImproperlyConfigured(f"{activity.code}: {holding.model} is neither pseudonymised nor kept by law.")
    _activities[activity.code] = activity
    return activity


def activities() -> list[Activity]:
    """Every declared activity, in the order of their codes."""
    return sorted(_activities.values(), key=lambda a: a.code)


def get(code: str) -> Activity:
    return _activities[code]


def _account_kept(user) -> str | None:
    if user.is_active:
        return _("An active account: its holder still works with it. Deactivate the account first.")
    return None


# The core's own processing: the accounts. (The audit trail names who did what by their user name:
# kept, append-only, as the proof of the administration's acts.)
ACCOUNTS = declare(
    Activity(
        code="core.accounts",
        app="core",
        name=_("User accounts"),
        purpose=_(
            "Giving the administration's staff, experts and applicants access to the platform, and recording who "
            "did what."
        ),
        legal_basis=_(
            "GDPR art. 6(1)(e): a task in the public interest; art. 32: the security of the processing (who did what)."
        ),
        subjects=(_("users of the platform"),),
        categories=(_("name"), _("e-mail address"), _("user name"), _("role and entity"), _("log-ins")),
        recipients=(_("the administrators of the platform"),),
        retention=_(
            "As long as the account is active; the audit trail keeps the user name as the proof of what was done."
        ),
        security=_(
            "Passwords hashed (PBKDF2), log-in attempts limited (django-axes), single sign-on, TLS, an "
            "append-only audit trail."
        ),
        holdings=(
            Holding(
                model=ACCOUNT,
                subject=_("user of the platform"),
                fields=(
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "role",
                    "entity",
                    "date_joined",
                    "last_login",
                    "is_active",
                ),
                match={EMAIL: "email", NAME: ("first_name", "last_name")},
                pseudonymise=("first_name", "last_name", "email"),
                kept=_account_kept,
                describe=lambda user: f"#{user.pk}",
            ),
        ),
    )
)
