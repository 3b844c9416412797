"""Fill missing Dutch translations in the .po file from a Python dict file (a one-off helper for
maintainers: `python tools/fill_translations.py NL_DICT.py`), then `make messages` compiles them."""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "src/chancery/locale/nl/LC_MESSAGES/django.po"


def main(source: str) -> None:
    data = runpy.run_path(source)
    singular, plural = data.get("NL", {}), data.get("PLURAL", {})
    po = polib.pofile(str(PO))
    missing = []
    for entry in po:
        if entry.msgid_plural and entry.msgid in plural:
            entry.msgstr_plural = dict(enumerate(plural[entry.msgid]))
        elif entry.msgid in singular:
            entry.msgstr = singular[entry.msgid]
        elif not entry.translated():
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Language"] = "nl"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.save()
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main(sys.argv[1])
