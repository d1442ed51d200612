"""统一社会信用代码, the unified social credit code of GB 32100-2015.

Eighteen characters from a 31-character alphabet (digits and capital letters
without I, O, Z, S and V):

    9 1 500118 MA5U4K7P9 Q
    │ │ │      │         └ 18: check character over the first 17, mod 31
    │ │ │      └ 9–17: organisation code (GB 11714): 8 characters and their own check (0–9 or X)
    │ │ └ 3–8: administrative division code (GB/T 2260) of the registering authority, 500118 = 永川区
    │ └ 2: organisation type within that authority (9 → 1 enterprise, 2 individual business,
    │      3 farmers' cooperative; 5 → 1 social organisation, 2 private non-enterprise unit, 3 foundation …)
    └ 1: registration authority (1 staffing office, 5 civil affairs, 9 market regulation,
         A, N, Y and the other digits for the other authorities)

`normalise()` is what a form stores (upper case, no surrounding spaces, full-width
characters typed with a Chinese keyboard made ASCII); `validate_credit_code()`
raises a ValidationError naming what is wrong; `make_credit_code()` completes a
code from its parts with both check characters (demo data, tests).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18
_VALUES = {character: value for value, character in enumerate(ALPHABET)}
# The weight of position i (from 0) is 3**i mod 31.
_WEIGHTS = [pow(3, position, 31) for position in range(LENGTH - 1)]
# GB 11714's weights over the organisation code's first eight characters.
_ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
REGISTRATION_AUTHORITIES = set("123456789ANY")
# First two digits of a division code: the province level, and 10 for national registrations.
PROVINCES = {"10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
             "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
             "71", "81", "82"}


def normalise(value):
    """The code as stored: full-width characters made ASCII, spaces around it removed, upper case."""
    return unicodedata.normalize("NFKC", value or "").strip().upper()


def check_character(first17):
    """The 18th character of a code that starts with these 17."""
    total = sum(_VALUES[character] * weight for character, weight in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def organisation_check(first8):
    """GB 11714's check character of an organisation code's first eight characters:
    digits count as themselves, letters A–Z as 10–35; 10 is written X."""
    total = sum(int(character, 36) * weight for character, weight in zip(first8, _ORGANISATION_WEIGHTS, strict=True))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_credit_code(authority_and_type, division, organisation):
    """A complete code from its parts: "91", "500118" and the organisation code's first
    eight characters; both check characters are computed."""
    first17 = f"{authority_and_type}{division}{organisation}{organisation_check(organisation)}"
    return first17 + check_character(first17)


def example_code(number, division="500118", authority_and_type="91", prefix="MA5U"):
    """The `number`-th of a series of valid codes of one kind and place, for demo data
    and tests: the organisation code is `prefix` followed by `number` in the alphabet."""
    digits = ""
    for _position in range(8 - len(prefix)):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return make_credit_code(authority_and_type, division, prefix + digits)


def validate_credit_code(value):
    """Raise a ValidationError saying what is wrong with this code (after normalise())."""
    code = normalise(value)
    if len(code) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="length", params={"count": len(code)},
        )
    foreign = "".join(dict.fromkeys(character for character in code if character not in _VALUES))
    if foreign:
        raise ValidationError(
            _("“%(characters)s” cannot appear in a unified social credit code: it has digits and capital "
              "letters only, never I, O, Z, S or V."),
            code="alphabet", params={"characters": foreign},
        )
    if code[0] not in REGISTRATION_AUTHORITIES or not "1" <= code[1] <= "9":
        raise ValidationError(
            _("The first two characters (registration authority and type of organisation) do not exist, "
              "e.g. 91 for an enterprise."),
            code="authority",
        )
    if not code[2:8].isdigit() or code[2:4] not in PROVINCES:
        raise ValidationError(
            _("Characters 3 to 8 must be an administrative division code, e.g. 500118 for Yongchuan District."),
            code="division",
        )
    if organisation_check(code[8:16]) != code[16]:
        raise ValidationError(
            _("The organisation code (characters 9 to 17) is not valid: please compare it with the licence."),
            code="organisation_check",
        )
    if check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The last character does not match the others: please compare the code with the licence, "
              "character by character."),
            code="check_character",
        )
