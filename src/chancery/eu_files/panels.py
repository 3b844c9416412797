"""What the EU files show on the home page: transposition deadlines passed or near (within
`rules.warning_days()`), for those who read the files (registered in EuFilesConfig.ready())."""

from __future__ import annotations

from chancery.core.authz import may
from chancery.eu_files.services import acts


def home_panel(request) -> dict:
    if not may(request.user, "eu_files.read"):
        return {}
    return {"deadlines": acts.deadline_warnings(request.user)}
