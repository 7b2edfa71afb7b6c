"""minitorch_scalar.printing.tensor_repr against ``repr`` of real torch tensors holding the same values."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from minitorch_scalar.printing import set_printoptions, tensor_repr

torch = pytest.importorskip("torch")

FLOAT_DTYPES = {np.dtype(np.float16): 16, np.dtype(np.float32): 32, np.dtype(np.float64): 64}
SPECIALS = [0.0, -0.0, float("nan"), float("inf"), float("-inf")]


@pytest.fixture(autouse=True)
def _default_options() -> Iterator[None]:
    set_printoptions(profile="default")
    torch.set_printoptions(profile="default")
    yield
    set_printoptions(profile="default")
    torch.set_printoptions(profile="default")


def ours(t: object) -> str:
    """Our repr of torch tensor ``t``, from its values and metadata only."""
    grad_fn = type(t.grad_fn).__name__ if t.grad_fn is not None else None  # type: ignore[attr-defined]
    return tensor_repr(
        t.detach().numpy(),  # type: ignore[attr-defined]
        dtype_name=str(t.dtype).removeprefix("torch."),  # type: ignore[attr-defined]
        grad_fn=grad_fn,
        requires_grad=t.requires_grad,  # type: ignore[attr-defined]
    )


def float_values(width: int) -> st.SearchStrategy[float]:
    """Values from every regime that picks a different number format: tiny, ordinary, integral, huge, special."""
    limit = {16: 65504.0, 32: float(np.finfo(np.float32).max), 64: 1e300}[width]
    return st.one_of(
        st.floats(-(2.0**-10), 2.0**-10, width=width),
        st.floats(-10.0, 10.0, width=width),
        st.integers(-2000, 2000).map(float),
        st.floats(-limit, limit, width=width),
        st.sampled_from(SPECIALS),
    )


@st.composite
def float_arrays(draw: st.DrawFn) -> np.ndarray:
    dtype = draw(st.sampled_from(sorted(FLOAT_DTYPES, key=str)))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=7))
    # a narrower value family per array makes int and fixed modes common, not only sci
    family = draw(st.sampled_from(["mixed", "small_ints", "unit", "wide_ints"]))
    elements = {
        "mixed": float_values(FLOAT_DTYPES[dtype]),
        "small_ints": st.integers(-9, 9).map(float),
        "unit": st.floats(-1.0, 1.0, width=FLOAT_DTYPES[dtype]),
        "wide_ints": st.integers(-99999, 99999).map(float) if dtype != np.float16 else st.integers(-999, 999).map(
            float),
    }[family]
    return draw(hnp.arrays(dtype, shape, elements=elements))


@settings(max_examples=200, deadline=None)
@given(float_arrays(), st.sampled_from(["leaf", "requires_grad", "mul"]))
def test_float_tensors(data: np.ndarray, kind: str) -> None:
    t = torch.from_numpy(data.copy())
    if kind == "requires_grad":
        t.requires_grad_()
    elif kind == "mul":
        t = t.requires_grad_() * 1
    assert ours(t) == repr(t)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([np.int64, np.int32, np.int16, np.int8, np.uint8, np.bool_]).flatmap(
        lambda dt: hnp.arrays(dt, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=7))
    )
)
def test_int_and_bool_tensors(data: np.ndarray) -> None:
    t = torch.from_numpy(data.copy())
    assert ours(t) == repr(t)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([(1001,), (1500,), (2, 700), (40, 40), (3, 20, 20), (11, 10, 10), (1, 1, 1001), (7, 200)]),
    st.sampled_from([np.float32, np.float64, np.int64]),
    st.integers(0, 2**32 - 1),
    st.sampled_from([1e-6, 1.0, 1e3, 1e9]),
)
def test_summarised_tensors(shape: tuple[int, ...], dtype: type, seed: int, scale: float) -> None:
    rng = np.random.default_rng(seed)
    data = (rng.standard_normal(shape) * scale).astype(dtype)
    t = torch.from_numpy(data)
    assert ours(t) == repr(t)


TABLE = [
    2.0, 2.5, -0.5, 1 / 3, 0.0, -0.0, 100.0, 12345.678, 1e-5, 1e8, 1e10, float("nan"), float("inf"), -float("inf"),
    [1.0, 2.0], [1.0, 2.5], [0.001, 1000.0], [1e-5, 1.0], [0.1, 0.2, 0.3], [float("nan"), 1.0],
    [1.0, 2.0, float("nan")], [1.5, float("inf")], [-1.0, 2.0], [0.0, float("nan")], [1e-5, 0.0],
    [123456789.0, 1.0], [[1.0, 2.0], [3.0, 4.0]], [[1.5, -2.0], [100.25, 3.0]], [],
]


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16])
@pytest.mark.parametrize("values", TABLE, ids=str)
def test_semantics_table(values: object, dtype: object) -> None:
    t = torch.tensor(values, dtype=dtype)
    assert ours(t) == repr(t)
    if dtype is not torch.float16:
        assert ours(t.requires_grad_()) == repr(t)
        assert ours(t * 1) == repr(t * 1)


def test_layout_examples() -> None:
    torch.manual_seed(0)
    v = torch.randn(6, requires_grad=True)
    cases = [v, v * 2, v.double() * 2, torch.arange(0.0, 1.0, 0.1), torch.zeros(3, 1, 2), torch.zeros(0, 3),
             torch.tensor([True, False]), torch.tensor([1, 2], dtype=torch.int32), torch.arange(24.0).reshape(2, 3, 4),
             torch.randn(2, 3, 4, 5), torch.zeros(2, 0, 3, dtype=torch.int64), torch.tensor(5), torch.randn(3, 30),
             torch.randn(4, 1) * 1e5, torch.randn(100) * 1e-5, torch.randn(2, 2).tanh()]
    for t in cases:
        assert ours(t) == repr(t)


def test_suffix_boundaries() -> None:
    # every body length around the line-break threshold, with both suffix kinds and the dtype suffix
    for n in range(8, 20):
        for dtype in (torch.float32, torch.float64):
            t = torch.arange(1.0, n + 1.0, dtype=dtype)
            for u in (t, t.clone().requires_grad_(), t.clone().requires_grad_() * 1):
                assert ours(u) == repr(u)


OPTIONS = [
    {"precision": 2}, {"precision": 7}, {"threshold": 5}, {"threshold": 5, "edgeitems": 1}, {"edgeitems": 0},
    {"linewidth": 40}, {"linewidth": 120}, {"sci_mode": True}, {"sci_mode": False}, {"profile": "short"},
    {"profile": "full"}, {"profile": "short", "precision": 6},
]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_set_printoptions(options: dict[str, object]) -> None:
    torch.manual_seed(1)
    tensors = [torch.randn(5), torch.randn(3, 4) * 1e-5, torch.arange(12).reshape(3, 4), torch.randn(2, 3, 30),
               torch.tensor(1.5), torch.tensor([1e10, 1.0]), torch.randn(1200), torch.randn(6, requires_grad=True)]
    set_printoptions(**options)  # type: ignore[arg-type]
    torch.set_printoptions(**options)
    for t in tensors:
        assert ours(t) == repr(t)


@settings(max_examples=150, deadline=None)
@given(
    float_arrays(),
    st.fixed_dictionaries({}, optional={
        "precision": st.integers(0, 8), "threshold": st.integers(0, 60), "edgeitems": st.integers(0, 4),
        "linewidth": st.integers(10, 160), "sci_mode": st.sampled_from([True, False, None]),
    }),
)
def test_random_print_options(data: np.ndarray, options: dict[str, object]) -> None:
    set_printoptions(**options)  # type: ignore[arg-type]
    torch.set_printoptions(**options)
    try:
        t = torch.from_numpy(data.copy()).requires_grad_()
        assert ours(t) == repr(t)
    finally:
        set_printoptions(profile="default")
        torch.set_printoptions(profile="default")
