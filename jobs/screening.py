"""The anti-discrimination check for job adverts.

China's Women's Rights Law (2022, Art. 43) forbids adverts that limit or
prefer a gender, ask about marriage or childbearing, or require pregnancy tests.
The built-in patterns below cover the common wordings in Chinese and English;
editors add literal phrases in the admin (DiscriminatoryPhrase). Spaces between
Chinese characters ("男 性 优 先") are ignored and full-width letters count as
their ASCII forms, since both are common ways around naive filters.

Positive mentions of women (女性友好, 欢迎女性, 产假, 婚假, 生育保险) match nothing.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import DiscriminatoryPhrase

GENDER, MARRIAGE, PREGNANCY = "gender", "marriage", "pregnancy"

MALE = r"(?:男性|男生|男士|男)"
FEMALE = r"(?:女性|女生|女士|女)"
LIMIT = r"(?:仅限|只限|限招|仅招|只招|只要|限|要求|需|须)"

BUILT_IN = [
    # Gender limits and preferences, either way round.
    (GENDER, rf"{LIMIT}\s*{MALE}(?!\s*(?:女|和|或|、))"),
    (GENDER, rf"{MALE}\s*(?:优先|为佳|更佳)"),
    (GENDER, rf"{LIMIT}\s*{FEMALE}(?!\s*(?:性友好|职工权益|员工福利|男|和|或|、))"),
    (GENDER, rf"{FEMALE}\s*(?:优先|为佳|更佳)"),
    (GENDER, r"性别\s*[:：]?\s*(?:要求\s*[:：]?\s*)?(?:男|女)(?!\s*不限)"),
    (GENDER, r"不(?:招|要|收|考虑)\s*(?:女性|女生|女)"),
    (GENDER, r"\b(?:male|men|man|female|women|woman)\s+(?:only|preferred|candidates\s+only|applicants\s+only)\b"),
    (GENDER, r"\bonly\s+(?:male|men|female|women)\b"),
    (GENDER, r"\bprefer(?:ably|ence for)?\s+(?:a\s+)?(?:male|men|man)\b"),
    # Marriage and childbearing.
    (MARRIAGE, r"已\s*婚\s*已\s*育"),
    (MARRIAGE, r"(?<!提供)(?<!享受)(?<!带薪)(?:未婚|已婚)(?!\s*(?:假|礼金))"),
    (MARRIAGE, r"婚\s*育\s*(?:情况|状况|状态|计划)"),
    (MARRIAGE, r"婚\s*姻\s*(?:情况|状况|状态)"),
    (MARRIAGE, r"婚\s*否|育\s*否|是否\s*(?:已婚|结婚|生育|有孩子|有小孩)"),
    (MARRIAGE, r"(?:生育|怀孕)\s*(?:计划|打算)"),
    (MARRIAGE, r"(?:不得|不能|不可|不准|不允许|暂不)\s*(?:生育|怀孕|结婚|生孩子|要孩子)"),
    (MARRIAGE, r"\b(?:marital\s+status|must\s+be\s+(?:single|unmarried)|unmarried\s+(?:only|preferred)|"
               r"(?:no\s+)?plans?\s+to\s+have\s+children|family\s+planning\s+status)\b"),
    # Pregnancy tests.
    (PREGNANCY, r"孕\s*检|验\s*孕|妊\s*娠\s*(?:测试|检测|检查|试验)|怀\s*孕\s*(?:测试|检测|检查)"),
    (PREGNANCY, r"\bpregnancy\s+(?:test|testing|screening|check)s?\b"),
]

_BUILT_IN = [(category, re.compile(pattern, re.IGNORECASE)) for category, pattern in BUILT_IN]

SCREENED_FIELDS = ["title", "description", "requirements", "benefits", "how_to_apply"]


# The items of Art. 43 of the Women's Rights Law (2022) each kind of finding falls under.
RULES = {
    "gender": _("Art. 43 of the Law on the Protection of Women's Rights and Interests (item 1, and item 5): "
                "a job advert may not limit a post to one gender or prefer one, nor ask more of women."),
    "ask_marriage": _("Art. 43 of the Law on the Protection of Women's Rights and Interests (item 2): an "
                      "employer may not ask about or investigate a woman's marriage or childbearing."),
    "marriage": _("Art. 43 of the Law on the Protection of Women's Rights and Interests (item 4): marriage, "
                  "childbearing or a promise not to marry or have children may not be a condition of hiring."),
    "pregnancy": _("Art. 43 of the Law on the Protection of Women's Rights and Interests (item 3): a pregnancy "
                   "test may not be part of the medical check for a job."),
}


@dataclass(frozen=True)
class Finding:
    field: str
    start: int
    end: int
    phrase: str
    category: str
    # Which item of Art. 43 it breaks (a key of RULES); the category's usual one by default.
    rule: str = ""

    @property
    def explanation(self):
        """One sentence in the active language naming the rule."""
        return str(RULES.get(self.rule or self.category, RULES["gender"]))

    def as_dict(self):
        return {"field": self.field, "start": self.start, "end": self.end, "phrase": self.phrase,
                "category": self.category, "rule": self.rule}


def _is_cjk(ch):
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def normalise(text):
    """Fold full-width forms to ASCII and drop spaces between Chinese characters
    ("男 性 优 先" reads 男性优先). Returns the folded text and, for each of its
    characters, the position of that character in the original."""
    folded, positions = [], []
    for index, ch in enumerate(text):
        ch = unicodedata.normalize("NFKC", ch)[:1] or ch
        if ch.isspace() and folded and _is_cjk(folded[-1]):
            following = text[index + 1:].lstrip()[:1]
            if following and _is_cjk(following):
                continue
        folded.append(ch)
        positions.append(index)
    return "".join(folded), positions


def _literal_pattern(phrase):
    """An editor's phrase as a pattern, matched the same way as the text."""
    folded, _ = normalise(phrase.strip())
    return re.compile(re.escape(folded), re.IGNORECASE)


def editor_patterns():
    return [
        (category, _literal_pattern(phrase))
        for phrase, category in DiscriminatoryPhrase.objects.filter(active=True).values_list("phrase", "category")
    ]


def scan_text(text, field="text", patterns=None):
    """Every finding in one text, in order, without overlaps."""
    if not text:
        return []
    folded, positions = normalise(text)
    found = []
    for category, pattern in _BUILT_IN + list(patterns or []):
        for match in pattern.finditer(folded):
            if match.end() > match.start():
                start, end = positions[match.start()], positions[match.end() - 1] + 1
                found.append(Finding(field, start, end, text[start:end], category))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    merged = []
    for finding in found:
        if merged and finding.start < merged[-1].end:
            continue
        merged.append(finding)
    return merged


def scan_posting(posting, patterns=None):
    """Findings over the fields of a JobPosting (or anything with those attributes)."""
    if patterns is None:
        patterns = editor_patterns()
    findings = []
    for field in SCREENED_FIELDS:
        findings.extend(scan_text(getattr(posting, field, "") or "", field, patterns))
    return findings


def highlight(text, findings):
    """HTML of `text` (escaped) with each finding wrapped in <mark>."""
    parts, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        parts.append(escape(text[position:finding.start]))
        parts.append(f'<mark class="flagged" title="{escape(finding.category)}">'
                     f"{escape(text[finding.start:finding.end])}</mark>")
        position = finding.end
    parts.append(escape(text[position:]))
    return "".join(parts)


# ---------------------------------------------------------------- refusing flagged text
# Built only on the interface above (scan_text, editor_patterns, Finding): whatever sends
# words an employer wrote to a candidate (status messages, interview invitations) calls
# this before it changes or sends anything.


def refuse_if_flagged(text, field="message", patterns=None):
    """Raise a ServiceError (code "flagged_wording", 400) naming each finding in `text`
    and the rule it breaks, in the active language; return quietly when there is none.
    The error's `errors` list ({field, message, phrase, category}) is what an API body
    lists and a form shows under the field. Editors' phrases count unless `patterns`
    is given."""
    from django.utils.translation import get_language, gettext

    from portal.errors import ServiceError

    findings = scan_text(text or "", field, editor_patterns() if patterns is None else patterns)
    if not findings:
        return
    separator = "、" if (get_language() or "").startswith("zh") else ", "
    raise ServiceError(
        "flagged_wording",
        gettext("Please change this wording before it is sent: %(phrases)s.")
        % {"phrases": separator.join(f"“{finding.phrase}”" for finding in findings)},
        400,
        errors=[{"field": field, "message": gettext("“%(phrase)s”: %(explanation)s") % {
                    "phrase": finding.phrase, "explanation": finding.explanation},
                 "phrase": finding.phrase, "category": finding.category} for finding in findings],
    )
