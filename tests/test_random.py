"""torch-free tests of minitorch_scalar.random: MT19937 reference outputs, values recorded from torch 2.13
(torch_semantics.md §9, §10), the exact fused multiply-add, and torch's errors."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minitorch_scalar import random as R
from minitorch_scalar.printing import tensor_repr


def show(data: np.ndarray) -> str:
    name = {"float32": "float32", "float64": "float64", "int64": "int64"}[data.dtype.name]
    return tensor_repr(data, dtype_name=name, grad_fn=None, requires_grad=False)


def test_mt19937_reference_outputs() -> None:
    g = R.Generator().manual_seed(5489)
    words = g._words(10000)
    assert words[0] == 3499211612  # the first output of MT19937 with its default seed
    assert words[-1] == 4123659995  # the C++ standard's check value for std::mt19937


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 1500), min_size=1, max_size=6), st.integers(0, 2**32 - 1))
def test_draws_in_pieces_equal_one_draw(counts: list[int], seed: int) -> None:
    whole = R.Generator().manual_seed(seed)._words(sum(counts))
    g = R.Generator().manual_seed(seed)
    pieces = np.concatenate([g._words(c) for c in counts])
    np.testing.assert_array_equal(pieces, whole)


def test_torch_sequence_seed_0() -> None:
    R.manual_seed(0)
    assert show(R.randn_array(3)) == "tensor([ 1.5410, -0.2934, -2.1788])"
    assert show(R.rand_array(3)) == "tensor([0.4556, 0.6323, 0.3489])"
    assert show(R.randn_array((2, 3))) == "tensor([[ 0.5684,  0.2100,  0.9056],\n        [ 0.6035,  0.8110, -0.0451]])"
    assert show(R.randn_array(())) == "tensor(0.8797)"
    assert show(R.randn_array(1)) == "tensor([1.0482])"


def test_torch_sequence_seed_42_and_float64() -> None:
    R.manual_seed(42)
    assert show(R.randn_array(4)) == "tensor([0.3367, 0.1288, 0.2345, 0.2303])"
    assert show(R.rand_array((2, 2))) == "tensor([[0.9408, 0.1332],\n        [0.9346, 0.5936]])"
    R.manual_seed(0)
    assert show(R.randn_array(3, np.float64)) == "tensor([ 1.5410, -0.2934, -2.1788], dtype=torch.float64)"
    assert show(R.rand_array(2, np.float64)) == "tensor([0.6450, 0.7911], dtype=torch.float64)"
    R.manual_seed(0)
    assert R.randint_array(0, 10, (5,)).tolist() == [4, 9, 3, 0, 3]
    assert R.initial_seed() == 0


def test_linear_init_stream() -> None:
    # torch.manual_seed(0); nn.Linear(3, 2): weight then bias, both uniform_(-1/sqrt(3), 1/sqrt(3))
    R.manual_seed(0)
    bound = float(np.float32(1 / math.sqrt(3)))
    weight = R.uniform_array((2, 3), -bound, bound, np.float32)
    bias = R.uniform_array((2,), -bound, bound, np.float32)
    assert show(weight) == "tensor([[-0.0043,  0.3097, -0.4752],\n        [-0.4249, -0.2224,  0.1548]])"
    assert show(bias) == "tensor([-0.0114,  0.4578])"


def test_cached_normal_survives_calls_and_is_reset_by_seeding() -> None:
    g = R.Generator().manual_seed(7)
    pair = R.randn_array(2, np.float64, generator=g)
    g.manual_seed(7)
    one = R.randn_array(1, np.float64, generator=g)
    other = R.randn_array(1, np.float64, generator=g)
    assert [one[0], other[0]] == pair.tolist()
    g.manual_seed(7)
    R.randn_array(1, np.float64, generator=g)
    g.manual_seed(7)
    assert R.randn_array(1, np.float64, generator=g)[0] == pair[0]


def test_randn_numel_counts_not_shape() -> None:
    a = R.randn_array((4, 4), generator=R.Generator().manual_seed(3))
    b = R.randn_array(16, generator=R.Generator().manual_seed(3))
    np.testing.assert_array_equal(a.ravel(), b)


def test_box_muller_small_path_by_hand() -> None:
    g = R.Generator().manual_seed(11)
    u1, u2 = R.Generator().manual_seed(11)._unit_float64(2).tolist()
    r = math.sqrt(-2.0 * math.log1p(-u2))
    first, second = R.normal_array(2, 0.0, 1.0, np.float64, generator=g).tolist()
    assert first == r * math.cos(2 * math.pi * u1)
    assert second == r * math.sin(2 * math.pi * u1)


def test_large_draws_look_normal_and_uniform() -> None:
    g = R.Generator().manual_seed(123)
    z = R.randn_array(200_000, np.float64, generator=g)
    u = R.rand_array(200_000, np.float32, generator=g)
    assert abs(z.mean()) < 0.01 and abs(z.std() - 1) < 0.01
    assert abs(u.mean() - 0.5) < 0.005 and u.min() >= 0 and u.max() < 1
    z32 = R.randn_array(1000, np.float32, generator=g)
    assert z32.dtype == np.float32 and np.isfinite(z32).all()


def test_generators_are_independent() -> None:
    R.manual_seed(5)
    before = R.default_generator._state_bytes()
    a = R.rand_array(10, generator=R.Generator().manual_seed(9))
    b = R.rand_array(10, generator=R.Generator().manual_seed(9))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(R.default_generator._state_bytes(), before)


def test_state_round_trip_keeps_the_cached_normal() -> None:
    g = R.Generator().manual_seed(2)
    R.randn_array(3, np.float64, generator=g)  # leaves a cached normal
    state = g._state_bytes()
    assert state.size == 5056
    expected = R.randn_array(5, np.float64, generator=g)
    h = R.Generator()
    h._load_state_bytes(state)
    np.testing.assert_array_equal(R.randn_array(5, np.float64, generator=h), expected)
    assert h.initial_seed() == 2
    with pytest.raises(RuntimeError, match="size 5056 but found the input RNG state size to be 10"):
        h._load_state_bytes(np.zeros(10, dtype=np.uint8))


def test_default_seed_and_seed() -> None:
    assert R.Generator().initial_seed() == 67280421310721
    g = R.Generator()
    value = g.seed()
    assert g.initial_seed() == value and 0 <= value < 2**64


def test_seed_conversion() -> None:
    assert R.Generator().manual_seed(-1).initial_seed() == 2**64 - 1
    wrapped = R.rand_array(3, generator=R.Generator().manual_seed(2**32 + 5))
    np.testing.assert_array_equal(wrapped, R.rand_array(3, generator=R.Generator().manual_seed(5)))
    with pytest.raises(ValueError, match="Overflow when unpacking long long"):
        R.manual_seed(2**64)
    with pytest.raises(ValueError, match="invalid literal"):
        R.manual_seed("a")  # type: ignore[arg-type]


def exact_fma(x: float, y: float, z: float) -> float:
    return float(Fraction(x) * Fraction(y) + Fraction(z))


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False).filter(lambda v: v == 0 or abs(v) > 1e-200)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(finite, finite, finite), min_size=1, max_size=20))
def test_fma64_rounds_once(triples: list[tuple[float, float, float]]) -> None:
    x, y, z = (np.array(col) for col in zip(*triples, strict=True))
    assert R._fma64(x, y, z).tolist() == [exact_fma(a, b, c) for a, b, c in triples]


def test_fma64_hard_cases() -> None:
    # products whose low half decides the rounding of the sum (double rounding would get these wrong)
    x = np.array([1 + 2.0**-52, 1 - 2.0**-53, 0.1, 3.0, 2.0**-30 + 2.0**-80])
    y = np.array([1 - 2.0**-52, 1 + 2.0**-52, 10.0, 1 / 3, 2.0**30])
    z = np.array([-1.0, -1.0, -1.0, -1.0, 1.0])
    got = R._fma64(x, y, z).tolist()
    assert got == [exact_fma(*t) for t in zip(x.tolist(), y.tolist(), z.tolist(), strict=True)]
    assert got[0] == -(2.0**-104)  # plain x*y+z gives 0.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**24 - 1), min_size=1, max_size=50), st.floats(-100, 100, width=32),
       st.floats(-100, 100, width=32))
def test_fma32_rounds_once(ks: list[int], y: float, z: float) -> None:
    x = np.array(ks, dtype=np.float32) * np.float32(2.0**-24)
    got = R._fma32(x, np.float32(y), np.float32(z))
    assert got.tolist() == [round_to_float32(Fraction(v) * Fraction(y) + Fraction(z)) for v in x.tolist()]


def round_to_float32(q: Fraction) -> float:
    """The float32 nearest to ``q`` (ties to even), found among a first guess and its neighbours."""
    guess = np.float32(float(q))
    candidates = [guess, np.nextafter(guess, np.float32(np.inf)), np.nextafter(guess, np.float32(-np.inf))]
    def key(c: np.float32) -> tuple[Fraction, int]:
        return abs(Fraction(float(c)) - q), int(np.array(c).view(np.uint32)) & 1
    return float(min(candidates, key=key))


def test_uniform_bounds_and_float16() -> None:
    values = R.uniform_array(10_000, -2.0, 3.0, np.float64, generator=R.Generator().manual_seed(0))
    assert values.min() >= -2 and values.max() < 3
    half = R.uniform_array(100_000, -0.3, 0.7, np.float16, generator=R.Generator().manual_seed(0))
    assert half.dtype == np.float16 and half.max() < np.float16(0.7) and half.min() >= np.float16(-0.3)
    assert (R.rand_array(100_000, np.float16, generator=R.Generator().manual_seed(0)) < 1).all()


ERRORS = [
    (lambda: R.rand_array(2, np.int64), NotImplementedError, '"check_uniform_bounds" not implemented for \'Long\''),
    (lambda: R.randn_array(2, np.int32), NotImplementedError, '"normal_kernel_cpu" not implemented for \'Int\''),
    (lambda: R.uniform_array(3, 2, 1), RuntimeError,
     "uniform_ expects to return a [from, to) range, but found from=2 > to=1"),
    (lambda: R.uniform_array(3, -4e38, 0), RuntimeError, "from is out of bounds for float"),
    (lambda: R.uniform_array(3, 0, float("inf")), RuntimeError, "to is out of bounds for float"),
    (lambda: R.uniform_array(3, -1e5, 0, np.float16), RuntimeError, "from is out of bounds for c10::Half"),
    (lambda: R.uniform_array(3, -3e38, 3e38), RuntimeError,
     "uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found to=3e+38 and from=-3e+38 which result "
     "in to-from to exceed the limit"),
    (lambda: R.uniform_array(3, -1e308, 1e308, np.float64), RuntimeError,
     "uniform_ expects to-from <= std::numeric_limits<Double>::max(), but found to=1e+308 and from=-1e+308 which "
     "result in to-from to exceed the limit"),
    (lambda: R.normal_array(3, 0, -1), RuntimeError, "normal expects std >= 0.0, but found std -1"),
    (lambda: R.normal_array(3, 0, float("nan")), RuntimeError, "normal expects std >= 0.0, but found std nan"),
    (lambda: R.randint_array(5, 5, 3), RuntimeError,
     "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"),
    (lambda: R.randint_array(0, 300, 3, np_dtype=np.uint8), RuntimeError, "to - 1 is out of bounds for unsigned char"),
    (lambda: R.randint_array(-3, 3, 3, np_dtype=np.uint8), RuntimeError, "from is out of bounds for unsigned char"),
    (lambda: R.randint_array(0, 2**40, 3, np_dtype=np.int32), RuntimeError, "to - 1 is out of bounds for int"),
    (lambda: R.randint_array(0, 2**40, 3, np_dtype=np.int16), RuntimeError, "to - 1 is out of bounds for short int"),
    (lambda: R.randint_array(-1, 2, 3, np_dtype=np.bool_), RuntimeError, "from is out of bounds for bool"),
    (lambda: R.randint_array(0, 70000, 3, np_dtype=np.float16), RuntimeError, "to - 1 is out of bounds for c10::Half"),
    (lambda: R.randint_array(0, 2**63, 3), ValueError, "Overflow when unpacking long long"),
    (lambda: R.randint_array(2**30 + 1, 2**30 + 3, 3, np_dtype=np.float32), RuntimeError,
     "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=1073741952 >= "
     "to=1073741827"),
    (lambda: R.randperm_array(-1), RuntimeError, "Trying to create tensor with negative dimension -1: [-1]"),
    (lambda: R.bernoulli_array(3, 1.5), RuntimeError, "bernoulli_ expects p to be in [0, 1], but got p=1.5"),
]


@pytest.mark.parametrize(("call", "kind", "message"), ERRORS)
def test_errors(call: object, kind: type[Exception], message: str) -> None:
    with pytest.raises(kind) as info:
        call()  # type: ignore[operator]
    assert message in str(info.value)


def test_randint_float_precision_warning() -> None:
    with pytest.warns(UserWarning, match=r"to - 1 is out of bounds \[-\(2\^24\), 2\^24\]"):
        R.randint_array(0, 2**25, 3, np_dtype=np.float32)


def test_float_bounds_move_inwards() -> None:
    # float32 spacing is 16 just below 2**28: to - 1 = 2**28 - 2 rounds up to 2**28 >= to, so to becomes 2**28 - 16;
    # from + 1 = -(2**28 - 2) rounds to -2**28 < from, so from becomes -2**28 + 16
    assert R._to_float_grid(-(2**28) + 1, 2**28 - 1, np.dtype(np.float32)) == (-(2**28) + 16, 2**28 - 16)
    assert R._to_float_grid(-5, 100, np.dtype(np.float32)) == (-5, 100)
    assert R._to_float_grid(0, 2**53 + 1, np.dtype(np.float64)) == (0, 2**53 + 1)  # 2**53 is exact: unchanged


def test_randint_ranges() -> None:
    g = R.Generator().manual_seed(0)
    assert (R.randint_array(5, 6, 100, generator=g) == 5).all()
    wide = R.randint_array(-(2**62), 2**62, 1000, generator=g)
    assert wide.dtype == np.int64 and wide.min() < -(2**60) and wide.max() > 2**60
    full = R.randint_array(-(2**63), 2**63 - 1, 1000, generator=g)
    assert full.min() < -(2**62) and full.max() > 2**62
    small = R.randint_array(-3, 4, 1000, generator=g)
    assert set(small.tolist()) == set(range(-3, 4))


def test_randperm_and_bernoulli() -> None:
    g = R.Generator().manual_seed(0)
    perm = R.randperm_array(1000, generator=g)
    assert sorted(perm.tolist()) == list(range(1000)) and perm.tolist() != list(range(1000))
    assert R.randperm_array(0, generator=g).tolist() == [] and R.randperm_array(1, generator=g).tolist() == [0]
    mask = R.bernoulli_array(10_000, 0.3, generator=g)
    assert set(np.unique(mask).tolist()) == {0.0, 1.0} and abs(mask.mean() - 0.3) < 0.02
    assert R.random64_draw(R.Generator().manual_seed(0)) == 900450186894289455  # torch: random_() on int64


def test_tensor_level_functions() -> None:
    pytest.importorskip("minitorch_scalar.tensor")
    from minitorch_scalar import dtypes

    R.manual_seed(0)
    x = R.randn(2, 3)
    y = R.randn((2, 3), dtype=dtypes.float64, requires_grad=True)
    assert tuple(x.shape) == (2, 3) and x.dtype is dtypes.float32 and not x.requires_grad
    assert y.dtype is dtypes.float64 and y.requires_grad and y.is_leaf
    assert R.randint(10, (4,)).dtype is dtypes.int64
    assert R.randperm(5).tolist() != [] and R.rand_like(y).dtype is dtypes.float64
    assert tuple(R.normal(0.0, 1.0, (2,)).shape) == (2,)
    with pytest.raises(TypeError, match=r"rand\(\): argument 'size' \(position 1\) must be tuple of ints, not float"):
        R.rand(2.5)
    with pytest.raises(TypeError, match=r"randint\(\) received an invalid combination of arguments - got \(int\)"):
        R.randint(10)
    with pytest.raises(RuntimeError, match=r"negative dimension -1: \[2, -1\]"):
        R.rand(2, -1)
