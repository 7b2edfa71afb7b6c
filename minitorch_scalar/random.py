"""torch's CPU random stream, reproduced bit for bit (torch_semantics.md §9).

Every draw comes from a :class:`Generator`: the 32-bit Mersenne Twister MT19937 seeded with Matsumoto and
Nishimura's ``init_genrand`` (``mt[0] = seed mod 2**32``, ``mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >> 30)) + i``),
plus one cached standard normal. The twist is done 624 words at a time with numpy, so large draws are fast.

How torch turns the 32-bit words ``w`` into numbers (each rule checked against torch 2.13 on an AVX2 CPU):

* ``rand`` float32: ``(w & 0xFFFFFF) * 2**-24`` (one word). float64: ``((w1 << 32 | w2) & (2**53 - 1)) * 2**-53``
  (two words). float16: the float32 value rounded to half, where a result of 1 becomes 0.
* ``uniform_(a, b)``: ``fma(x, b - a, a)`` with ``x`` as in ``rand``, in float32 for float32 and float16 (then
  rounded to half, a result equal to ``b`` becoming ``a``), in float64 for float64. The fused multiply-add is
  what AVX2/AVX512 builds compute; torch built for the ``default`` capability rounds twice (1 ulp apart).
* ``normal_(mean, std)`` of fewer than 16 elements (or ``randn``): per element one Box-Muller in float64.
  A cached value is used first; otherwise ``u1, u2`` are two float64 uniforms,
  ``r = sqrt(-2 log(1 - u2))``, ``theta = 2 pi u1``; ``r sin(theta)`` is cached and ``r cos(theta)`` used. The
  element is ``fma(z, std, mean)`` cast to the dtype. The cache survives across calls and is cleared by seeding.
* ``normal_`` of 16 or more elements: all ``n`` uniforms of the dtype first, then each block of 16 becomes
  ``u1 = 1 - d[j]``, ``u2 = d[j + 8]``, ``r = sqrt(-2 log u1)``, ``theta = 2 pi u2``,
  ``d[j] = fma(r cos(theta), std, mean)``, ``d[j + 8] = fma(r sin(theta), std, mean)`` (j < 8). If ``n`` is not
  a multiple of 16, 16 fresh uniforms are drawn and transformed into the last 16 elements. float64 is computed
  with the C library's ``log``/``sin``/``cos`` (Python's ``math``), bit for bit. torch computes float32 with SIMD
  (Sleef) approximations that we cannot reproduce: ours agree to about 1 ulp (|diff| <= 5e-7 for randn).
  float16 is the float32 computation rounded to half, except that only the whole blocks' uniforms are drawn
  before the 16 fresh ones of the last block.
* ``randint(low, high)``: ``low + w mod (high - low)``, with a 64-bit word ``w1 << 32 | w2`` when the range is
  ``2**28`` or more (torch's cut-off, found by experiment; any dtype); for float dtypes the bounds are first moved
  inwards onto values the dtype can hold (torch's ``update_from``/``update_to``). ``random_()`` on int64 (how
  torch's samplers draw seeds): ``w64 mod 2**63``.
* ``randperm(n)``: Fisher-Yates, swapping ``r[i]`` with ``r[i + w mod (n - i)]`` for ``i < n - 1``.
* ``bernoulli_(p)`` and ``bernoulli(input, p)``: ``u < p`` with ``u`` a float64 uniform; ``bernoulli(probs)``:
  ``u < probs`` with ``u`` a uniform of the probabilities' dtype (float32 for float16). ``F.dropout(x, p)`` is
  ``x * (mask / (1 - p))`` with ``mask = bernoulli_(1 - p)`` in x's dtype.
"""

from __future__ import annotations

import math
import operator
import secrets
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from minitorch_scalar import dtypes
from minitorch_scalar.device import check_device

if TYPE_CHECKING:
    from minitorch_scalar.tensor import Tensor

__all__ = [
    "Generator",
    "bernoulli",
    "bernoulli_array",
    "default_generator",
    "get_rng_state",
    "initial_seed",
    "manual_seed",
    "multinomial",
    "multinomial_array",
    "normal",
    "normal_array",
    "rand",
    "rand_array",
    "rand_like",
    "randint",
    "randint_array",
    "randint_like",
    "randn",
    "randn_array",
    "randn_like",
    "randperm",
    "randperm_array",
    "random64_draw",
    "seed",
    "set_rng_state",
    "uniform_array",
]

_N = 624
_M = 397
_UPPER = np.uint32(0x80000000)
_LOWER = np.uint32(0x7FFFFFFF)
_MATRIX_A = np.uint32(0x9908B0DF)
_DEFAULT_SEED = 67280421310721
_STATE_BYTES = 5056
_SMALL_NORMAL = 16

# (start, stop, offset of the partner word) for the vectorised twist; each chunk only reads words that are
# either not yet rewritten or rewritten by an earlier chunk, exactly as the sequential loop does.
_TWIST_CHUNKS = ((0, _N - _M, _M), (_N - _M, 2 * (_N - _M), _M - _N), (2 * (_N - _M), _N - 1, _M - _N))

# torch's C++ names for dtypes, used in its error messages.
_SCALAR_TYPE = {"uint8": "Byte", "int8": "Char", "int16": "Short", "int32": "Int", "int64": "Long", "bool": "Bool"}
_C_TYPE = {
    "uint8": "unsigned char", "int8": "signed char", "int16": "short int", "int32": "int", "int64": "long int",
    "bool": "bool", "float16": "c10::Half", "float32": "float", "float64": "double",
}
_LIMIT_TYPE = {"float16": "Half", "float32": "Float", "float64": "Double"}


# --------------------------------------------------------------------------------------------- MT19937 core


def _seeded_words(seed: int) -> np.ndarray:
    """MT19937's ``init_genrand``: the 624-word state for a 32-bit seed."""
    state = [seed & 0xFFFFFFFF]
    for i in range(1, _N):
        prev = state[-1]
        state.append((1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF)
    return np.array(state, dtype=np.uint32)


def _twist(mt: np.ndarray) -> None:
    """Regenerate all 624 words in place: ``mt[i] = mt[i+397] ^ (y >> 1) ^ (y odd ? 0x9908b0df : 0)``.

    ``y`` takes the top bit of ``mt[i]`` and the low 31 bits of ``mt[i+1]`` (indices mod 624).
    """
    for start, stop, offset in _TWIST_CHUNKS:
        y = (mt[start:stop] & _UPPER) | (mt[start + 1 : stop + 1] & _LOWER)
        mt[start:stop] = mt[start + offset : stop + offset] ^ (y >> 1) ^ ((y & 1) * _MATRIX_A)
    y = (mt[_N - 1] & _UPPER) | (mt[0] & _LOWER)
    mt[_N - 1] = mt[_M - 1] ^ (y >> 1) ^ ((y & 1) * _MATRIX_A)


def _temper(y: np.ndarray) -> np.ndarray:
    """MT19937's output tempering of raw state words."""
    y = y ^ (y >> 11)
    y = y ^ ((y << 7) & np.uint32(0x9D2C5680))
    y = y ^ ((y << 15) & np.uint32(0xEFC60000))
    return y ^ (y >> 18)


# ------------------------------------------------------------------------------- exactly rounded arithmetic


def _two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Knuth's TwoSum: ``s + e == a + b`` exactly, with ``s = fl(a + b)``."""
    s = a + b
    b_virtual = s - a
    e = (a - (s - b_virtual)) + (b - b_virtual)
    return s, e


def _add_round_to_odd(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a + b`` (float64) rounded to odd: truncate, then set the last bit if the sum was inexact."""
    s, e = _two_sum(a, b)
    even = (s.view(np.uint64) & np.uint64(1)) == 0
    toward = np.where(e > 0, np.inf, -np.inf)
    return np.where((e != 0) & even, np.nextafter(s, toward), s)


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Veltkamp's split of a float64 into two 26-bit halves, ``hi + lo == a``."""
    c = a * 134217729.0  # 2**27 + 1
    hi = c - (c - a)
    return hi, a - hi


def _fma64(x: np.ndarray, y: np.ndarray | float, z: np.ndarray | float) -> np.ndarray:
    """``x * y + z`` in float64 with a single rounding (an emulated fused multiply-add).

    Dekker's exact product ``ph + pl = x * y``, then Boldo and Melquiond's correctly rounded sum
    ``fl(th + ro(tl + pl))`` with ``th + tl = z + ph`` exactly and ``ro`` rounding to odd.
    Valid for finite values whose product neither overflows nor underflows.
    """
    x = np.asarray(x, dtype=np.float64)
    y_arr = np.broadcast_to(np.asarray(y, dtype=np.float64), x.shape)
    z_arr = np.broadcast_to(np.asarray(z, dtype=np.float64), x.shape)
    ph = x * y_arr
    xh, xl = _split(x)
    yh, yl = _split(y_arr)
    pl = ((xh * yh - ph) + xh * yl + xl * yh) + xl * yl
    th, tl = _two_sum(z_arr, ph)
    with np.errstate(invalid="ignore"):
        exact = th + _add_round_to_odd(tl, pl)
    return np.where(np.isfinite(exact), exact, ph + z_arr)


def _fma32(x: np.ndarray, y: np.floating, z: np.floating) -> np.ndarray:
    """``x * y + z`` for float32 operands with a single rounding to float32.

    The product of two floats is exact in float64; their sum rounded to odd in float64 then rounds to float32
    exactly as the real number would (53 >= 2 * 24 + 2).
    """
    product = x.astype(np.float64) * np.float64(y)
    return _add_round_to_odd(product, np.full_like(product, np.float64(z))).astype(np.float32)


# ---------------------------------------------------------------------------------------------- Generator


def _check_seed(seed: Any) -> int:
    """torch's seed conversion: ``int(seed)``, negatives wrap modulo 2**64, the rest must fit in 64 bits."""
    value = int(seed)
    if not -(2**63) <= value < 2**64:
        raise ValueError("Overflow when unpacking long long")
    return value % 2**64


class Generator:
    """torch's CPU generator: an MT19937 stream and one cached standard normal.

    Args:
        device: only ``"cpu"`` is available.

    Attributes:
        device: the device the generator draws for (the CPU).
    """

    def __init__(self, device: Any = "cpu") -> None:
        self.device = check_device(device)
        self._seed = 0
        self._mt = np.zeros(_N, dtype=np.uint32)
        self._left = 1
        self._next = 0
        self._cached_normal: float | None = None
        self.manual_seed(_DEFAULT_SEED)

    def __repr__(self) -> str:
        return f"<minitorch_scalar.Generator object at {id(self):#x}>"

    def manual_seed(self, seed: int) -> Generator:
        """Reseed: the state becomes ``init_genrand(seed mod 2**32)`` and the cached normal is dropped.

        Args:
            seed: any integer in ``[-2**63, 2**64)``; negatives wrap to ``seed + 2**64``.

        Returns:
            this generator.

        Raises:
            ValueError: if ``seed`` is not in that range (``Overflow when unpacking long long``).
        """
        self._seed = _check_seed(seed)
        self._mt = _seeded_words(self._seed)
        self._left = 1
        self._next = 0
        self._cached_normal = None
        return self

    def seed(self) -> int:
        """Reseed from the operating system's entropy and return the new 64-bit seed."""
        value = secrets.randbits(64)
        self.manual_seed(value)
        return value

    def initial_seed(self) -> int:
        """The seed last given to :meth:`manual_seed` (``67280421310721`` for a new generator)."""
        return self._seed

    def get_state(self) -> Tensor:
        """The state as torch's 5056-byte ``uint8`` tensor (layout of ``CPUGeneratorImplState``).

        The bytes equal ``torch.Generator.get_state()`` for the same history, so states can be moved between
        this library and torch.
        """
        from minitorch_scalar.tensor import from_array

        return from_array(self._state_bytes())

    def set_state(self, new_state: Tensor) -> Generator:
        """Restore a state from :meth:`get_state` (or from torch's ``get_state()``, as bytes).

        Raises:
            TypeError: if ``new_state`` is not a uint8 tensor.
            RuntimeError: if it does not hold 5056 bytes.
        """
        from minitorch_scalar.tensor import Tensor

        if not isinstance(new_state, Tensor) or new_state.dtype is not dtypes.uint8:
            raise TypeError("RNG state must be a torch.ByteTensor")
        self._load_state_bytes(new_state.detach().numpy())
        return self

    def _state_bytes(self) -> np.ndarray:
        """Serialise like torch: seed u64, left i32, seeded i32, next u64, 624 words as u64, the normal cache."""
        buf = np.zeros(_STATE_BYTES, dtype=np.uint8)
        header = np.array([self._seed], dtype="<u8").view(np.uint8)
        counters = np.array([self._left, 1], dtype="<i4").view(np.uint8)
        buf[0:8] = header
        buf[8:16] = counters
        buf[16:24] = np.array([self._next], dtype="<u8").view(np.uint8)
        buf[24 : 24 + 8 * _N] = self._mt.astype("<u8").view(np.uint8)
        if self._cached_normal is not None:
            base = 24 + 8 * _N
            buf[base + 8 : base + 16] = np.array([self._cached_normal], dtype="<f8").view(np.uint8)
            buf[base + 24 : base + 28] = np.array([1], dtype="<i4").view(np.uint8)
        return buf

    def _load_state_bytes(self, data: np.ndarray) -> None:
        """Inverse of :meth:`_state_bytes`."""
        if data.size != _STATE_BYTES:
            raise RuntimeError(
                f"Expected a CPUGeneratorImplState of size {_STATE_BYTES} but found the input RNG state size to be "
                f"{data.size}"
            )
        raw = np.ascontiguousarray(data.ravel())
        base = 24 + 8 * _N
        self._seed = int(raw[0:8].view("<u8")[0])
        self._left = int(raw[8:12].view("<i4")[0])
        self._next = int(raw[16:24].view("<u8")[0])
        self._mt = raw[24:base].view("<u8").astype(np.uint32)
        valid = int(raw[base + 24 : base + 28].view("<i4")[0])
        self._cached_normal = float(raw[base + 8 : base + 16].view("<f8")[0]) if valid else None

    # ---- raw draws

    def _words(self, count: int) -> np.ndarray:
        """The next ``count`` 32-bit outputs, exactly as ``count`` calls of ``mt19937()`` would give them."""
        chunks: list[np.ndarray] = []
        while count > 0:
            if self._left == 1:
                _twist(self._mt)
                self._left = _N + 1
                self._next = 0
            take = min(count, self._left - 1)
            chunks.append(_temper(self._mt[self._next : self._next + take]))
            self._next += take
            self._left -= take
            count -= take
        if not chunks:
            return np.zeros(0, dtype=np.uint32)
        return np.concatenate(chunks) if len(chunks) > 1 else chunks[0]

    def _words64(self, count: int) -> np.ndarray:
        """``count`` 64-bit values ``w1 << 32 | w2`` from consecutive word pairs."""
        pairs = self._words(2 * count).astype(np.uint64)
        return (pairs[0::2] << np.uint64(32)) | pairs[1::2]

    def _unit_float32(self, count: int) -> np.ndarray:
        """``count`` float32 values ``(w & 0xFFFFFF) * 2**-24`` in [0, 1)."""
        return (self._words(count) & np.uint32(0xFFFFFF)).astype(np.float32) * np.float32(2.0**-24)

    def _unit_float64(self, count: int) -> np.ndarray:
        """``count`` float64 values ``(w64 & (2**53 - 1)) * 2**-53`` in [0, 1)."""
        return (self._words64(count) & np.uint64(2**53 - 1)).astype(np.float64) * 2.0**-53

    def _standard_normal(self) -> float:
        """One float64 Box-Muller sample, using and refilling the cache."""
        if self._cached_normal is not None:
            value, self._cached_normal = self._cached_normal, None
            return value
        u1, u2 = self._unit_float64(2).tolist()
        radius = math.sqrt(-2.0 * math.log1p(-u2))
        theta = 2.0 * math.pi * u1
        self._cached_normal = radius * math.sin(theta)
        return radius * math.cos(theta)


default_generator = Generator()


def _gen(generator: Generator | None) -> Generator:
    """The generator to draw from: the given one or :data:`default_generator`."""
    if generator is None:
        return default_generator
    if not isinstance(generator, Generator):
        raise TypeError(f"generator must be a minitorch_scalar.Generator, not {type(generator).__name__}")
    return generator


def manual_seed(seed: int) -> Generator:
    """Seed the default generator (``torch.manual_seed``) and return it.

    Raises:
        ValueError: for a seed outside ``[-2**63, 2**64)``.
    """
    return default_generator.manual_seed(seed)


def seed() -> int:
    """Seed the default generator from the OS's entropy; return the seed (``torch.seed``)."""
    return default_generator.seed()


def initial_seed() -> int:
    """The default generator's seed (``torch.initial_seed``)."""
    return default_generator.initial_seed()


def get_rng_state() -> Tensor:
    """The default generator's state as a 5056-byte uint8 tensor (``torch.get_rng_state``)."""
    return default_generator.get_state()


def set_rng_state(new_state: Tensor) -> None:
    """Restore the default generator's state (``torch.set_rng_state``)."""
    default_generator.set_state(new_state)


# ------------------------------------------------------------------------------------------ array draws


def _shape(shape: int | Sequence[int]) -> tuple[int, ...]:
    """A shape tuple from an int or a sequence of ints."""
    return (operator.index(shape),) if not isinstance(shape, Sequence) else tuple(operator.index(s) for s in shape)


def _float_dtype(np_dtype: Any, kernel: str) -> np.dtype:
    """The numpy float dtype to draw, or torch's NotImplementedError naming the kernel and dtype."""
    dt = np.dtype(np_dtype)
    if dt.kind != "f":
        name = dtypes.from_numpy(dt).name
        raise NotImplementedError(f'"{kernel}" not implemented for \'{_SCALAR_TYPE[name]}\'')
    return dt


def rand_array(
    shape: int | Sequence[int], np_dtype: Any = np.float32, generator: Generator | None = None
) -> np.ndarray:
    """What ``torch.rand(*shape, dtype=...)`` draws: uniform values in [0, 1).

    Args:
        shape: the array's shape.
        np_dtype: float16, float32 or float64.
        generator: the stream to draw from (the default generator if None).

    Raises:
        NotImplementedError: for a non-floating dtype, as torch.
    """
    return uniform_array(shape, 0.0, 1.0, np_dtype, generator)


def _check_uniform_bounds(low: float, high: float, dt: np.dtype) -> None:
    """torch's ``check_uniform_bounds``: both ends representable, ``low <= high``, and a finite range."""
    name = dtypes.from_numpy(dt).name
    limit = float(np.finfo(dt).max)
    for label, value in (("from", low), ("to", high)):
        if not -limit <= value <= limit:
            raise RuntimeError(f"{label} is out of bounds for {_C_TYPE[name]}")
    if low > high:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found from={low:g} > to={high:g}")
    if high - low > limit:
        raise RuntimeError(
            f"uniform_ expects to-from <= std::numeric_limits<{_LIMIT_TYPE[name]}>::max(), but found to={high:g} "
            f"and from={low:g} which result in to-from to exceed the limit"
        )


def uniform_array(
    shape: int | Sequence[int],
    low: float,
    high: float,
    np_dtype: Any = np.float32,
    generator: Generator | None = None,
) -> np.ndarray:
    """What ``tensor.uniform_(low, high)`` draws (``nn.Linear`` initialises with it): values in [low, high).

    float32/float16: ``fma(x, f32(high) - f32(low), f32(low))`` in float32 (float16 then rounds, a result equal to
    ``high`` becoming ``low``); float64: ``fma(x, high - low, low)``. ``x`` is as in :func:`rand_array`.

    Raises:
        NotImplementedError: for a non-floating dtype.
        RuntimeError: for bounds torch rejects (``low > high``, out of the dtype's range, an infinite range).
    """
    dt = _float_dtype(np_dtype, "check_uniform_bounds")
    low, high = float(low), float(high)
    _check_uniform_bounds(low, high, dt)
    dims = _shape(shape)
    count = math.prod(dims)
    gen = _gen(generator)
    if dt == np.float64:
        return _fma64(gen._unit_float64(count), high - low, low).reshape(dims)
    lo32, hi32 = np.float32(low), np.float32(high)
    values = _fma32(gen._unit_float32(count), hi32 - lo32, lo32)
    if dt == np.float32:
        return values.reshape(dims)
    half = values.astype(np.float16)
    half[half == np.float16(high)] = np.float16(low)
    return half.reshape(dims)


def _box_muller_blocks(uniforms: np.ndarray, mean: float, std: float) -> np.ndarray:
    """torch's ``normal_fill_16`` on whole blocks of 16 uniforms (see the module docstring)."""
    blocks = uniforms.reshape(-1, 16)
    if uniforms.dtype == np.float64:
        u1 = (1.0 - blocks[:, :8]).ravel().tolist()
        u2 = blocks[:, 8:].ravel().tolist()
        radius = np.sqrt(-2.0 * np.fromiter(map(math.log, u1), np.float64, len(u1)))
        theta = [2.0 * math.pi * u for u in u2]
        cos = np.fromiter(map(math.cos, theta), np.float64, len(theta))
        sin = np.fromiter(map(math.sin, theta), np.float64, len(theta))
        first, second = _fma64(radius * cos, std, mean), _fma64(radius * sin, std, mean)
    else:
        u1_32 = np.float32(1.0) - blocks[:, :8]
        radius32 = np.sqrt(np.float32(-2.0) * np.log(u1_32))
        theta32 = np.float32(2.0 * math.pi) * blocks[:, 8:]
        std32, mean32 = np.float32(std), np.float32(mean)
        first = _fma32(radius32 * np.cos(theta32), std32, mean32).reshape(-1, 8)
        second = _fma32(radius32 * np.sin(theta32), std32, mean32).reshape(-1, 8)
    return np.concatenate([first.reshape(-1, 8), second.reshape(-1, 8)], axis=1).ravel()


def normal_array(
    shape: int | Sequence[int],
    mean: float = 0.0,
    std: float = 1.0,
    np_dtype: Any = np.float32,
    generator: Generator | None = None,
) -> np.ndarray:
    """What ``tensor.normal_(mean, std)`` draws (a contiguous tensor): normal values with that mean and std.

    Fewer than 16 elements use the cached float64 Box-Muller, 16 or more torch's blocks of 16 (module docstring).

    Raises:
        NotImplementedError: for a non-floating dtype.
        RuntimeError: if ``std`` is negative or nan (``normal expects std >= 0.0, but found std -1``).
    """
    dt = _float_dtype(np_dtype, "normal_kernel_cpu")
    mean, std = float(mean), float(std)
    if not std >= 0.0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    dims = _shape(shape)
    count = math.prod(dims)
    gen = _gen(generator)
    if count < _SMALL_NORMAL:
        z = np.array([gen._standard_normal() for _ in range(count)], dtype=np.float64)
        return _fma64(z, std, mean).astype(dt).reshape(dims)
    draw = gen._unit_float64 if dt == np.float64 else gen._unit_float32
    whole = count - count % 16
    out = np.empty(count, dtype=np.float64 if dt == np.float64 else np.float32)
    # float16 is computed as float32 and rounded, but draws uniforms only for the whole blocks
    out[:whole] = _box_muller_blocks(draw(whole if dt == np.float16 else count)[:whole], mean, std)
    if whole != count:
        out[count - 16 :] = _box_muller_blocks(draw(16), mean, std)
    return out.astype(dt).reshape(dims)


def randn_array(
    shape: int | Sequence[int], np_dtype: Any = np.float32, generator: Generator | None = None
) -> np.ndarray:
    """What ``torch.randn(*shape, dtype=...)`` draws: :func:`normal_array` with mean 0 and std 1."""
    return normal_array(shape, 0.0, 1.0, np_dtype, generator)


_DIGITS = {"float16": 11, "float32": 24, "float64": 53}


def _to_float_grid(low: int, high: int, dt: np.dtype) -> tuple[int, int]:
    """torch's ``update_from``/``update_to``: move bounds a float dtype cannot hold inwards.

    When ``low + 1`` rounds below ``low`` in ``dt``, ``low`` becomes that rounded value plus one spacing
    ``2**(floor(log2|low + 1|) - digits + 1)``; when ``high - 1`` rounds to ``high`` or above, ``high`` becomes the
    rounded value minus one spacing.
    """
    digits = _DIGITS[dt.name]
    with np.errstate(over="ignore"):
        low_up, high_down = float(dt.type(low + 1)), float(dt.type(high - 1))
    if math.isfinite(low_up) and int(low_up) < low:
        low = int(low_up) + (1 << (abs(low + 1).bit_length() - digits))
    if math.isfinite(high_down) and int(high_down) >= high:
        high = int(high_down) - (1 << (abs(high - 1).bit_length() - digits))
    return low, high


def _check_int_bounds(low: int, high: int, dt: np.dtype) -> tuple[int, int]:
    """torch's ``random_from_to`` checks for the target dtype; returns the bounds actually used."""
    name = dtypes.from_numpy(dt).name
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    if dt.kind == "f":
        low, high = _to_float_grid(low, high, dt)
        if low >= high:
            raise RuntimeError(
                f"random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from={low} "
                f">= to={high}"
            )
        digits = _DIGITS[name]
        if name == "float16" and high - 1 > float(np.finfo(np.float16).max):
            raise RuntimeError(f"to - 1 is out of bounds for {_C_TYPE[name]}")
        if not -(2**digits) <= high - 1 <= 2**digits:
            warnings.warn(
                f"to - 1 is out of bounds [-(2^{digits}), 2^{digits}]. Due to precision limitations "
                f"{_C_TYPE[name]} can support discrete uniform distribution only within this range. This warning "
                "will become an error in version 1.7 release, please fix the code in advance",
                UserWarning,
                stacklevel=4,
            )
        return low, high
    info = (0, 1) if name == "bool" else (int(np.iinfo(dt).min), int(np.iinfo(dt).max))
    if not info[0] <= low <= info[1]:
        raise RuntimeError(f"from is out of bounds for {_C_TYPE[name]}")
    if not info[0] <= high - 1 <= info[1]:
        raise RuntimeError(f"to - 1 is out of bounds for {_C_TYPE[name]}")
    return low, high


def randint_array(
    low: int,
    high: int,
    shape: int | Sequence[int],
    generator: Generator | None = None,
    np_dtype: Any = np.int64,
) -> np.ndarray:
    """What ``torch.randint(low, high, shape)`` draws: ``low + w mod (high - low)``.

    ``w`` is one 32-bit word, or a 64-bit pair when ``high - low >= 2**28``. The values are computed as int64 and
    then converted to ``np_dtype`` (int64 by default; torch also allows other int, bool and float dtypes). For a
    float dtype torch first moves bounds the dtype cannot represent inwards (:func:`_to_float_grid`).

    Raises:
        RuntimeError: if ``low >= high`` or the bounds do not fit the dtype (torch's messages).
        ValueError: if a bound does not fit in int64 (``Overflow when unpacking long long``).
    """
    low, high = operator.index(low), operator.index(high)
    for bound in (low, high):
        if not -(2**63) <= bound < 2**63:
            raise ValueError("Overflow when unpacking long long")
    dt = np.dtype(np_dtype)
    low, high = _check_int_bounds(low, high, dt)
    dims = _shape(shape)
    count = math.prod(dims)
    gen = _gen(generator)
    span = high - low
    words = gen._words(count).astype(np.uint64) if span < 2**28 else gen._words64(count)
    values = (words % np.uint64(span) + np.uint64(low % 2**64)).view(np.int64)  # wraps back into int64
    return values.astype(dt).reshape(dims)


def exponential_array(shape: tuple[int, ...], np_dtype: Any, generator: Generator | None = None) -> np.ndarray:
    """What ``empty(shape).exponential_()`` draws: ``-log1p(-u)`` per element from float64 uniforms ``u``
    (float64 even for a float32 result, as torch's CPU kernel does), cast to the dtype."""
    u = _gen(generator)._unit_float64(int(np.prod(shape, dtype=np.int64)))
    return (-np.log1p(-u)).astype(np_dtype).reshape(shape)


def multinomial_array(
    probs: np.ndarray, num_samples: int, replacement: bool = False, generator: Generator | None = None
) -> np.ndarray:
    """Indices drawn from each row of ``probs`` (weights, not necessarily normalised), as torch's CPU kernel.

    Without replacement, or for a single sample, torch draws ``q ~ Exp(1)`` per weight and takes the
    ``num_samples`` largest ``p / q`` (argmax for one sample). With replacement it normalises each row's
    cumulative sum and places one float64 uniform per sample by binary search (the first index whose
    cumulative probability is >= the uniform).
    """
    rows = probs.reshape(-1, probs.shape[-1])
    if not replacement or num_samples == 1:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = rows / exponential_array(rows.shape, rows.dtype, generator)
        if num_samples == 1:
            picked = np.argmax(ratio, axis=-1)[:, None]
        else:
            picked = np.argsort(-ratio, axis=-1, kind="stable")[:, :num_samples]
    else:
        gen = _gen(generator)
        picked = np.empty((rows.shape[0], num_samples), np.int64)
        for i, row in enumerate(rows):
            cum = np.cumsum(row, dtype=row.dtype)
            cum = (cum / cum[-1]).astype(np.float64)
            picked[i] = np.searchsorted(cum, gen._unit_float64(num_samples), side="left")
    return picked.astype(np.int64).reshape(probs.shape[:-1] + (num_samples,))


def _check_multinomial(probs: np.ndarray, num_samples: int, replacement: bool) -> None:
    """torch's checks and messages for multinomial's arguments."""
    if probs.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if not np.issubdtype(probs.dtype, np.floating):
        name = {np.dtype(np.int64): "Long", np.dtype(np.int32): "Int", np.dtype(np.bool_): "Bool"}.get(
            probs.dtype, str(probs.dtype)
        )
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: {name}")
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and num_samples > probs.shape[-1]:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    if not np.all(np.isfinite(probs)) or np.any(probs < 0):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    if np.any(probs.reshape(-1, probs.shape[-1]).sum(axis=-1) <= 0):
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")


def randperm_array(n: int, generator: Generator | None = None, np_dtype: Any = np.int64) -> np.ndarray:
    """What ``torch.randperm(n)`` draws: Fisher-Yates with ``j = i + w mod (n - i)`` for ``i < n - 1``.

    Raises:
        RuntimeError: if ``n`` is negative.
    """
    n = operator.index(n)
    if n < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {n}: [{n}]")
    words = _gen(generator)._words(max(n - 1, 0)).tolist()
    perm = list(range(n))
    for i, word in enumerate(words):
        j = i + word % (n - i)
        perm[i], perm[j] = perm[j], perm[i]
    return np.array(perm, dtype=np.int64).astype(np.dtype(np_dtype))


def random64_draw(generator: Generator | None = None) -> int:
    """What ``torch.empty((), dtype=torch.int64).random_(generator=g).item()`` returns: ``w64 mod 2**63``.

    torch's ``RandomSampler`` and ``DataLoader`` draw their seeds this way.
    """
    return int(_gen(generator)._words64(1)[0] % np.uint64(2**63))


def bernoulli_array(
    shape: int | Sequence[int], p: float, np_dtype: Any = np.float32, generator: Generator | None = None
) -> np.ndarray:
    """What ``tensor.bernoulli_(p)`` draws: 1 where a float64 uniform is below ``p``, else 0.

    ``F.dropout(x, p)`` in training mode is ``x * (bernoulli_array(x.shape, 1 - p, x.dtype) / dtype(1 - p))``.

    Raises:
        RuntimeError: if ``p`` is outside [0, 1] (``bernoulli_ expects p to be in [0, 1], but got p=1.5``).
    """
    p = float(p)
    if not 0.0 <= p <= 1.0:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p:g}")
    dims = _shape(shape)
    return (_gen(generator)._unit_float64(math.prod(dims)) < p).astype(np.dtype(np_dtype)).reshape(dims)


# ------------------------------------------------------------------------------------------ Tensor level


def _size_args(name: str, size: tuple[Any, ...]) -> tuple[int, ...]:
    """torch's ``*size`` parsing: ints, or one tuple/list/Size of ints; negative sizes are errors."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    dims: list[int] = []
    for position, item in enumerate(size, start=1):
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)):
            raise TypeError(f"{name}(): argument 'size' (position {position}) must be tuple of ints, not "
                            f"{type(item).__name__}")
        dims.append(int(item))
    negative = [d for d in dims if d < 0]
    if negative:
        raise RuntimeError(f"Trying to create tensor with negative dimension {negative[0]}: {dims}")
    return tuple(dims)


def _resolve_dtype(dtype: dtypes.dtype | None) -> dtypes.dtype:
    return dtypes.get_default_dtype() if dtype is None else dtype


def _on_cpu(device: Any) -> None:
    """Accept ``device=None`` or the CPU; other devices fail as in a CPU-only torch build."""
    if device is not None:
        check_device(device)


def _wrap(array: np.ndarray, requires_grad: bool) -> Tensor:
    """A new leaf Tensor holding ``array``."""
    from minitorch_scalar.tensor import from_array

    return from_array(array, requires_grad=requires_grad)


def _sized(
    name: str,
    draw: Callable[..., np.ndarray],
    size: tuple[Any, ...],
    keywords: dict[str, Any],
    generator: Generator | None,
    dtype: dtypes.dtype | None,
    requires_grad: bool,
    device: Any,
) -> Tensor:
    """Shared body of :func:`rand` and :func:`randn`: parse ``*size`` (or ``size=``) as torch does, then draw."""
    _on_cpu(device)
    if set(keywords) - {"size"} or (size and keywords) or not (size or keywords):
        raise _invalid_combination(name, size, keywords)
    dims = _size_args(name, size or (keywords["size"],))
    return _wrap(draw(dims, _resolve_dtype(dtype).np, generator), requires_grad)


def rand(
    *size: Any,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
    **keywords: Any,
) -> Tensor:
    """``torch.rand(*size, generator=None, dtype=None, requires_grad=False, device=None)``: uniform in [0, 1).

    ``size`` is ints or one tuple/list (also ``size=``). Every Tensor-level function here takes ``device=`` so
    scripts written for torch run unchanged: None or the CPU is accepted; CUDA raises ``AssertionError: Torch not
    compiled with CUDA enabled``, as a CPU-only torch does.

    Raises:
        TypeError: for sizes that are not ints (torch's messages).
        RuntimeError: for a negative size.
    """
    return _sized("rand", rand_array, size, keywords, generator, dtype, requires_grad, device)


def randn(
    *size: Any,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
    **keywords: Any,
) -> Tensor:
    """``torch.randn(*size, generator=None, dtype=None, requires_grad=False, device=None)``: standard normal.

    Arguments and errors as :func:`rand`; the values are :func:`randn_array`'s.
    """
    return _sized("randn", randn_array, size, keywords, generator, dtype, requires_grad, device)


def _like_dtype(input: Tensor, dtype: dtypes.dtype | None) -> dtypes.dtype:
    return input.dtype if dtype is None else dtype


def rand_like(
    input: Tensor,  # noqa: A002 - torch's argument name
    *,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
) -> Tensor:
    """:func:`rand` with ``input``'s shape and (unless given) dtype."""
    _on_cpu(device)
    return _wrap(rand_array(tuple(input.shape), _like_dtype(input, dtype).np, generator), requires_grad)


def randn_like(
    input: Tensor,  # noqa: A002 - torch's argument name
    *,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
) -> Tensor:
    """:func:`randn` with ``input``'s shape and (unless given) dtype."""
    _on_cpu(device)
    return _wrap(randn_array(tuple(input.shape), _like_dtype(input, dtype).np, generator), requires_grad)


_FACTORY_TAIL = (
    "torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, "
    "bool requires_grad = False)"
)
_SIGNATURES = {
    "rand": ("(tuple of ints size, *, ", ""),
    "randint": ("(int high, tuple of ints size, *, ", "(int low, int high, tuple of ints size, *, "),
}


def _invalid_combination(name: str, args: tuple[Any, ...], keywords: dict[str, Any] | None = None) -> TypeError:
    """torch's ``received an invalid combination of arguments`` error, listing its overloads."""
    heads = [h for h in _SIGNATURES["randint" if name == "randint" else "rand"] if h]
    lines = []
    for head in heads:
        lines.append(f" * {head}torch.Generator generator, Tensor out = None, {_FACTORY_TAIL}\n")
        lines.append(f" * {head}Tensor out = None, {_FACTORY_TAIL}\n")
    got = ", ".join([type(a).__name__ for a in args] + [f"{k}={type(v).__name__}" for k, v in (keywords or {}).items()])
    return TypeError(f"{name}() received an invalid combination of arguments - got ({got}), but expected one of:\n"
                     + "".join(lines))


def randint(
    *args: Any,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
    **keywords: Any,
) -> Tensor:
    """``torch.randint(low=0, high, size, *, generator=None, dtype=None, requires_grad=False)``.

    Called as ``randint(high, size)`` or ``randint(low, high, size)``; the result is int64 unless ``dtype`` says
    otherwise.

    Raises:
        TypeError: for other argument patterns, or a ``size`` that is not a tuple of ints.
        RuntimeError: for ``low >= high`` or bounds outside the dtype (torch's messages).
    """
    _on_cpu(device)
    low, high, size = _randint_args(_merge_keywords(args, keywords, ("low", "high", "size")))
    target = dtypes.int64 if dtype is None else dtype
    return _wrap(randint_array(low, high, size, generator, target.np), requires_grad)


def _merge_keywords(args: tuple[Any, ...], keywords: dict[str, Any], names: tuple[str, ...]) -> tuple[Any, ...]:
    """Positional arguments followed by the keyword ones, in the order of ``names`` (``low``, ``high``, ...).

    Raises:
        TypeError: for an unknown keyword.
    """
    unknown = set(keywords) - set(names)
    if unknown:
        raise TypeError(f"got an unexpected keyword argument '{sorted(unknown)[0]}'")
    return args + tuple(keywords[n] for n in names if n in keywords)


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _randint_args(args: tuple[Any, ...]) -> tuple[int, int, tuple[int, ...]]:
    """Split ``randint``'s positional arguments into ``(low, high, size)``."""
    if len(args) == 2 and _is_int(args[0]) and _is_int(args[1]):
        raise TypeError(f"randint(): argument 'size' (position 2) must be tuple of ints, not {type(args[1]).__name__}")
    if len(args) in (2, 3) and all(_is_int(a) for a in args[:-1]) and isinstance(args[-1], (tuple, list)):
        dims = _size_args("randint", (tuple(args[-1]),))
        low, high = (0, args[0]) if len(args) == 2 else (args[0], args[1])
        return int(low), int(high), dims
    raise _invalid_combination("randint", args)


def randint_like(
    input: Tensor,  # noqa: A002 - torch's argument name
    *args: int,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
    **keywords: int,
) -> Tensor:
    """``torch.randint_like(input, low=0, high)``: :func:`randint` with ``input``'s shape and dtype.

    Raises:
        TypeError: unless given ``high`` or ``low, high`` (positionally or by keyword).
    """
    _on_cpu(device)
    bounds = _merge_keywords(args, keywords, ("low", "high"))
    if len(bounds) not in (1, 2) or not all(_is_int(b) for b in bounds):
        raise TypeError(f"randint_like() expects (high) or (low, high) as ints, got {bounds}")
    low, high = (0, bounds[0]) if len(bounds) == 1 else bounds
    target = _like_dtype(input, dtype)
    return _wrap(randint_array(low, high, tuple(input.shape), generator, target.np), requires_grad)


_NORMAL_OVERLOADS = (
    " * (Tensor mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)\n"
    " * (Tensor mean, float std = 1, *, torch.Generator generator = None, Tensor out = None)\n"
    " * (float mean, Tensor std, *, torch.Generator generator = None, Tensor out = None)\n"
    " * (float mean, float std, tuple of ints size, *, torch.Generator generator = None, Tensor out = None, "
    + _FACTORY_TAIL
    + "\n"
)


def normal(
    mean: Tensor | float,
    std: Tensor | float = 1.0,
    size: Sequence[int] | None = None,
    *,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
) -> Tensor:
    """``torch.normal``: normal values with the given mean and standard deviation.

    Overloads (as torch): ``normal(float mean, float std, size)`` draws ``normal_(mean, std)`` of that size (see
    :func:`normal_array`); with a Tensor ``mean`` and/or ``std`` the result has their broadcast shape and promoted
    dtype and is ``z * std + mean`` rounded after each step, where ``z`` is ``normal_(0, std)`` for a float ``std``
    and ``normal_(0, 1)`` otherwise. Its grad_fn is ``NormalBackward1`` (mean a Tensor), ``NormalBackward2`` (std)
    or ``NormalBackward3`` (both); torch defines all these gradients as zero.

    Raises:
        TypeError: for argument combinations torch has no overload for.
        RuntimeError: for a negative std (torch's messages), or shapes that do not broadcast.
        NotImplementedError: for a non-floating dtype.
    """
    from minitorch_scalar.tensor import Tensor

    _on_cpu(device)
    tensors = [isinstance(mean, Tensor), isinstance(std, Tensor)]
    if not any(tensors):
        if size is None:
            raise _normal_overload_error((mean, std))
        dims = _size_args("normal", (tuple(size),))
        return _wrap(normal_array(dims, float(mean), float(std), _resolve_dtype(dtype).np, generator), requires_grad)
    if size is not None:
        raise _normal_overload_error((mean, std, size))
    return _normal_tensors(mean, std, generator)


def _normal_overload_error(args: tuple[Any, ...]) -> TypeError:
    got = ", ".join("Tensor" if hasattr(a, "grad_fn") else type(a).__name__ for a in args)
    return TypeError(f"normal() received an invalid combination of arguments - got ({got}), but expected one of:\n"
                     + _NORMAL_OVERLOADS)


def _normal_tensors(mean: Any, std: Any, generator: Generator | None) -> Tensor:
    """The Tensor overloads of :func:`normal` (see there)."""
    from minitorch_scalar.autograd import record
    from minitorch_scalar.tensor import Tensor
    from minitorch_scalar.tensor_ops import _broadcast_error

    inputs = [x for x in (mean, std) if isinstance(x, Tensor)]
    result = inputs[0].dtype if len(inputs) == 1 else dtypes.promote_types(inputs[0].dtype, inputs[1].dtype)
    dt = _float_dtype(result.np, "normal_kernel_cpu")
    mean_arr = mean.detach().numpy().astype(dt) if isinstance(mean, Tensor) else dt.type(mean)
    std_arr = std.detach().numpy().astype(dt) if isinstance(std, Tensor) else dt.type(std)
    shapes = [tuple(np.shape(mean_arr)), tuple(np.shape(std_arr))]
    try:
        dims = np.broadcast_shapes(*shapes)
    except ValueError:
        _broadcast_error(shapes)
    if isinstance(std, Tensor):
        if not (std_arr >= 0).all():
            raise RuntimeError("normal expects all elements of std >= 0.0")
        drawn = normal_array(dims, 0.0, 1.0, dt, generator) * std_arr + mean_arr
    else:
        drawn = normal_array(dims, 0.0, float(std), dt, generator) + mean_arr
    name = {(True, False): "NormalBackward1", (False, True): "NormalBackward2", (True, True): "NormalBackward3"}[
        (isinstance(mean, Tensor), isinstance(std, Tensor))
    ]
    meta = tuple((tuple(t.shape), t.dtype.np) for t in inputs)
    return record(name, np.asarray(drawn, dtype=dt), tuple(inputs), saved=meta, backward=_zero_grads)


def _zero_grads(m: Any, grad: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Backward of nodes torch defines with zero gradients: one zero array per input (``saved``: shape, dtype)."""
    return tuple(m.zeros(shape, dt) if need else None for (shape, dt), need in zip(saved, needs, strict=True))


def bernoulli(
    input: Tensor,  # noqa: A002 - torch's argument name
    p: float | None = None,
    *,
    generator: Generator | None = None,
) -> Tensor:
    """``torch.bernoulli(input)``: 1 where a uniform of input's dtype is below ``input``'s probability, else 0.

    With ``p`` (``torch.bernoulli(input, p)``) every element uses probability ``p`` and a float64 uniform, as
    ``bernoulli_(p)``; that form is not differentiable (torch records a ``NotImplemented`` node, we record none).
    The probability form records ``BernoulliBackward0`` (gradient zero) when ``input`` requires grad.

    Raises:
        NotImplementedError: for a non-floating ``input`` (torch's message).
        RuntimeError: for probabilities outside [0, 1].
    """
    from minitorch_scalar.autograd import record

    probs = input.detach().numpy()
    dims = tuple(probs.shape)
    if p is not None:
        return _wrap(bernoulli_array(dims, p, probs.dtype, generator), False)
    if probs.dtype.kind != "f":
        name = dtypes.from_numpy(probs.dtype).name
        raise NotImplementedError(f'"bernoulli_tensor_cpu_p_" not implemented for \'{_SCALAR_TYPE[name]}\'')
    if not ((probs >= 0) & (probs <= 1)).all():
        raise RuntimeError(
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  "
            "If so, please report an enhancement request to PyTorch.)"
        )
    gen = _gen(generator)
    count = probs.size
    uniforms = gen._unit_float64(count) if probs.dtype == np.float64 else gen._unit_float32(count)
    drawn = (uniforms.reshape(dims) < probs).astype(probs.dtype)
    return record("BernoulliBackward0", drawn, (input,), saved=((dims, probs.dtype),), backward=_zero_grads)


def randperm(
    n: int,
    *,
    generator: Generator | None = None,
    dtype: dtypes.dtype | None = None,
    requires_grad: bool = False,
    device: Any = None,
) -> Tensor:
    """``torch.randperm(n)``: a random permutation of ``0 .. n-1`` (int64 unless ``dtype`` is given)."""
    _on_cpu(device)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"randperm(): argument 'n' (position 1) must be int, not {type(n).__name__}")
    target = dtypes.int64 if dtype is None else dtype
    return _wrap(randperm_array(n, generator, target.np), requires_grad)


def multinomial(
    input: Tensor,  # noqa: A002 - torch's argument name
    num_samples: int,
    replacement: bool = False,
    *,
    generator: Generator | None = None,
) -> Tensor:
    """``torch.multinomial``: sample category indices from each row of ``input`` (int64, no gradient)."""
    from minitorch_scalar.tensor import Tensor as _Tensor

    if not isinstance(input, _Tensor):
        raise TypeError(f"multinomial(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    probs = input.detach().numpy()
    _check_multinomial(probs, int(num_samples), bool(replacement))
    return _wrap(multinomial_array(probs, int(num_samples), bool(replacement), generator), False)
