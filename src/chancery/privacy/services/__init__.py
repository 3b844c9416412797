"""The privacy module's use cases: a data subject's access export and pseudonymisation
(subjects), and the register of processing as the pages show it (register)."""

from chancery.privacy.services import register, subjects  # noqa: F401
