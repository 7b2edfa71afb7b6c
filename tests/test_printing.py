"""torch-free tests of minitorch_scalar.printing against outputs recorded from torch 2.13 (torch_semantics.md §2)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from minitorch_scalar.printing import get_printoptions, set_printoptions, tensor_repr

nan, inf = float("nan"), float("inf")


@pytest.fixture(autouse=True)
def _default_options() -> Iterator[None]:
    set_printoptions(profile="default")
    yield
    set_printoptions(profile="default")


def show(values: object, dtype: object = np.float32, dtype_name: str | None = None, grad_fn: str | None = None,
         requires_grad: bool = False) -> str:
    data = np.array(values, dtype=dtype)
    name = dtype_name or {"float32": "float32", "float64": "float64", "float16": "float16", "int64": "int64",
                          "int32": "int32", "bool": "bool"}[data.dtype.name]
    return tensor_repr(data, dtype_name=name, grad_fn=grad_fn, requires_grad=requires_grad)


# §2.1: one value per mode, and the width/alignment rules.
SCALARS = [
    (2.0, "tensor(2.)"), (2.5, "tensor(2.5000)"), (-0.5, "tensor(-0.5000)"), (1 / 3, "tensor(0.3333)"),
    (0.0, "tensor(0.)"), (-0.0, "tensor(-0.)"), (100.0, "tensor(100.)"), (12345.678, "tensor(12345.6777)"),
    (1e-5, "tensor(1.0000e-05)"), (1e8, "tensor(100000000.)"), (1e10, "tensor(1.0000e+10)"),
    (nan, "tensor(nan)"), (inf, "tensor(inf)"), (-inf, "tensor(-inf)"),
]
VECTORS = [
    ([1.0, 2.0], "tensor([1., 2.])"), ([1.0, 2.5], "tensor([1.0000, 2.5000])"),
    ([0.001, 1000.0], "tensor([1.0000e-03, 1.0000e+03])"), ([1e-5, 1.0], "tensor([1.0000e-05, 1.0000e+00])"),
    ([0.1, 0.2, 0.3], "tensor([0.1000, 0.2000, 0.3000])"), ([nan, 1.0], "tensor([nan, 1.])"),
    ([1.0, 2.0, nan], "tensor([1., 2., nan])"), ([1.5, inf], "tensor([1.5000,    inf])"),
    ([-1.0, 2.0], "tensor([-1.,  2.])"), ([0.0, nan], "tensor([0., nan])"),
    ([1e-5, 0.0], "tensor([1.0000e-05, 0.0000e+00])"), ([123456789.0, 1.0], "tensor([1.2346e+08, 1.0000e+00])"),
]


@pytest.mark.parametrize(("value", "expected"), SCALARS + VECTORS)
def test_number_modes(value: object, expected: str) -> None:
    assert show(value) == expected


def test_randn_values_fixed_mode() -> None:
    # the float32 values torch.manual_seed(0); torch.randn(3) returns
    assert show([1.5409960746765137, -0.293428897857666, -2.178788900375366]) == "tensor([ 1.5410, -0.2934, -2.1788])"


def test_mode_is_chosen_from_the_float32_values() -> None:
    # 0.1 as float32 is 0.10000000149..., still printed in fixed mode with 4 digits
    assert show([0.1], np.float32) == "tensor([0.1000])"
    assert show(0.5, np.float64, requires_grad=True) == "tensor(0.5000, dtype=torch.float64, requires_grad=True)"


def test_two_rows_and_dtype_suffix() -> None:
    text = show([[1.0, 2.0], [3.0, 4.0]], np.float64, requires_grad=True)
    assert text == "tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64, requires_grad=True)"


def test_suffix_moves_to_its_own_line() -> None:
    values = [1.5409960746765137, -0.293428897857666, -2.178788900375366, 0.5684312582015991,
              -1.0845223665237427, -1.3985954523086548]
    assert show(values, requires_grad=True) == (
        "tensor([ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845, -1.3986],\n       requires_grad=True)"
    )
    doubled = [2 * v for v in values]
    assert show(doubled, np.float64, grad_fn="MulBackward0") == (
        "tensor([ 3.0820, -0.5869, -4.3576,  1.1369, -2.1690, -2.7972],\n"
        "       dtype=torch.float64, grad_fn=<MulBackward0>)"
    )


def test_last_line_len_quirk() -> None:
    # 13 values "1." .. "9." of width 2: the body "tensor([1., ..., 4.]" has 13 * 4 + 7 = 59 characters and no
    # newline, so torch's last_line_len is 59 + 2 = 61 and 61 + len("requires_grad=True") + 2 = 81 > 80: the suffix
    # goes on a new line although it would fit (59 + 2 + 18 + 1 = 80). With 12 values (55 chars) it stays.
    thirteen = [float(v % 9 + 1) for v in range(13)]
    assert show(thirteen, requires_grad=True) == (
        "tensor([1., 2., 3., 4., 5., 6., 7., 8., 9., 1., 2., 3., 4.],\n       requires_grad=True)"
    )
    assert show(thirteen[:12], requires_grad=True) == (
        "tensor([1., 2., 3., 4., 5., 6., 7., 8., 9., 1., 2., 3.], requires_grad=True)"
    )


def test_wrapping_one_dimensional() -> None:
    values = np.arange(0.0, 1.0, 0.1, dtype=np.float32)
    assert show(values) == (
        "tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000,\n        0.9000])"
    )


def test_alignment_across_rows_with_grad_fn() -> None:
    text = show([[1.5, -2.0], [100.25, 3.0]], grad_fn="MulBackward0")
    assert text == "tensor([[  1.5000,  -2.0000],\n        [100.2500,   3.0000]], grad_fn=<MulBackward0>)"


def test_three_dimensional_blocks_are_separated_by_blank_lines() -> None:
    assert show(np.zeros((3, 1, 2))) == (
        "tensor([[[0., 0.]],\n\n        [[0., 0.]],\n\n        [[0., 0.]]])"
    )
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4) * np.float32(1.5)
    assert show(data).splitlines()[3] == ""
    assert show(data).splitlines()[4] == "        [[18.0000, 19.5000, 21.0000, 22.5000],"


def test_empty_tensors() -> None:
    assert show([]) == "tensor([])"
    assert show(np.zeros((0, 3))) == "tensor([], size=(0, 3))"
    assert show([], np.float64) == "tensor([], dtype=torch.float64)"
    assert show([], np.int64) == "tensor([], dtype=torch.int64)"
    assert show(np.zeros((2, 0)), np.bool_) == "tensor([], size=(2, 0), dtype=torch.bool)"


def test_bool_int_and_half() -> None:
    assert show([True, False], np.bool_) == "tensor([ True, False])"
    assert show([1, 2], np.int32) == "tensor([1, 2], dtype=torch.int32)"
    assert show([1, 2], np.int64) == "tensor([1, 2])"
    assert show(3, np.int64) == "tensor(3)"
    assert show(True, np.bool_) == "tensor(True)"
    assert show([1.0, 2.0], np.float16) == "tensor([1., 2.], dtype=torch.float16)"
    assert show([[1, -200], [3, 4]], np.int32) == "tensor([[   1, -200],\n        [   3,    4]], dtype=torch.int32)"
    # float16 1e-5 is 1.0014e-05 when read as a double
    assert show([1e-5, nan], np.float16) == "tensor([1.0014e-05,        nan], dtype=torch.float16)"


def test_summary_of_a_long_vector() -> None:
    assert show(np.arange(1001), np.int64) == "tensor([   0,    1,    2,  ...,  998,  999, 1000])"
    assert show(np.arange(1000), np.int64).count("...") == 0


def test_summary_of_a_matrix_uses_only_shown_values() -> None:
    data = np.arange(2000, dtype=np.float32).reshape(2, 1000)
    assert show(data) == (
        "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 9.9700e+02, 9.9800e+02,\n"
        "         9.9900e+02],\n"
        "        [1.0000e+03, 1.0010e+03, 1.0020e+03,  ..., 1.9970e+03, 1.9980e+03,\n"
        "         1.9990e+03]])"
    )
    rows = np.ones((40, 40), dtype=np.float32)
    rows[3:37, :] = 1e9  # hidden rows must not switch the mode to scientific
    lines = show(rows).splitlines()
    assert lines[0] == "tensor([[1., 1., 1.,  ..., 1., 1., 1.],"
    assert lines[3] == "        ...,"
    assert len(lines) == 7


def test_set_printoptions_examples_from_torch_docs() -> None:
    set_printoptions(precision=2)
    assert show([1.12345]) == "tensor([1.12])"
    set_printoptions(threshold=5)
    assert show(np.arange(10), np.int64) == "tensor([0, 1, 2,  ..., 7, 8, 9])"
    set_printoptions(profile="default")
    assert show([1.12345]) == "tensor([1.1235])"
    assert show(np.arange(10), np.int64) == "tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])"


def test_set_printoptions_modes_and_profiles() -> None:
    set_printoptions(sci_mode=True)
    assert show([1.0, 2.5]) == "tensor([1.0000e+00, 2.5000e+00])"
    set_printoptions(sci_mode=False)
    assert show([1e-5, 1.0]) == "tensor([0.0000, 1.0000])"
    set_printoptions(profile="short")
    assert get_printoptions() == {"precision": 2, "threshold": 1000, "edgeitems": 2, "linewidth": 80,
                                  "sci_mode": None}
    set_printoptions(profile="full")
    assert "..." not in show(np.arange(5000), np.int64)
    set_printoptions(profile="default", linewidth=20)
    assert show(np.arange(10), np.int64) == "tensor([0, 1, 2, 3,\n        4, 5, 6, 7,\n        8, 9])"


def test_edgeitems_zero_adds_the_size() -> None:
    set_printoptions(edgeitems=0, threshold=3)
    assert show(np.arange(10), np.int64) == "tensor([...], size=(10,))"
    assert show([1.0, 2.0]) == "tensor([1., 2.], size=(2,))"
    assert show(3.0) == "tensor(3., size=())"
    assert show(np.ones((2, 3))) == "tensor([...], size=(2, 3))"


def test_custom_prefix_sets_the_indent() -> None:
    text = tensor_repr(np.eye(2, dtype=np.float32), dtype_name="float32", grad_fn=None, requires_grad=False,
                       prefix="Foo(")
    assert text == "Foo([[1., 0.],\n     [0., 1.]])"


def test_rejects_non_arrays() -> None:
    with pytest.raises(TypeError, match="numpy array"):
        tensor_repr([1.0], dtype_name="float32", grad_fn=None, requires_grad=False)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="complex128"):
        tensor_repr(np.array([1j]), dtype_name="complex128", grad_fn=None, requires_grad=False)
