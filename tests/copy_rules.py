"""What docs/style.md demands of the words a person reads, as checks a machine can run.

`visible_text(html)` keeps what a reader sees or hears: text, and the attributes
read aloud or shown (alt, title, placeholder, aria-label, a button's value);
never scripts, styles, comments or other attributes. Content people wrote
(course and job titles, bios, venues: marked in templates with `data-content`,
or with a `lang` attribute naming its language) is left out too: it is in
the language its author wrote it in, which the interface does not choose.

`problems(text, language)` lists what breaks the style guide: half-width
punctuation right after Chinese, Django's "---------", words of the other
language left in the interface, and the words the guide replaced (您, 电子邮件…).
The rules are general: they know no page and no wording, only the languages.
"""

import re
from html.parser import HTMLParser

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese on an English page: characters, and the Chinese punctuation (、，。：（）“” are
# the usual leftovers of an untranslated string).
CHINESE = re.compile(f"[{HAN}\u3000-\u303f\uff01-\uff5e]+")
# Excused content is taken out of the text but leaves this mark when it ends in Chinese,
# so the interface's own "地点: " after a venue is still seen.
CONTENT_MARK = "\ue000"
HALF_WIDTH_AFTER_CHINESE = re.compile(f"[{HAN}{CONTENT_MARK}][:(),]")
# Latin letters beside Chinese count as a word too (的Email地址): the edges are ASCII only.
ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9_.@/-])[A-Za-z][A-Za-z'’-]*[A-Za-z](?![A-Za-z0-9_@/-])")
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")
URL = re.compile(r"(?:https?://|www\.)\S+|(?<![A-Za-z])/[\w./?=&%-]+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Names that stay as they are in every language (docs/style.md, Names): brands and
# formats, and the name of each language in the language switcher.
PROPER_NAMES_LATIN = {
    "WeChat", "PDF", "DOCX", "DOC", "RSS", "Atom", "ICS", "iCalendar", "HR", "Jinguo", "Careers", "English",
    "QQ", "APP", "App", "ID", "CV", "PNG", "JPG", "JPEG", "MB", "KB", "URL", "SMS", "Excel", "Word", "Office",
    "Python", "MBA", "CPA", "ACCA", "AI", "IT", "UI", "UX", "CAD", "PS", "Photoshop", "OK",
}
PROPER_NAMES_CHINESE = {"简体中文"}
# What the guide replaced: the word, and why, for the failure message.
REPLACED_WORDS = {
    "您": "the portal says 你",
    "电子邮件": "email is 邮箱",
    "电子邮箱": "email is 邮箱",
    "Asia/Shanghai": "the time zone is 北京时间",
    "---------": "an empty choice says what it means (请选择, 不限)",
}

SHOWN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {"p", "div", "li", "ul", "ol", "dt", "dd", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
          "section", "article", "header", "footer", "nav", "main", "form", "fieldset", "legend", "label",
          "option", "button", "a", "table", "aside", "figure", "figcaption", "br", "summary", "details", "select",
          "textarea"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.stack = []  # [(tag, skipped)]

    @property
    def skipping(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = self.skipping or tag in ("script", "style", "template", "svg") or "data-content" in attrs or (
            "lang" in attrs and tag != "html")
        if not skipped:
            for name in SHOWN_ATTRIBUTES & attrs.keys():
                self.parts.append("\n" + (attrs[name] or "") + "\n")
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append("\n" + attrs["value"] + "\n")
            if tag == "textarea":  # what she typed is hers, not the interface's
                skipped = True
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append("\n")
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html):
    """The words of a page or an HTML email a reader meets (see the module's docstring)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


def _lines(text):
    return [line.strip() for line in text.split("\n") if line.strip()]


def problems(text, language, allowed=()):
    """What in `text` (already visible text, or a plain-text message) breaks docs/style.md,
    as a list of short descriptions; `allowed` are names the caller knows are content."""
    found = []
    text = EMAIL.sub(" ", WEB_ADDRESS.sub(" ", text))
    for name in allowed:  # longest first, so a name inside a longer text goes with it
        if name in text:
            text = text.replace(name, CONTENT_MARK if re.match(f"[{HAN}]", name[-1]) else " ")
    # The replaced words before paths are taken out ("Asia/Shanghai" looks like one).
    for line in _lines(text):
        for word, why in REPLACED_WORDS.items():
            if word in line:
                found.append(f"{word!r} ({why}): {line[:80]}")
    readable = URL.sub(" ", text)
    for line in _lines(readable):
        if language == "en":
            rest = line
            for name in PROPER_NAMES_CHINESE:
                rest = rest.replace(name, " ")
            for chinese in CHINESE.findall(rest):
                found.append(f"Chinese in an English page {chinese!r}: {line[:80]}")
        else:
            for match in HALF_WIDTH_AFTER_CHINESE.finditer(line):
                found.append(f"half-width {match.group()[-1]!r} after Chinese: "
                             f"{line[:80].replace(CONTENT_MARK, '«content»')}")
            for word in ENGLISH_WORD.findall(line):
                if word not in PROPER_NAMES_LATIN and not word.isupper() or len(word) > 5 and word.isupper():
                    found.append(f"English in a Chinese page {word!r}: {line[:80]}")
    return found


# Stored text that is the interface rendered earlier (a notification, a queued
# message), not content: it must be in her language, so it is never excused.
RENDERED_MODELS = {("notifications", "notification"), ("notifications", "outboundmessage")}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def stored_content():
    """Every piece of Chinese text people wrote and the database holds (titles, names,
    bios, venues, page bodies, settings): content, in the language its author chose
    (the demo's is Chinese by design). Values of fields with choices are codes, not
    content: their labels are the interface's."""
    from django.apps import apps
    from django.db import models
    from wagtail.fields import StreamField

    found = set()
    for model in apps.get_models():
        if (model._meta.app_label, model._meta.model_name) in RENDERED_MODELS or model._meta.proxy:
            continue
        fields = [field for field in model._meta.concrete_fields
                  if (isinstance(field, models.CharField | models.TextField | models.JSONField | StreamField))
                  and not field.choices and not field.primary_key]
        for field in fields:
            for value in model._default_manager.values_list(field.attname, flat=True).distinct():
                if hasattr(value, "raw_data"):  # a StreamField's blocks
                    value = list(value.raw_data)
                for text in _strings(value):
                    for line in _lines(visible_text(text) if "<" in text else text):
                        # Only text with Chinese in it: one character would excuse it everywhere,
                        # and an English setting ("Courses", "About") must not excuse the same
                        # words left untranslated on a Chinese page.
                        if len(line) >= 2 and re.search(f"[{HAN}]", line):
                            found.add(line)
    return sorted(found, key=len, reverse=True)
