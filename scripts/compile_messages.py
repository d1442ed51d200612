#!/usr/bin/env python3
"""Compile every message catalogue of the portal into its .mo file, with Babel.

The one way catalogues get compiled: `make messages` and the Dockerfile both
run this script, so the image ships the same translations the tests ran with
(the image once compiled only the root locale/, and served the apps' pages in
English). Babel is a run-time dependency, so neither needs GNU gettext.

A catalogue is any `<somewhere>/locale/<language>/LC_MESSAGES/<domain>.po`
below the root: the site shell's `locale/` and each app's `<app>/locale/`, and
an app added later without touching this script. A catalogue that does not
parse, whose placeholders do not match, or whose header is marked fuzzy (Babel
would skip it, and its pages would go untranslated) stops the run with a
non-zero exit after all problems are listed, and no .mo is written for it.

    python scripts/compile_messages.py                   # beside each .po
    python scripts/compile_messages.py --output-dir DIR  # DIR/<same relative path>.mo
"""

import argparse
import os
import re
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

ROOT = Path(__file__).resolve().parent.parent
# Never catalogues of ours: virtualenvs, collected static files, uploads. Hidden
# directories (.git, .venv, .lock-venv...) are skipped as well.
SKIPPED_DIRS = {"node_modules", "staticfiles", "media", "private_media", "__pycache__"}


# A keyword line or a continuation line: one string, its closing quote not escaped.
# Babel reads `msgstr "Bonjour` as "Bonjou" without a word; msgfmt refuses it.
STRING_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


def find_catalogues(root=ROOT):
    """The .po files below `root` that sit in a locale/<language>/LC_MESSAGES/
    directory, relative to `root`, sorted."""
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [name for name in subdirs if not name.startswith(".") and name not in SKIPPED_DIRS]
        path = Path(directory)
        if path.name != "LC_MESSAGES" or path.parent.parent.name != "locale":
            continue
        found.extend((path / name).relative_to(root) for name in files if name.endswith(".po"))
    return sorted(found)


def compile_catalogue(po_path, mo_path, label=None):
    """Compile one catalogue; returns a list of problems (nothing written if any).
    `label` names it in messages (default: its path)."""
    label = label or po_path
    try:
        lines = po_path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        return [f"{label}: not UTF-8: {exc}"]
    unterminated = [f"{label}:{number}: not one quoted string: {line.strip()}"
                    for number, line in enumerate(lines, start=1)
                    if line.startswith(("msg", '"')) and not STRING_LINE.match(line)]
    if unterminated:
        return unterminated
    try:
        with open(po_path, "rb") as po_file:
            catalog = read_po(po_file, abort_invalid=True)
    except PoFileError as exc:
        return [f"{label}: does not parse: {exc}"]
    if catalog.fuzzy:
        return [f"{label}: the header is marked fuzzy, so nothing in it would be used"]
    problems = [f"{label}:{message.lineno}: {error}" for message, errors in catalog.check() for error in errors]
    if problems:
        return problems
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    with open(mo_path, "wb") as mo_file:
        write_mo(mo_file, catalog)
    messages = list(catalog)[1:]  # the first is the header
    translated = sum(1 for message in messages if message.string)
    print(f"compiled {label} ({translated} of {len(messages)} messages translated)")
    return []


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="where to look for catalogues (default: the repo)")
    parser.add_argument("--output-dir", type=Path, help="write the .mo files here instead of beside each .po")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    catalogues = find_catalogues(root)
    if not catalogues:
        print(f"no message catalogues found below {root}", file=sys.stderr)
        return 1
    problems = []
    for relative in catalogues:
        mo_path = (args.output_dir or root) / relative.with_suffix(".mo")
        problems += compile_catalogue(root / relative, mo_path, label=relative)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in the message catalogues; fix them and run again", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
