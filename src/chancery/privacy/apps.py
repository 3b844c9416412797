from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The GDPR's side of the platform: the register of processing activities (art. 30) built from
    what each domain app declares (core.personal_data), shown to the data protection officer and,
    as the privacy statement, to the public; the subject-access export (art. 15) and the
    pseudonymisation where the law allows it (art. 17), both audited. Above the domain apps, whose
    models it reads through the register's declarations."""

    name = "chancery.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from chancery.core import navigation
        from chancery.privacy import events, permissions, readers  # noqa: F401 - declarations

        readers.register()
        navigation.register(
            navigation.Module(
                "privacy", _("Privacy"), "privacy:index", order=95, permission="privacy.view_register",
                area="administration",
            )
        )  # fmt: skip
