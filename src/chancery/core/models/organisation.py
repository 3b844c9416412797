"""Who is who: entities of the administration, the Government's members, users and their roles."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chancery.core import authz
from chancery.core.periods import in_force
from chancery.core.visibility import ReadableQuerySet


def localized(obj: models.Model, field: str) -> str:
    """The English variant of a bilingual field when English is active and filled in, else Dutch."""
    if (get_language() or "nl").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)


class EntityKind(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    AGENCY = "agency", _("Agency")
    CABINET = "cabinet", _("Ministerial cabinet")
    POST = "post", _("Diplomatic post")
    OTHER = "other", _("Other organisation")


class Entity(models.Model):
    """An organisation unit of the government (entiteit): department, agency, cabinet, post abroad."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EntityKind.choices)
    name = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, for posts."))
    city = models.CharField(_("city"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localized(self, "name")


class Person(models.Model):
    """A natural person who holds a mandate. Users are accounts; a minister is both."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class MandateeQuerySet(ReadableQuerySet):
    def active_on(self, day: datetime.date | None = None) -> MandateeQuerySet:
        day = day or timezone.localdate()
        return self.filter(in_force(day))

    def represented_by(self, user) -> MandateeQuerySet:
        """The mandates a council user acts for: their own (a minister) or their cabinet's."""
        condition = models.Q(pk__in=[])
        if getattr(user, "person_id", None):
            condition |= models.Q(person_id=user.person_id)
        if getattr(user, "entity_id", None):
            condition |= models.Q(cabinet_id=user.entity_id)
        return self.filter(condition)


class Mandatee(models.Model):
    """A member of the Government for one term of office (mandataris), with portfolio and cabinet.

    A reshuffle ends the row and starts a new one, so that past decisions keep the title and
    portfolio their minister had on the day.
    """

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="mandates")
    title = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    portfolio = models.TextField(_("portfolio (Dutch)"))
    portfolio_en = models.TextField(_("portfolio (English)"), blank=True)
    precedence = models.PositiveSmallIntegerField(
        _("protocol order"), default=1, help_text=_("1 for the Minister-President, then in protocol order.")
    )
    start = models.DateField(_("start of term"))
    end = models.DateField(_("end of term"), null=True, blank=True)
    cabinet = models.ForeignKey(
        Entity,
        verbose_name=_("cabinet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mandatees",
        limit_choices_to={"kind": EntityKind.CABINET},
    )

    objects = MandateeQuerySet.as_manager()

    class Meta:
        verbose_name = _("government member")
        verbose_name_plural = _("government members")
        ordering = ["precedence", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="mandatee_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.label_title})"

    @property
    def label_title(self) -> str:
        return localized(self, "title")

    @property
    def label_portfolio(self) -> str:
        return localized(self, "portfolio")


class Role(models.TextChoices):
    """What a user may do; confidentiality (core.access) and each module's rules read it."""

    ADMIN = "admin", _("Administrator")
    SECRETARIAT = "secretariat", _("Secretariat")
    MINISTER = "minister", _("Minister")
    CABINET = "cabinet", _("Cabinet member")
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    EXPERT = "expert", _("External expert (read-only)")
    APPLICANT = "applicant", _("Applicant (external)")
    # Keeps the closed files: proposes and approves destruction lists, exports archive packages
    # (chancery.archive). Reads like the public otherwise: the confidentiality rule names no archivist.
    ARCHIVIST = "archivist", _("Archivist")
    # The data protection officer (functionaris voor gegevensbescherming, GDPR art. 37-39): keeps
    # the register of processing and answers data subjects' requests (chancery.privacy); sees no
    # confidential file by this role.
    DPO = "dpo", _("Data protection officer")


# The roles' values, for code that checks a role named from outside (a claim of the identity provider)
# without deciding anything by it.
ROLES = frozenset(Role.values)


class ChanceryUserManager(UserManager.from_queryset(ReadableQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)

    def system_account(self, username: str, first_name: str) -> tuple[User, bool]:
        """An account a command acts as on the secretariat's behalf (an import): it cannot log in.
        Returns it and whether it was made now."""
        account = self.filter(username=username).first()
        if account is not None:
            return account, False
        account = self.model(username=username, role=Role.SECRETARIAT, first_name=first_name)
        account.set_unusable_password()
        account.save()
        return account, True


class User(AbstractUser):
    """An account. Its role and entity decide what it may see and do."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CIVIL_SERVANT)
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="user",
        help_text=_("For ministers: the person whose mandates this account acts on."),
    )

    objects = ChanceryUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def save(self, *args, **kwargs):
        # The role is the one truth: administrators, and only they, get the Django admin and all
        # model permissions. (`createsuperuser` gives the role, see ChanceryUserManager.)
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def has_perm(self, perm, obj=None) -> bool:
        """A declared action (core.authz) gets the declared answer, administrators included (Django
        would say yes to a superuser without asking); model permissions go to Django as usual."""
        if authz.is_declared(perm):
            return authz.may(self, perm, obj)
        return super().has_perm(perm, obj)
