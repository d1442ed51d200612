"""The anti-discrimination check for job adverts.

China's Women's Rights Law (2022, Art. 43) forbids, in hiring: limiting a post
to men or preferring men (item 1), asking about or investigating a woman's
marriage or childbearing (2), pregnancy tests in the entry medical (3), and
marriage, childbearing or promises about them as conditions (4); the Employment
Promotion Law (Art. 27) forbids limiting a post by gender either way.

How it reads a text (a grammar over a vocabulary, not a list of regular
expressions): the text is folded (full-width to ASCII, spaces between Chinese
characters dropped: "男 性 优 先" reads 男性优先), cut into clauses at
punctuation, and each clause is cut into the fewest words it can be from the
vocabulary in jobs/screening_words.py, where each word has a role (a person:
男性, 宝妈; a preference: 优先, 更合适; a refusal: 勿扰, 慎投; a status: 已婚,
未育; a test: 孕检, HCG; and the words that make a mention innocent: a
negation 不询问, 不含; a benefit 产假, 生育保险; a product 男装, 婚纱; a duty of
the job 协助, 熟悉; neutral wording 男女不限). The rules below decide from
which roles meet in one clause. Wordings are many but roles are few, so a new
way of saying "men preferred" (男同事更佳, 以小伙子为主) is caught by the
roles it is made of; teaching the check a new word means adding it to its role.

Editors add literal phrases in the admin (DiscriminatoryPhrase); they are
matched as written, on the folded text.
"""

import re
import unicodedata
from dataclasses import dataclass

import opencc
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from . import screening_words as w
from .models import DiscriminatoryPhrase

GENDER, MARRIAGE, PREGNANCY = "gender", "marriage", "pregnancy"

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


CJK = "\u3400-\u9fff\uf900-\ufaff"
# Three or more Chinese characters each standing alone between spaces.
SPELT_OUT = re.compile(rf"(?<![{CJK}])[{CJK}](?:[ \t\u3000]+[{CJK}](?![{CJK}])){{2,}}")
# A space between two pieces of Chinese: the edge of a field.
FIELD_GAP = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")


def normalise(text):
    """Fold full-width forms to ASCII and close up Chinese spelt out a character
    at a time ("男 性 优 先" reads 男性优先); a space between longer pieces of
    Chinese stays, it separates the fields of a post ("物流分拣 夜班 只招小伙子").
    Returns the folded text and, for each of its characters, the position of
    that character in the original."""
    text = _simplified("".join(unicodedata.normalize("NFKC", ch)[:1] or ch for ch in text))
    spelt = {offset for gap in SPELT_OUT.finditer(text)
             for offset in range(gap.start(), gap.end()) if text[offset].isspace()}
    folded, positions = [], []
    for index, ch in enumerate(text):
        if index in spelt:
            continue
        folded.append(ch)
        positions.append(index)
    return "".join(folded), positions


_TO_SIMPLIFIED = opencc.OpenCC("t2s")


def _simplified(text):
    """Traditional characters as simplified (男士優先 reads 男士优先), one for one so
    that offsets still point into the original."""
    converted = _TO_SIMPLIFIED.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_TO_SIMPLIFIED.convert(ch)[:1] or ch for ch in text)


def _literal_pattern(phrase):
    """An editor's phrase as a pattern, matched the same way as the text."""
    folded, _ = normalise(phrase.strip())
    return re.compile(re.escape(folded), re.IGNORECASE)


def editor_patterns():
    return [
        (category, _literal_pattern(phrase))
        for phrase, category in DiscriminatoryPhrase.objects.filter(active=True).values_list("phrase", "category")
    ]


# Where a sentence ends, and within it where one clause ends: a reader's pause.
# (The enumeration comma 、 and the colon do not end a clause: "男、女不限" and
# "性别：男" are read whole. An English comma lists, "Female, married, aged 30-40
# preferred" is one condition, so it ends a clause only beside Chinese.)
SENTENCE_END = re.compile(r"[。；;！!？?\n\r]|\.(?=\s|$)")
CLAUSE_END = re.compile(r"，|,(?=\s*[\u3400-\u9fff])|(?<=[\u3400-\u9fff]),")
LONGEST_CLAUSE = 200
# A ratio of men to women set in advance ("男女比例按3:1"); an even one is not a limit.
QUOTA = re.compile(r"男女(?:比例|比)\D{0,8}?(\d+)\s*[:比]\s*(\d+)")
QUOTED = re.compile(r"“[^”]{1,40}”|\"[^\"]{1,40}\"|「[^」]{1,40}」|『[^』]{1,40}』")
COORDINATION = re.compile(r"[、或及和与/]|\b(?:or|and|nor)\b")
# How near (in characters) a limit or a negation must stand before what it bears on.
NEAR = 8
# A gender standing alone, as a clause ("前台一名，女，形象好") or in brackets ("销售代表（男）"):
# in an advert that is a condition.
ALONE = re.compile(r"(?:^|[：:、])\s*[（(【\[]?\s*(?:男|女|男性|女性|男士|女士|男生|女生)\s*[）)】\]]?\s*(?:、|$)")
BRACKETED = re.compile(r"[（(【\[]\s*(?:限|仅限|只限)?\s*(?:男|女|男性|女性|男士|女士|男生|女生)\s*[）)】\]]")
# A pregnancy test named by composition: a pregnancy word and a test word (早孕筛查, 妊娠化验, hcg检测).
TEST_COMPOUND = re.compile(r"(?:早早孕|早孕|妊娠|怀孕|验孕|孕|β-?hcg|hcg)(?:相关|情况|与否)?"
                           r"(?:检测|检查|筛查|测试|试验|化验|筛检|测定|检验|检|测|筛)")
HEADCOUNT = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十]+|若干|数)\s*(?:名|人|位)")
ENGLISH_ALONE = re.compile(r"(?:^|,)\s*(?:males?|females?)(?:\s+only)?\s*(?:,|$)", re.IGNORECASE)
ASCII_WORD = re.compile(r"[a-z0-9'-]")
# Words that make a mention part of the work, not a condition on her.
INNOCENT = (w.DUTY, w.THING, w.AUDIENCE)
# What may be asked or tested for: forbidding it is a promise, not a condition.
ASKED = (w.TEST, w.PREGNANCY_PROOF, w.MARRIAGE_TOPIC, w.QUESTION, w.MARRIAGE_PROOF)
# A field that starts with a cue completes the one before it ("男性 优先"); one that
# ends with a limit or a label goes on in the next ("性别 女", "只招 小伙子").
JOINS_BACK = (w.PREFER, w.EXCLUDE, w.SUITS)
JOINS_ON = (w.LIMIT, w.RECRUIT, w.GENDER_LABEL)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    role: str | None


def _max_length(lexicon):
    return max(len(key) for key in lexicon)


_CHINESE_LONGEST = _max_length(w.CHINESE)
_PHRASES = sorted(w.ENGLISH_PHRASES, key=len, reverse=True)


def _segment(run):
    """Cut a run of Chinese into vocabulary words, as few pieces as possible
    (then as few unknown characters): "无妊娠检测" is 无 + 妊娠检测 (no test), never
    无妊娠 + 检 + 测. Returns [(start, end, role or None)]."""
    # best[i]: (pieces, unknown characters, the cut ending at i) for run[:i]
    best = [(0, 0, None)] + [None] * len(run)
    for index in range(len(run)):
        if best[index] is None:
            continue
        pieces, unknown, _ = best[index]
        options = [(index + 1, None)]
        for length in range(2, min(_CHINESE_LONGEST, len(run) - index) + 1):
            if run[index:index + length] in w.CHINESE:
                options.append((index + length, w.CHINESE[run[index:index + length]]))
        if run[index] in w.CHINESE:
            options[0] = (index + 1, w.CHINESE[run[index]])
        compound = TEST_COMPOUND.match(run, index)
        if compound:
            options.append((compound.end(), w.TEST))
        for stop, role in options:
            score = (pieces + 1, unknown + (role is None), (index, role))
            if best[stop] is None or score[:2] < best[stop][:2]:
                best[stop] = score
    cuts, stop = [], len(run)
    while stop:
        start, role = best[stop][2]
        cuts.append((start, stop, role))
        stop = start
    return cuts[::-1]


def _words(clause, offset):
    """The clause as words with their roles: English word by word (known
    phrases first), Chinese cut by _segment; a word without a role is None."""
    lower = clause.lower()
    words, index = [], 0
    while index < len(clause):
        char = lower[index]
        if char.isspace():
            index += 1
        elif ASCII_WORD.match(char):
            end = index
            while end < len(lower) and ASCII_WORD.match(lower[end]):
                end += 1
            phrase = next((p for p in _PHRASES if lower.startswith(p, index)
                           and not ASCII_WORD.match(lower[index + len(p):index + len(p) + 1] or " ")), None)
            if phrase:
                end, role = index + len(phrase), w.ENGLISH_PHRASES[phrase]
            else:
                role = w.ENGLISH.get(lower[index:end].strip("-'"))  # "β-hcg", "'married'"
            words.append(Word(offset + index, offset + end, role))
            index = end
        else:
            end = index
            while end < len(lower) and not lower[end].isspace() and not ASCII_WORD.match(lower[end]):
                end += 1
            words.extend(Word(offset + index + start, offset + index + stop, role)
                         for start, stop, role in _segment(lower[index:end]) if role != w.OTHER)
            index = end
    return words


class _Clause:
    """One clause's words and the questions the rules ask of them.

    Distances are counted in reading units, a Chinese character or an English
    word, so "must not be planning to get married" is as near as 不得结婚."""

    def __init__(self, text, start, end, field):
        self.text, self.start, self.end, self.field = text, start, end, field
        self.words = _words(text[start:end], start)
        self.roles = {word.role for word in self.words}
        # What the whole sentence says, set by _clauses: it speaks against
        # discrimination ("坚持平等录用，不因婚育状况区别对待"), or it is about
        # the medical check for the job ("入职体检，项目含妊娠试验").
        self.against = w.AGAINST in self.roles
        self.entry = w.ENTRY in self.roles
        # Asked as a question: it ends with a question mark or 吗/呢.
        self.question = text[end:end + 1] == "?" or text[start:end].rstrip().endswith(("吗", "呢"))
        self._units = [0]
        lower = text.lower()
        for index in range(start, end):
            in_word = ASCII_WORD.match(lower[index])
            starts_word = in_word and (index == start or not ASCII_WORD.match(lower[index - 1]))
            self._units.append(self._units[-1] + bool(_is_cjk(text[index]) or starts_word))

    def distance(self, stop, start):
        """Reading units between offset `stop` and a later offset `start`."""
        return self._units[start - self.start] - self._units[stop - self.start]

    def has(self, *roles):
        return bool(self.roles.intersection(roles))

    def of(self, *roles):
        return [word for word in self.words if word.role in roles]

    def before(self, word, *roles, near=NEAR):
        """The nearest word of these roles ending before `word`, at most `near` units away, or None."""
        candidates = [other for other in self.words if other.role in roles and other.end <= word.start
                      and self.distance(other.end, word.start) <= near]
        return candidates[-1] if candidates else None

    def after(self, word, *roles, near=NEAR):
        candidates = [other for other in self.words if other.role in roles and other.start >= word.end
                      and self.distance(word.end, other.start) <= near]
        return candidates[0] if candidates else None

    def negated(self, word):
        """Said not to be asked or required: a negation before it ("不询问婚育情况",
        "we never request pregnancy tests"), or just after it ("婚否不限", "a pregnancy
        test is not required"). Forbidding a question or a test (禁止孕检,
        不得询问婚育情况) is saying it will not happen."""
        # A negation reaches over a list: "不询问婚姻状况、生育计划或家庭情况".
        said = self.text[max(self.start, word.start - NEAR * 2):word.start]
        near = NEAR * 2 if COORDINATION.search(said) else NEAR
        # Refusing a question or test is saying it will not happen: "no HCG test", "拒绝孕检".
        waivers = (w.NEGATION, w.EXCLUDE) if word.role in ASKED else (w.NEGATION,)
        if self.before(word, *waivers, near=near) is not None:
            return True
        forbidden = self.before(word, w.PROHIBIT, near=near) if word.role in ASKED else None
        if forbidden is not None and (word.role in (w.TEST, w.PREGNANCY_PROOF) or any(
                other.role == w.DECLARE and forbidden.end <= other.start < word.start for other in self.words)):
            return True  # "禁止进行孕检", "不得询问婚育状况"; but "must not plan to have children" is a condition
        english = self.text[word.start:word.end].isascii()
        after = self.after(word, w.NEGATION, near=3 if english else 2)
        if after is None:
            # "Marital status and family plans play no part": over a list, further.
            after = self.after(word, w.NEGATION, near=6 if english else 4)
            if after is None or not COORDINATION.search(self.text[word.end:after.start]):
                return False
        if english:
            return True
        # In Chinese the waiver closes the phrase ("婚否不限", "孕检不做要求", "孕检报告不在
        # 入职材料内"); a negation that goes on is another condition ("孩子已上学、无需照顾家庭者优先").
        following = self.next_word(after)
        return following is None or following.role in (w.LIMIT, w.ENTRY)

    def next_word(self, word):
        later = [other for other in self.words if other.start >= word.end]
        return later[0] if later else None

    def first(self):
        return self.words[0] if self.words else None

    def last(self):
        return self.words[-1] if self.words else None

    def span(self, *words):
        words = [word for word in words if word is not None]
        return min(word.start for word in words), max(word.end for word in words)


def _gender(clause):
    """A limit or preference for one gender, a refusal of one, a job title with
    a gender built in, or looks and age asked of women only."""
    said = clause.text[clause.start:clause.end]
    quota = QUOTA.search(said)
    if quota and quota.group(1) != quota.group(2) and not clause.against:
        return [(clause.start + quota.start(), clause.start + quota.end(), GENDER, "gender")]  # "男女比例3:1"
    if clause.against or clause.has(w.NEUTRAL, w.AUDIENCE):
        return []  # no gender condition, or it is about the people served ("学员以女性为主")
    hiring = clause.field == "title" or clause.has(w.RECRUIT, w.LIMIT) or HEADCOUNT.search(said)
    titles = clause.of(w.GENDERED_JOB)
    if titles and hiring:
        return [(titles[0].start, titles[0].end, GENDER, "gender")]  # "Waitress wanted"
    people = clause.of(w.MALE, w.FEMALE)
    if not people or clause.has(w.TEST, w.PREGNANCY_PROOF):
        return []  # a test only women can take ("女性加查是否怀孕") is the pregnancy finding
    alone = ALONE.search(said) or BRACKETED.search(said) or ENGLISH_ALONE.search(said)
    if alone:
        start = clause.start + alone.start()
        return [(start, clause.start + alone.end(), GENDER, "gender")]
    both = {word.role for word in people} == {w.MALE, w.FEMALE}
    found = []
    for person in people:
        if clause.negated(person) or _is_a_name(clause, person):
            continue
        cue = None
        if clause.has(w.EXCLUDE):
            cue = clause.of(w.EXCLUDE)[0]
        elif both:
            continue  # men and women alike, with nobody refused
        elif clause.has(w.WELCOME):
            continue  # a welcome, not a limit
        elif clause.has(w.PREFER, w.SUITS):
            cue = clause.of(w.PREFER, w.SUITS)[0]
        else:
            cue = (clause.before(person, w.LIMIT, w.GENDER_LABEL) or clause.before(person, w.RECRUIT, near=2)
                   or _recruited_as_described(clause, person) or _only_after(clause, person))
        title = clause.next_word(person)
        job_before = clause.before(person, w.JOB, near=0)  # "保洁阿姨", "ambassador girls"
        if cue is None and job_before is not None and hiring:
            cue = job_before
        if (cue is None and title is not None and title.role == w.JOB and hiring
                and not clause.text[person.end:title.start].strip()):
            cue = title  # "招男业务员", "female receptionist wanted"
        if cue is None and person.role == w.FEMALE and not clause.has(w.MALE) and _looks_asked(clause):
            cue = clause.of(w.LOOKS, w.LOOKS_GOOD)[0]
        if cue is None and person.role == w.FEMALE and not clause.has(w.MALE):
            cue = _asked_of_her(clause, person)
        if cue is None and not both:
            cue = clause.after(person, w.APPLY, near=4)  # "请男性求职者投递简历"
        if cue is not None:
            found.append((*clause.span(person, cue), GENDER, "gender"))
    return found


def _is_a_name(clause, person):
    """王女士, 张先生: a surname and a title name the contact person."""
    if clause.text[person.start:person.end] not in ("女士", "先生", "小姐"):
        return False
    previous = [word for word in clause.words if word.end == person.start]
    if not previous or previous[0].role is not None or previous[0].end - previous[0].start != 1:
        return False
    char = clause.text[previous[0].start]
    return _is_cjk(char) and char not in "的了和与及或位名个为是等"  # "已生二胎的女士" is not a name


def _recruited_as_described(clause, person):
    """招 … 的大姐: hiring a person described first ("招已生二胎的大姐", "招能吃苦的小伙子")."""
    if clause.text[person.start - 1:person.start] != "的":
        return None
    return clause.before(person, w.RECRUIT)


def _only_after(clause, person):
    """English puts the limit after the person: "male only", "women need not apply"."""
    after = clause.after(person, w.LIMIT, w.EXCLUDE, near=3)
    return after if after is not None and clause.text[after.start:after.end].isascii() else None


def _asked_of_her(clause, person):
    """A condition put on women only: "女生需已育", "女性要求已婚"."""
    limit = clause.after(person, w.LIMIT, near=2)
    return limit and clause.after(limit, w.STATUS, w.MOTHER, near=2)


def _looks_asked(clause):
    return clause.has(w.LOOKS_GOOD) or (clause.has(w.LOOKS) and clause.has(w.BOUND, w.LIMIT, w.PREFER))


def _marriage(clause):
    """Marriage or childbearing as a condition or preference, questions about
    it, proof of it, and promises not to marry or have children."""
    if clause.against:
        return []
    found = []
    condition = clause.has(w.PREFER, w.EXCLUDE, w.SUITS, w.LIMIT)
    for status in clause.of(w.STATUS, w.MOTHER):
        if clause.negated(status) or clause.has(w.BENEFIT, w.AUDIENCE) or clause.after(status, w.NEUTRAL, near=4):
            continue  # a benefit, the people served ("学员主要为全职妈妈"), or all alike ("单身已婚都能做")
        if not condition and (status.role == w.MOTHER or clause.has(w.WELCOME)
                              or clause.text[status.start:status.end].isascii()):
            # Without a limit or preference: mothers welcomed back ("欢迎宝妈重返职场"), and
            # English "single", "married" in many innocent sentences. A bare 已婚已育 is a condition.
            continue
        if condition or not clause.has(*INNOCENT):
            cue = clause.of(w.PREFER, w.EXCLUDE, w.SUITS, w.LIMIT)
            found.append((*clause.span(status, *(cue[:1])), MARRIAGE, "marriage"))
            if status.role == w.MOTHER and condition:
                # Only women are 宝妈: refusing or preferring them is a gender condition as well.
                found.append((*clause.span(status, *(cue[:1])), GENDER, "gender"))
    for asked in clause.of(w.MARRIAGE_TOPIC, w.QUESTION, w.MARRIAGE_PROOF):
        if asked.role == w.QUESTION and clause.has(w.TEST):
            continue  # "女性加查是否怀孕" is the pregnancy finding
        # Listed after a waiver ("不限性别、婚育状况"), it is waived too.
        if clause.negated(asked) or clause.before(asked, w.NEUTRAL, near=2) or (
                asked.role == w.MARRIAGE_TOPIC and clause.has(w.BENEFIT, *INNOCENT)):
            continue
        declare = clause.before(asked, w.DECLARE, near=12)
        found.append((*clause.span(declare, asked), MARRIAGE, "ask_marriage"))
    if clause.question and not clause.has(w.BENEFIT, *INNOCENT):
        # "有对象吗？打算多久结婚？": a question put to her about it
        for word in clause.of(w.STATUS, w.BEHAVIOUR, w.MOTHER):
            if not clause.negated(word):
                found.append((word.start, word.end, MARRIAGE, "ask_marriage"))
    for promise in clause.of(w.PROMISE_NOT):
        if not clause.negated(promise):
            found.append((promise.start, promise.end, MARRIAGE, "marriage"))
    for behaviour in clause.of(w.BEHAVIOUR):
        if clause.negated(behaviour):
            continue
        cue = clause.before(behaviour, w.PROHIBIT, near=6) or clause.after(behaviour, w.PROMISE, near=0)
        if cue is None and clause.has(w.PROMISE) and clause.has(w.PROHIBIT, w.NEGATION):
            cue = clause.of(w.PROMISE)[0]
        if cue is None and not clause.has(w.BENEFIT) and clause.has(w.EXCLUDE, w.LIMIT):
            cue = clause.of(w.EXCLUDE, w.LIMIT)[0]
        if cue is not None:
            found.append((*clause.span(cue, behaviour), MARRIAGE, "marriage"))
    return found


def _pregnancy(clause):
    """A pregnancy test (by any of its names) or proof of not being pregnant,
    unless the employer says it does not test, or the test is a duty of the job."""
    found = []
    for test in clause.of(w.TEST, w.PREGNANCY_PROOF):
        if clause.negated(test) or clause.against:
            continue
        if test.role == w.TEST and clause.has(*INNOCENT) and not clause.entry:
            continue
        found.append((test.start, test.end, PREGNANCY, "pregnancy"))
    return found


def _pieces(pattern, text, start, end):
    """(start, end) of the pieces of text[start:end] between matches of pattern."""
    for stop in pattern.finditer(text, start, end):
        if stop.start() > start:
            yield start, stop.start()
        start = stop.end()
    if start < end:
        yield start, end


def _bounded(pieces):
    """No real clause is longer than LONGEST_CLAUSE; a text without punctuation is
    read in pieces that long, so the rules' cost stays linear in the text."""
    for start, end in pieces:
        while end - start > LONGEST_CLAUSE:
            yield start, start + LONGEST_CLAUSE
            start += LONGEST_CLAUSE
        yield start, end


def _fields(folded, start, end, field):
    """A clause cut at the spaces between fields of a post, a cut healed where
    the field after it completes the one before ("男性 优先")."""
    clauses = []
    for piece_start, piece_end in _pieces(FIELD_GAP, folded, start, end):
        clause = _Clause(folded, piece_start, piece_end, field)
        previous = clauses[-1] if clauses else None
        if previous and ((clause.first() and clause.first().role in JOINS_BACK)
                         or (previous.last() and previous.last().role in JOINS_ON)):
            clause = clauses.pop()
            clause = _Clause(folded, clause.start, piece_end, field)
        clauses.append(clause)
    return clauses


def _clauses(folded, field):
    for sentence_start, sentence_end in _pieces(SENTENCE_END, folded, 0, len(folded)):
        clauses = [clause for start, end in _bounded(_pieces(CLAUSE_END, folded, sentence_start, sentence_end))
                   for clause in _fields(folded, start, end, field)]
        against = any(clause.against for clause in clauses)
        entry = any(clause.entry for clause in clauses)
        for clause in clauses:
            clause.against, clause.entry = against, entry
            yield clause


def scan_text(text, field="text", patterns=None):
    """Every finding in one text, in order, without overlaps."""
    if not text:
        return []
    folded, positions = normalise(text)
    spans = []
    for clause in _clauses(folded, field):
        spans.extend(_gender(clause) + _marriage(clause) + _pregnancy(clause))
    for category, pattern in patterns or []:
        spans.extend((match.start(), match.end(), category, category)
                     for match in pattern.finditer(folded) if match.end() > match.start())
    # Words in quotation marks are mentioned, not meant ("广告中不得含有“限男性”等字样").
    quoted = [match.span() for match in QUOTED.finditer(folded)]
    spans = [span for span in spans if not any(start <= span[0] and span[1] <= end for start, end in quoted)]
    found = []
    for start, end, category, rule in spans:
        start, end = positions[start], positions[end - 1] + 1
        found.append(Finding(field, start, end, text[start:end], category, rule))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    # Overlapping findings of one category are one finding; the same words may
    # break two rules ("宝妈勿扰": gender and childbearing) and then show both.
    merged, reach = [], {}
    for finding in found:
        if finding.start < reach.get(finding.category, 0):
            continue
        merged.append(finding)
        reach[finding.category] = finding.end
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
        if finding.start < position:
            continue  # already inside a mark (the same words under another rule)
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
