"""The message catalogues: complete in Chinese, and without clashes.

Every app keeps its own catalogue, but gettext merges them into one namespace:
when two apps translate the same English text (and context) differently, one
of them silently shows the other's words. Such strings need a context.
"""

import contextlib
import io
from collections import defaultdict
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")) + [
    ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"
]


def messages():
    for path in CATALOGUES:
        with contextlib.redirect_stdout(io.StringIO()), path.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if message.id:
                yield path.relative_to(ROOT), message


def test_every_chinese_string_is_translated():
    missing = [
        f"{path}: {message.id!r}"
        for path, message in messages()
        if message.fuzzy or not all(message.string if isinstance(message.string, tuple) else [message.string])
    ]
    assert missing == []


def test_no_two_apps_translate_the_same_text_differently():
    translations = defaultdict(dict)
    for path, message in messages():
        translations[(message.context, str(message.id))][str(path)] = message.string
    clashes = {key: found for key, found in translations.items() if len(set(map(str, found.values()))) > 1}
    assert clashes == {}
