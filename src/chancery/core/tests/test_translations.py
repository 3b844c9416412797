"""The Dutch catalogue is the only source of the translations, and it keeps up with the code.

Extraction runs as `make messages` runs it (Django's makemessages with GNU gettext, locale nl,
domain django, from the package directory), but on a copy of the code into a fresh locale
directory, so the committed catalogue is only read. Every msgid found there (with its plural and
context) must be in the catalogue, translated in every plural form and not fuzzy; the catalogue
holds nothing else, no obsolete (#~) entry, and its compiled .mo matches it.
"""

import io
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

PACKAGE = Path(__file__).resolve().parents[2]  # src/chancery, where `make messages` runs
LOCALE = PACKAGE / "locale"
CATALOGUE = LOCALE / "nl/LC_MESSAGES/django.po"
REMEDY = (
    "Run `make messages`, translate in src/chancery/locale/nl/LC_MESSAGES/django.po what it adds empty or "
    "marks fuzzy (and remove the fuzzy flag), run `make messages` again and commit the .po and the .mo."
)


def _key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _show(key: tuple) -> str:
    context, msgid, plural = key
    return (f"[{context}] " if context else "") + repr(msgid) + (f" / plural {plural!r}" if plural else "")


def extract(into: Path) -> polib.POFile:
    """The messages of the code as makemessages finds them, from a copy of the package under `into`."""
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        pytest.fail("extracting the messages needs GNU gettext: run `make gettext` (Debian's gettext package)")
    copy = into / "chancery"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    here = Path.cwd()
    os.chdir(copy)  # makemessages reads the current directory (and writes beside templates while it works)
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages", locale=["nl"], domain="django", no_location=True, verbosity=0, stdout=io.StringIO()
            )
    finally:
        os.chdir(here)
    return polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po"))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    return extract(tmp_path_factory.mktemp("messages"))


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def test_every_message_of_the_code_is_in_the_catalogue_and_translated(extracted, catalogue):
    assert len(extracted) > 1000, "extraction found almost nothing: is makemessages reading the code?"
    plural_forms = catalogue.metadata.get("Plural-Forms", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    assert match, f"the catalogue's header has no Plural-Forms: {plural_forms!r}"
    nplurals = int(match.group(1))
    entries = {_key(entry): entry for entry in catalogue}
    missing, untranslated, fuzzy = [], [], []
    for found in extracted:
        entry = entries.get(_key(found))
        if entry is None:
            missing.append(_key(found))
        elif "fuzzy" in entry.flags:
            fuzzy.append(_key(found))
        elif entry.msgid_plural:
            forms = [entry.msgstr_plural.get(n, "") for n in range(nplurals)]
            if not all(form.strip() for form in forms):
                untranslated.append(_key(found))
        elif not entry.msgstr.strip():
            untranslated.append(_key(found))
    problems = [
        (f"{title} ({len(keys)}):\n" + "\n".join(f"  {_show(key)}" for key in keys))
        for title, keys in [
            ("in the code, not in the catalogue", missing),
            ("not translated (or a plural form left empty)", untranslated),
            ("fuzzy", fuzzy),
        ]
        if keys
    ]
    assert not problems, "\n".join(problems) + "\n" + REMEDY


def test_the_catalogue_holds_only_the_messages_of_the_code(extracted, catalogue):
    found = {_key(entry) for entry in extracted}
    stale = [_key(entry) for entry in catalogue if _key(entry) not in found]
    obsolete = [_key(entry) for entry in catalogue.obsolete_entries()]
    assert not stale, "in the catalogue, no longer in the code (`make messages` removes them):\n" + "\n".join(
        f"  {_show(key)}" for key in stale
    )
    assert not obsolete, "obsolete (#~) entries (`make messages` removes them):\n" + "\n".join(
        f"  {_show(key)}" for key in obsolete
    )
    assert not catalogue.metadata_is_fuzzy, "the catalogue's header is marked fuzzy: remove the flag"


def test_compiled_translations_match_their_source():
    for po_path in LOCALE.glob("*/LC_MESSAGES/django.po"):
        po = polib.pofile(str(po_path))
        assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
        assert not po.fuzzy_entries()
        mo = polib.mofile(str(po_path.with_suffix(".mo")))
        compiled = {(e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
        source = {(e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po.translated_entries()}
        assert source <= compiled, "run `make messages` after editing the .po file"
