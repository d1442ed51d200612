"""The unified social credit code (GB 32100-2015) and its two check characters."""

import pytest
from django.core.exceptions import ValidationError

from jobs import credit_code
from jobs.credit_code import ALPHABET, check_character, make_credit_code, validate_credit_code

# Published codes whose both checks hold: the example printed in explanations of the
# standard, and a Shenzhen company's code as it appears on its licence.
PUBLISHED = ["91350100M000100Y43", "91440300708461136T"]
# Built here from the algorithm, one of each kind the portal meets in Chongqing.
CONSTRUCTED = [
    make_credit_code("91", "500118", "MA5U4K7P"),  # a company registered in 永川区 since 2015
    make_credit_code("52", "500103", "MJ0049MN"),  # a private non-enterprise unit (民办非企业单位) in 渝中区
    make_credit_code("12", "500000", "45038213"),  # a public institution (事业单位) at the municipal level
    make_credit_code("92", "500112", "MA60QH3B"),  # an individual business (个体工商户) in 渝北区
]
VALID = PUBLISHED + CONSTRUCTED


def error_code(value):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)
    return error.value.code


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass(code):
    validate_credit_code(code)


def test_the_constructed_codes_are_what_the_algorithm_gives_by_hand():
    # 91500118MA5U4K7P: the organisation check of "MA5U4K7P" is
    # 11 - (22·3 + 10·7 + 5·9 + 30·10 + 4·5 + 20·8 + 7·4 + 25·2) mod 11 = 11 - 739 mod 11 = 11 - 2 = 9,
    # and the 18th character (Q = 24) makes the weighted sum of the 17 others, plus itself, a
    # multiple of 31: weights 3**i mod 31 = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28.
    assert credit_code.organisation_check("MA5U4K7P") == "9"
    assert CONSTRUCTED[0] == "91500118MA5U4K7P9Q"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    pairs = zip(CONSTRUCTED[0][:17], weights, strict=True)
    total = sum(ALPHABET.index(character) * weight for character, weight in pairs)
    assert (total + ALPHABET.index("Q")) % 31 == 0


def test_an_organisation_check_of_ten_is_written_x():
    codes = (credit_code.example_code(number) for number in range(200))
    code = next(code for code in codes if code[16] == "X")
    validate_credit_code(code)


@pytest.mark.parametrize(("typed", "stored"), [
    ("  91350100m000100y43 ", "91350100M000100Y43"),
    ("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"),  # typed with a Chinese keyboard
    ("", ""),
])
def test_lower_case_spaces_and_full_width_characters_are_normalised(typed, stored):
    assert credit_code.normalise(typed) == stored


def test_lower_case_with_spaces_is_valid():
    validate_credit_code(" 91350100m000100y43\t")


@pytest.mark.parametrize("value", ["", "9135010", "91350100M000100Y4", "91350100M000100Y431"])
def test_wrong_length(value):
    assert error_code(value) == "length"


def test_length_message_counts_the_characters():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91350100M000100Y4")
    assert "17" in error.value.messages[0]


@pytest.mark.parametrize("letter", "IOZSV")
def test_letters_outside_the_alphabet(letter):
    code = "91350100M000100Y43"
    wrong = code[:9] + letter + code[10:]
    assert error_code(wrong) == "alphabet"
    with pytest.raises(ValidationError) as error:
        validate_credit_code(wrong)
    assert f"“{letter}”" in error.value.messages[0]


@pytest.mark.parametrize("value", ["91350100M000100Y4-", "91350100M000 00Y43", "91350100M000100Y4é"])
def test_other_characters_outside_the_alphabet(value):
    assert error_code(value) == "alphabet"


def test_a_wrong_check_character():
    code = "91350100M000100Y43"
    for character in ALPHABET:
        if character != code[-1]:
            assert error_code(code[:-1] + character) == "check_character"


def test_a_wrong_organisation_code_check():
    # The 17th character is the organisation code's own check: change it and recompute
    # the 18th, so that only the organisation code is wrong.
    first16 = "91350100M000100Y"
    for character in "0123456789X":
        if character != "4":
            wrong = first16 + character + check_character(first16 + character)
            assert error_code(wrong) == "organisation_check"


def test_a_typo_in_the_body_is_caught():
    code = CONSTRUCTED[0]
    typo = code[:10] + ("6" if code[10] != "6" else "7") + code[11:]
    assert error_code(typo) in {"organisation_check", "check_character"}


@pytest.mark.parametrize(("first17", "expected"), [
    ("0" + "1500118MA5U4K7P9", "authority"),  # no registration authority 0
    ("B1500118MA5U4K7P9", "authority"),  # nor B
    ("90500118MA5U4K7P9", "authority"),  # no organisation type 0
    ("91A00118MA5U4K7P9", "division"),  # letters in the division code
    ("91990118MA5U4K7P9", "division"),  # no province 99
])
def test_impossible_structure(first17, expected):
    assert error_code(first17 + check_character(first17)) == expected


def test_example_codes_are_valid_and_distinct():
    codes = {credit_code.example_code(number, division="500153") for number in range(500)}
    assert len(codes) == 500
    for code in codes:
        validate_credit_code(code)
        assert code[2:8] == "500153"
