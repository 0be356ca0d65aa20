from __future__ import annotations

from visitors import codes


def test_a_signed_code_verifies_to_its_random_part():
    random_part = codes.new_random_part()
    assert codes.verify(codes.sign(random_part)) == random_part


def test_a_code_typed_in_lower_case_without_dashes_and_with_misread_letters_still_verifies():
    random_part = "0123456789AB"
    signed = codes.sign(random_part)
    typed = signed.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    assert codes.verify(typed) == random_part


def test_a_code_with_one_character_changed_is_refused():
    signed = codes.sign(codes.new_random_part())
    for position in (0, 5, len(signed) - 1):
        original = signed[position]
        if original == "-":
            continue
        replacement = "Z" if original != "Z" else "Y"
        assert codes.verify(signed[:position] + replacement + signed[position + 1 :]) is None


def test_garbage_and_empty_codes_are_refused():
    assert codes.verify("") is None
    assert codes.verify("not a pass") is None
    assert codes.verify("https://example.org/?x=1") is None
