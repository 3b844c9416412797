"""The procedures known to the engine. Each app registers its definitions in `ready()`:

from chancery.procedures import registry
registry.register(MY_PROCEDURE)
"""

from __future__ import annotations

from chancery.procedures.engine import DefinitionError, Procedure

_procedures: dict[str, Procedure] = {}


def register(procedure: Procedure, *, replace: bool = False) -> Procedure:
    if procedure.code in _procedures and not replace and _procedures[procedure.code] is not procedure:
        raise DefinitionError(f"A procedure with code {procedure.code} is already registered.")
    _procedures[procedure.code] = procedure
    return procedure


def unregister(code: str) -> None:
    _procedures.pop(code, None)


def get(code: str) -> Procedure:
    try:
        return _procedures[code]
    except KeyError:
        raise LookupError(f"No procedure {code!r} is registered.") from None


def find(code: str) -> Procedure | None:
    return _procedures.get(code)


def all_procedures() -> list[Procedure]:
    return sorted(_procedures.values(), key=lambda p: p.code)


def choices() -> list[tuple[str, str]]:
    return [(p.code, f"{p.code} — {p.name}") for p in all_procedures()]
