"""Comparing printed output number by number (torch-free)."""

from __future__ import annotations

import math

import pytest

from minitorch_scalar.parity.printed import compare_outputs, numbers_agree, parse_number, split_line

RTOL, ATOL = 1e-5, 1e-7


def agree(a: str, b: str) -> bool:
    return numbers_agree(parse_number(a), parse_number(b), RTOL, ATOL)


def test_numbers_inside_a_tensor_repr_are_found_and_names_are_text() -> None:
    texts, numbers = split_line("tensor([ 1.5410, -0.2934, 1.0000e-05], dtype=torch.float64, grad_fn=<fc1>)")
    assert [n.text for n in numbers] == ["1.5410", "-0.2934", "1.0000e-05"]
    assert texts[-1] == "], dtype=torch.float64, grad_fn=<fc1>)"


def test_nan_inf_and_int_mode_numbers() -> None:
    _, numbers = split_line("tensor([nan, -inf, 2., 3])")
    assert [n.text for n in numbers] == ["nan", "-inf", "2.", "3"]
    assert math.isnan(numbers[0].value) and numbers[1].value == -math.inf


def test_printed_precision_unit_and_digits() -> None:
    n = parse_number("0.5149")
    assert n.unit == pytest.approx(1e-4) and n.digits == 4
    e = parse_number("1.2346e+08")
    assert e.unit == pytest.approx(1e4) and e.digits == 5
    assert parse_number("12").unit == 0.0


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("0.5149", "0.51493217", True),  # the longer rounds to the shorter
        ("0.5149", "0.51496", False),  # rounds to 0.5150
        ("0.1234", "0.1235", True),  # 4 digits: a rounding-boundary flip
        ("0.2", "0.3", False),  # 1 digit: no flip allowed
        ("0.12", "0.13", False),
        ("3", "4", False),  # integers are exact
        ("0.5985528230667114", "0.5985529", True),  # within rtol
        ("nan", "nan", True),
        ("inf", "-inf", False),
        ("1.0000e-05", "1.00004e-05", True),
    ],
)
def test_number_agreement(a: str, b: str, expected: bool) -> None:
    assert agree(a, b) is expected
    assert agree(b, a) is expected


def test_compare_outputs_reports_lines_text_and_numbers() -> None:
    torch_out = "tensor([0.5149], grad_fn=<SigmoidBackward0>)\nloss 0.25\nend\n"
    ours_out = "tensor([0.5160], grad_fn=<SigmoidBackward0>)\nloss 0.25\nEND\nextra\n"
    result = compare_outputs(ours_out, torch_out, RTOL, ATOL)
    assert not result.ok
    assert [d.line for d in result.diffs] == [1, 3, 4]
    assert "ours 0.5160 vs torch 0.5149" in result.diffs[0].reason
    assert result.diffs[1].reason == "the text differs"
    assert result.diffs[2].reason == "missing in torch's output"
    assert result.numbers == 2


def test_identical_outputs_agree() -> None:
    text = "step 1 loss 0.5985528230667114\ntensor([[1., 2.]])\n"
    result = compare_outputs(text, text, RTOL, ATOL)
    assert result.ok and result.numbers == 4 and result.max_abs_diff == 0.0


def test_object_addresses_are_not_compared() -> None:
    ours = "<SumBackward0 object at 0x7f8928a50790>"
    theirs = "<SumBackward0 object at 0x7f8424f526e0>"
    assert compare_outputs(ours, theirs, 1e-5, 1e-7).ok
    assert not compare_outputs("<MulBackward0 object at 0x1>", "<SumBackward0 object at 0x2>", 1e-5, 1e-7).ok


def test_an_integer_never_agrees_with_a_float_print() -> None:
    assert not compare_outputs("tensor([1., 2.])", "tensor([1, 2])", 1e-5, 1e-7).ok
    assert not compare_outputs("3.0", "3", 1e-5, 1e-7).ok
    assert compare_outputs("3", "3", 1e-5, 1e-7).ok


def test_the_sign_of_a_zero_is_not_compared() -> None:
    assert compare_outputs("tensor(-0.)", "tensor(0.)", 1e-5, 1e-7).ok
    assert not compare_outputs("tensor(-0.)", "tensor(0)", 1e-5, 1e-7).ok
