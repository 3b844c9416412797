from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _submits(user) -> bool:
    from chancery.decisions.services import can_submit

    return can_submit(user)


def _manages(user) -> bool:
    from chancery.decisions.services import can_manage_agendas

    return can_manage_agendas(user)


class DecisionsConfig(AppConfig):
    name = "chancery.decisions"
    label = "decisions"
    verbose_name = _("Decision-making")

    def ready(self) -> None:
        from chancery.core import navigation

        for key, label, url_name, order in (
            ("decisions", _("Meetings"), "decisions:meeting_list", 20),
            ("dossiers", _("Dossiers"), "decisions:dossier_list", 25),
        ):
            navigation.register(navigation.Module(key, label, url_name, order=order, visible=navigation.internal))
        navigation.register(
            navigation.Module("submissions", _("Submissions"), "decisions:submission_list", order=22, visible=_submits)
        )
        navigation.register(
            navigation.Module(
                "publications", _("Publications"), "decisions:publication_list", order=27, visible=_manages
            )
        )

        from chancery.core.permissions import register_document_edit_guard
        from chancery.decisions.services.documents import document_edit_guard

        register_document_edit_guard(document_edit_guard)
