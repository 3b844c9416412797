from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Retention and archiving (issue 20 §4): the retention periods the apps declare
    (core.retention_registry), destruction lists proposed by the system and approved by an
    archivist, legal holds, and archive packages of closed files (`chancery archive-export`).
    Above the domain apps: it reads their files and documents, as operations does."""

    name = "chancery.archive"
    label = "archive"
    verbose_name = _("Archive")

    def ready(self) -> None:
        from chancery.archive import events, permissions, readers  # noqa: F401 - declarations
        from chancery.core import navigation

        readers.register()
        navigation.register(
            navigation.Module(
                "archive", _("Archive"), "archive:index", order=95, permission="archive.view", area="administration"
            )
        )
