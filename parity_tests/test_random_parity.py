"""minitorch_scalar.random against torch's CPU generator: the same seeds give the same numbers.

Bit-exact everywhere except float32 normal draws of 16 or more elements, which torch computes with Sleef's SIMD
log/sin/cos: those are compared with a tolerance of about 2 ulp. ``uniform_`` and ``normal_`` with a non-trivial
range use a fused multiply-add in torch's AVX2/AVX512 kernels; the exact comparisons assume such a CPU.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minitorch_scalar import random as R

torch = pytest.importorskip("torch")
F = pytest.importorskip("torch.nn.functional")

# torch's uniform_/normal_ kernels use fused multiply-adds only when built for AVX2/AVX512 (torch_semantics §9);
# elsewhere they round twice, 1 ulp from ours, so those comparisons fall back to a tolerance.
FMA = torch.backends.cpu.get_cpu_capability() in ("AVX2", "AVX512")
SEEDS = [0, 1, 42, 1234]
DTYPES = [(np.float32, torch.float32), (np.float64, torch.float64)]
SIZES = range(1, 41)


def assert_same(ours: np.ndarray, theirs: Any, approx: bool = False) -> None:
    expected = theirs.numpy() if hasattr(theirs, "numpy") else np.asarray(theirs)
    assert ours.dtype == expected.dtype and ours.shape == expected.shape
    if approx:
        np.testing.assert_allclose(ours, expected, rtol=2e-6, atol=2e-6)
    else:
        np.testing.assert_array_equal(ours, expected)


def both_seeded(seed: int) -> None:
    R.manual_seed(seed)
    torch.manual_seed(seed)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("np_dtype", "torch_dtype"), DTYPES, ids=["float32", "float64"])
def test_every_function_every_size(seed: int, np_dtype: type, torch_dtype: Any) -> None:
    sloppy = np_dtype is np.float32
    for n in SIZES:
        both_seeded(seed)
        assert_same(R.rand_array(n, np_dtype), torch.rand(n, dtype=torch_dtype))
        assert_same(R.randn_array(n, np_dtype), torch.randn(n, dtype=torch_dtype), approx=sloppy and n >= 16)
        assert_same(R.uniform_array(n, -0.37, 1.9, np_dtype), torch.empty(n, dtype=torch_dtype).uniform_(-0.37, 1.9),
                    approx=not FMA)
        assert_same(R.normal_array(n, 0.3, 1.7, np_dtype), torch.empty(n, dtype=torch_dtype).normal_(0.3, 1.7),
                    approx=(sloppy and n >= 16) or not FMA)
        assert_same(R.randint_array(-3, n + 5, (n,)), torch.randint(-3, n + 5, (n,)))
        assert_same(R.randperm_array(n), torch.randperm(n))
        assert_same(R.bernoulli_array(n, 0.3, np_dtype), torch.empty(n, dtype=torch_dtype).bernoulli_(0.3))
        assert_same(R.default_generator._state_bytes(), torch.get_rng_state())


def test_semantics_sequence() -> None:
    both_seeded(0)
    calls: list[tuple[Callable[[], np.ndarray], Callable[[], Any]]] = [
        (lambda: R.randn_array(3), lambda: torch.randn(3)),
        (lambda: R.rand_array(3), lambda: torch.rand(3)),
        (lambda: R.randn_array((2, 3)), lambda: torch.randn(2, 3)),
        (lambda: R.randn_array(()), lambda: torch.randn(())),
        (lambda: R.randn_array(1), lambda: torch.randn(1)),
        (lambda: R.randn_array(7, np.float64), lambda: torch.randn(7, dtype=torch.float64)),
        (lambda: R.randn_array(33, np.float64), lambda: torch.randn(33, dtype=torch.float64)),
        (lambda: R.randn_array(5), lambda: torch.randn(5)),
        (lambda: R.randint_array(0, 2**40, (3,)), lambda: torch.randint(0, 2**40, (3,))),
        (lambda: R.rand_array((2, 2), np.float64), lambda: torch.rand(2, 2, dtype=torch.float64)),
        (lambda: R.randn_array(1), lambda: torch.randn(1)),
    ]
    for ours, theirs in calls:
        assert_same(ours(), theirs())
        assert_same(R.default_generator._state_bytes(), torch.get_rng_state())


def test_manual_seed_resets_the_cached_normal() -> None:
    both_seeded(3)
    assert_same(R.randn_array(1, np.float64), torch.randn(1, dtype=torch.float64))  # caches the pair's sine
    both_seeded(3)
    assert_same(R.randn_array(3, np.float64), torch.randn(3, dtype=torch.float64))


@pytest.mark.parametrize("seed", SEEDS)
def test_large_draws(seed: int) -> None:
    both_seeded(seed)
    assert_same(R.rand_array((300, 70)), torch.rand(300, 70))
    assert_same(R.randn_array(10_007, np.float64), torch.randn(10_007, dtype=torch.float64))
    assert_same(R.randn_array(10_007), torch.randn(10_007), approx=True)
    assert_same(R.uniform_array((100, 100), -0.1, 0.1, np.float64),
                torch.empty(100, 100, dtype=torch.float64).uniform_(-0.1, 0.1), approx=not FMA)
    assert_same(R.normal_array(999, -2.0, 0.01, np.float64), torch.empty(999, dtype=torch.float64).normal_(-2.0, 0.01),
                approx=not FMA)
    assert_same(R.randint_array(0, 7, (5000,)), torch.randint(0, 7, (5000,)))
    assert_same(R.default_generator._state_bytes(), torch.get_rng_state())


@pytest.mark.skipif(not FMA, reason="float16 uniform_ rounds differently without fused multiply-adds")
@pytest.mark.parametrize("seed", SEEDS)
def test_float16(seed: int) -> None:
    both_seeded(seed)
    assert_same(R.rand_array(50_000, np.float16), torch.rand(50_000, dtype=torch.float16))
    assert_same(R.uniform_array(50_000, -0.3, 0.7, np.float16),
                torch.empty(50_000, dtype=torch.float16).uniform_(-0.3, 0.7))
    assert_same(R.randn_array(15, np.float16), torch.randn(15, dtype=torch.float16))
    for n in (16, 37, 1001):  # float32 Sleef differences can flip a half rounding: compare to 1 half ulp
        ours = R.normal_array(n, 0.3, 1.7, np.float16)
        theirs = torch.empty(n, dtype=torch.float16).normal_(0.3, 1.7).numpy()
        np.testing.assert_allclose(ours.astype(np.float32), theirs.astype(np.float32), rtol=1e-3, atol=1e-3)
        assert (ours == theirs).mean() > 0.95
    assert_same(R.default_generator._state_bytes(), torch.get_rng_state())


@pytest.mark.parametrize(("np_dtype", "torch_dtype"), [(np.int32, torch.int32), (np.uint8, torch.uint8),
                                                      (np.int8, torch.int8), (np.bool_, torch.bool),
                                                      (np.float32, torch.float32), (np.float64, torch.float64)])
def test_randint_dtypes(np_dtype: type, torch_dtype: Any) -> None:
    both_seeded(5)
    highs = {np.bool_: [2], np.int8: [100, 127], np.uint8: [100, 255]}.get(np_dtype, [100, 2**24, 2**28, 2**30])
    for high in highs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # float32 beyond 2**24: both warn about precision
            expected = torch.randint(0, high, (64,), dtype=torch_dtype)
            assert_same(R.randint_array(0, high, (64,), np_dtype=np_dtype), expected)


def outcome(call: Callable[[], Any]) -> Any:
    """The array a call returns, or its exception's type and message."""
    try:
        result = call()
    except (RuntimeError, ValueError) as error:
        return type(error).__name__, str(error)
    return result.numpy() if hasattr(result, "numpy") else result


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([(np.float16, "float16", 17), (np.float32, "float32", 62), (np.float64, "float64", 62),
                        (np.int32, "int32", 33), (np.int64, "int64", 62)]),
       st.data())
def test_randint_bounds_every_dtype(kind: tuple[type, str, int], data: st.DataObject) -> None:
    np_dtype, name, max_exp = kind
    exponent = data.draw(st.integers(1, max_exp))
    low = data.draw(st.integers(-(2**exponent), 2**exponent))
    high = data.draw(st.integers(low - 2, low + 2**exponent).filter(lambda h: h < 2**62))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.manual_seed(exponent)
        theirs = outcome(lambda: torch.randint(low, high, (8,), dtype=getattr(torch, name)))
        R.manual_seed(exponent)
        ours = outcome(lambda: R.randint_array(low, high, (8,), np_dtype=np_dtype))
    if isinstance(theirs, tuple):
        assert ours == theirs
    else:
        assert_same(ours, theirs)


def test_randint_spans() -> None:
    both_seeded(9)
    for low, high in [(0, 2**28 - 1), (-5, 2**28 - 5), (0, 2**28), (0, 2**32 - 1), (0, 2**32), (0, 2**33),
                      (-(2**40), 2**40), (-(2**63), 2**63 - 1), (7, 8)]:
        assert_same(R.randint_array(low, high, (20,)), torch.randint(low, high, (20,)))


def test_random64_draw_is_int64_random_() -> None:
    both_seeded(4)
    for _ in range(5):
        assert R.random64_draw() == torch.empty((), dtype=torch.int64).random_().item()


def test_state_bytes_move_between_libraries() -> None:
    torch.manual_seed(77)
    torch.randn(3, dtype=torch.float64)  # leaves a cached normal in the state
    g = R.Generator()
    g._load_state_bytes(torch.get_rng_state().numpy())
    assert_same(R.randn_array(9, np.float64, generator=g), torch.randn(9, dtype=torch.float64))
    assert g.initial_seed() == torch.initial_seed()


@pytest.mark.parametrize("p", [0.1, 0.5, 1 / 3])
def test_dropout_recipe(p: float) -> None:
    torch.manual_seed(5)
    x = torch.randn(300)
    state = torch.get_rng_state().numpy()
    expected = F.dropout(x, p, training=True)
    g = R.Generator()
    g._load_state_bytes(state)
    mask = R.bernoulli_array(300, 1 - p, np.float32, generator=g)
    assert_same(x.numpy() * (mask / np.float32(1 - p)), expected)


def test_linear_init_matches_torch() -> None:
    nn = pytest.importorskip("torch.nn")
    both_seeded(0)
    layers = [nn.Linear(3, 2), nn.Linear(40, 17), nn.Linear(17, 1)]
    for layer in layers:
        fan_in = layer.in_features
        bound = float(np.float32(1 / np.sqrt(fan_in)))
        assert_same(R.uniform_array((layer.out_features, fan_in), -bound, bound), layer.weight.detach(), approx=not FMA)
        assert_same(R.uniform_array((layer.out_features,), -bound, bound), layer.bias.detach(), approx=not FMA)


# ------------------------------------------------------------------------------------------ Tensor level


def tensor_module() -> Any:
    return pytest.importorskip("minitorch_scalar.tensor")


def test_tensor_factories_match_torch() -> None:
    tensor_module()
    import minitorch_scalar as mt

    R.manual_seed(0)
    torch.manual_seed(0)
    pairs = [
        (R.rand(2, 3), torch.rand(2, 3)),
        (R.randn((4,), dtype=mt.float64), torch.randn((4,), dtype=torch.float64)),
        (R.randn(3, requires_grad=True), torch.randn(3, requires_grad=True)),
        (R.randint(3, 10, (2, 2)), torch.randint(3, 10, (2, 2))),
        (R.randint(5, [3]), torch.randint(5, [3])),
        (R.randperm(6), torch.randperm(6)),
        (R.normal(2.0, 3.0, (5,)), torch.normal(2.0, 3.0, (5,))),
        (R.randn(()), torch.randn(())),
    ]
    ours_like, like = R.rand(2, 2, dtype=mt.float64), torch.rand(2, 2, dtype=torch.float64)
    pairs.append((ours_like, like))
    pairs += [(R.rand_like(ours_like), torch.rand_like(like)), (R.randn_like(ours_like), torch.randn_like(like)),
              (R.randint_like(ours_like, 4), torch.randint_like(like, 4)),
              (R.randint_like(ours_like, 2, 9), torch.randint_like(like, 2, 9))]
    for ours, theirs in pairs:
        assert repr(ours) == repr(theirs)
        assert_same(ours.detach().numpy(), theirs.detach())


def test_tensor_generator_argument() -> None:
    tensor_module()
    g = R.Generator().manual_seed(12)
    tg = torch.Generator().manual_seed(12)
    assert_same(R.rand(5, generator=g).numpy(), torch.rand(5, generator=tg))
    assert_same(R.randint(0, 9, (5,), generator=g).numpy(), torch.randint(0, 9, (5,), generator=tg))
    state = g.get_state()
    assert repr(state.dtype) == "torch.uint8" and tuple(state.shape) == (5056,)
    np.testing.assert_array_equal(state.numpy(), tg.get_state().numpy())
    g.manual_seed(0)
    g.set_state(state)
    assert_same(R.randn(20, generator=g).numpy(), torch.randn(20, generator=tg), approx=True)


ERROR_CALLS = [
    ("rand", (2.5,)), ("randn", ()), ("rand", ()), ("randint", (10,)), ("randint", (10, 3)), ("randint", (0, 10, 2.5)),
    ("randperm", (2.5,)), ("rand", (2, -1)), ("randint", (5, 5, (3,))),
]


@pytest.mark.parametrize(("name", "args"), ERROR_CALLS, ids=str)
def test_tensor_level_errors(name: str, args: tuple[Any, ...]) -> None:
    tensor_module()
    with pytest.raises(Exception) as theirs:
        getattr(torch, name)(*args)
    with pytest.raises(type(theirs.value)) as ours:
        getattr(R, name)(*args)
    assert str(ours.value) == str(theirs.value)


def test_state_type_errors() -> None:
    tensor_module()
    import minitorch_scalar as mt

    with pytest.raises(TypeError, match="RNG state must be a torch.ByteTensor"):
        R.Generator().set_state(mt.zeros(5056))
    with pytest.raises(TypeError, match="RNG state must be a torch.ByteTensor"):
        torch.Generator().set_state(torch.zeros(5056))


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_bernoulli(dtype: str) -> None:
    tensor_module()
    import minitorch_scalar as mt

    both_seeded(8)
    probs = torch.linspace(0, 1, 300, dtype=getattr(torch, dtype)).reshape(3, 100)
    ours_probs = mt.tensor(probs.numpy())
    assert_same(R.bernoulli(ours_probs).numpy(), torch.bernoulli(probs))
    assert_same(R.bernoulli(ours_probs, 0.25).numpy(), torch.bernoulli(probs, 0.25))
    leaf = mt.tensor([0.2, 0.9], requires_grad=True)
    drawn = R.bernoulli(leaf)
    assert repr(drawn) == repr(torch.bernoulli(torch.tensor([0.2, 0.9], requires_grad=True)))
    drawn.sum().backward()
    assert leaf.grad.tolist() == [0.0, 0.0]
    with pytest.raises(RuntimeError, match=r"Expected p_in >= 0 && p_in <= 1"):
        R.bernoulli(mt.tensor([0.5, 2.0]))
    with pytest.raises(NotImplementedError, match="bernoulli_tensor_cpu_p_"):
        R.bernoulli(mt.tensor([1, 0]))


def test_normal_tensor_overloads() -> None:
    tensor_module()
    import minitorch_scalar as mt

    mean64 = torch.linspace(-1, 1, 40, dtype=torch.float64).reshape(2, 20)
    std64 = torch.linspace(0.1, 2, 20, dtype=torch.float64)
    small = torch.tensor([0.5, -1.0, 2.0])
    cases = [(mean64, std64), (mean64, 0.5), (1.5, std64), (small, torch.tensor([1.0, 2.0, 0.5])), (small, 3.0),
             (2.0, small.abs()), (mean64, torch.ones(2, 20))]
    for mean, std in cases:
        both_seeded(3)
        ours = R.normal(*(mt.tensor(x.numpy()) if isinstance(x, torch.Tensor) else x for x in (mean, std)))
        assert repr(ours) == repr(torch.normal(mean, std))
        both_seeded(3)
        assert_same(ours.numpy(), torch.normal(mean, std))
    m = mt.tensor([0.0, 1.0], requires_grad=True)
    s = mt.tensor([1.0, 2.0], requires_grad=True)
    out = R.normal(m, s)
    assert type(out.grad_fn).__name__ == "NormalBackward3"
    out.sum().backward()
    assert m.grad.tolist() == [0.0, 0.0] and s.grad.tolist() == [0.0, 0.0]
    assert type(R.normal(m, 1.0).grad_fn).__name__ == "NormalBackward1"
    assert type(R.normal(0.0, s).grad_fn).__name__ == "NormalBackward2"


@pytest.mark.parametrize("args", [(0.0, 1.0), ("tensor", 1.0, (3,))], ids=str)
def test_normal_overload_errors(args: tuple[Any, ...]) -> None:
    tensor_module()
    import minitorch_scalar as mt

    theirs_args = tuple(torch.zeros(2) if a == "tensor" else a for a in args)
    ours_args = tuple(mt.zeros(2) if a == "tensor" else a for a in args)
    with pytest.raises(TypeError) as theirs:
        torch.normal(*theirs_args)
    with pytest.raises(TypeError) as ours:
        R.normal(*ours_args)
    assert str(ours.value) == str(theirs.value)


def test_normal_value_errors() -> None:
    tensor_module()
    import minitorch_scalar as mt

    with pytest.raises(RuntimeError, match="normal expects all elements of std >= 0.0"):
        R.normal(mt.zeros(2), mt.tensor([1.0, -1.0]))
    with pytest.raises(RuntimeError, match="normal expects std >= 0.0, but found std -1"):
        R.normal(mt.zeros(2), -1.0)
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(3\) must match the size of tensor b \(6\)"):
        R.normal(mt.zeros(2, 3), mt.ones(6))
    with pytest.raises(NotImplementedError, match="normal_kernel_cpu"):
        R.normal(mt.zeros(2, dtype=mt.int64), 1.0)


def test_keyword_forms() -> None:
    tensor_module()
    import minitorch_scalar as mt

    both_seeded(21)
    like = torch.zeros(2, 2)
    pairs = [
        (R.randint(0, 10, size=(3,)), torch.randint(0, 10, size=(3,))),
        (R.randint(10, size=(3,)), torch.randint(10, size=(3,))),
        (R.randint(high=10, size=(3,)), torch.randint(high=10, size=(3,))),
        (R.randint(low=2, high=10, size=(3,)), torch.randint(low=2, high=10, size=(3,))),
        (R.rand(size=(2, 3)), torch.rand(size=(2, 3))),
        (R.randn(size=[2]), torch.randn(size=[2])),
        (R.randint_like(mt.zeros(2, 2), high=5), torch.randint_like(like, high=5)),
        (R.randint_like(mt.zeros(2, 2), low=1, high=5), torch.randint_like(like, low=1, high=5)),
        (R.normal(mean=0.0, std=1.0, size=(2,)), torch.normal(mean=0.0, std=1.0, size=(2,))),
    ]
    for ours, theirs in pairs:
        assert repr(ours) == repr(theirs)
    with pytest.raises(TypeError) as theirs_error:
        torch.rand(2, size=(3,))
    with pytest.raises(TypeError) as ours_error:
        R.rand(2, size=(3,))
    assert str(ours_error.value) == str(theirs_error.value)


def test_device_argument() -> None:
    tensor_module()
    both_seeded(2)
    assert repr(R.randn(3, device="cpu")) == repr(torch.randn(3, device="cpu"))
    assert repr(R.randint(0, 5, (2,), device="cpu")) == repr(torch.randint(0, 5, (2,), device="cpu"))
    if not torch.cuda.is_available():
        with pytest.raises(AssertionError) as theirs:
            torch.rand(2, device="cuda")
        with pytest.raises(AssertionError) as ours:
            R.rand(2, device="cuda")
        assert str(ours.value) == str(theirs.value)
