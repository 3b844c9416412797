from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "chancery.decisions"
    label = "decisions"
    verbose_name = _("Decision-making")

    def ready(self) -> None:
        from chancery.core import navigation
        from chancery.decisions import events, permissions, readers  # noqa: F401 - declares the app's actions

        readers.register()

        for key, label, url_name, order, permission in (
            ("decisions", _("Meetings"), "decisions:meeting_list", 20, "decisions.read_back_office"),
            ("submissions", _("Submissions"), "decisions:submission_list", 22, "decisions.submit"),
            ("dossiers", _("Dossiers"), "decisions:dossier_list", 25, "decisions.read_back_office"),
            ("publications", _("Publications"), "decisions:publication_list", 27, "decisions.handle_publications"),
        ):
            navigation.register(
                navigation.Module(key, label, url_name, order=order, permission=permission, area="decisions")
            )

        from chancery.core.permissions import register_document_edit_guard
        from chancery.decisions.services.documents import document_edit_guard

        register_document_edit_guard(document_edit_guard)
