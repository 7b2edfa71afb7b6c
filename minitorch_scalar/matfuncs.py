"""Matrix functions of the top-level torch namespace: einsum, tensordot, inner, vdot, kron, cdist, the addmm
family (addmv, addr, baddbmm, addbmm), and torch's older names for torch.linalg functions (inverse, det,
logdet, slogdet, pinverse, svd, qr, cholesky, norm, cross, matrix_power, chain_matmul).

einsum and tensordot are compositions of recorded ops (diagonal, permute, sum, mul, bmm, view), in the
order torch composes them, so their gradients (and higher-order ones) come from those ops and the result
shows the grad_fn torch shows: PermuteBackward0 or SumBackward1 for one operand, MulBackward0 when nothing
is contracted, else ViewBackward0.
"""

from __future__ import annotations

import math
import string
import warnings
from typing import Any

import numpy as np

from minitorch_scalar import dtypes, linalg
from minitorch_scalar import tensor_ops as _ops
from minitorch_scalar.autograd import OUTPUT, record
from minitorch_scalar.tensor import Tensor

_LETTERS = frozenset(string.ascii_letters)
_ELLIPSIS = "..."


# ----------------------------------------------------------------------------------------------
# einsum
# ----------------------------------------------------------------------------------------------


def _parse_term(term: str, start: int, operand: int | None) -> list[str]:
    """The labels of one subscript term, ``...`` kept as one item; ``start`` is the term's index in the equation."""
    labels: list[str] = []
    i = 0
    while i < len(term):
        c = term[i]
        if c == ".":
            if term[i : i + 3] != _ELLIPSIS or _ELLIPSIS in labels:
                where = f"for operand {operand}" if operand is not None else "in the output"
                raise RuntimeError(f"einsum(): found '.' {where} that is not part of any ellipsis")
            labels.append(_ELLIPSIS)
            i += 3
            continue
        if c not in _LETTERS:
            raise RuntimeError(
                f"einsum(): invalid subscript given at index {start + i} in the equation string, subscripts must be "
                "in [a-zA-Z]"
            )
        labels.append(c)
        i += 1
    return labels


def _expand_ellipsis(labels: list[str], ndim: int, ell_ndim: int) -> list[str]:
    """Replace ``...`` by one label per dim it covers, right-aligned to the widest ellipsis (``ell_ndim`` dims)."""
    if _ELLIPSIS not in labels:
        return labels
    at = labels.index(_ELLIPSIS)
    covered = ndim - (len(labels) - 1)
    return labels[:at] + [f"...{ell_ndim - covered + j}" for j in range(covered)] + labels[at + 1 :]


def _einsum_operands(args: tuple[Any, ...]) -> tuple[str, list[Tensor]]:
    if not args or not isinstance(args[0], str):
        raise TypeError("einsum(): must specify the equation string and at least one operand")
    ops = list(args[1:])
    if len(ops) == 1 and isinstance(ops[0], (list, tuple)):
        ops = list(ops[0])
    for i, t in enumerate(ops):
        if not isinstance(t, Tensor):
            raise TypeError(f"einsum(): argument 'operands' must be tuple of Tensors, but found element of type "
                            f"{type(t).__name__} at pos {i}")
    return args[0], ops


def einsum(*args: Any) -> Tensor:
    """Sum of products over the subscripts an equation names, e.g. ``einsum('ij,jk->ik', a, b)`` is ``a @ b``.

    ``out[output labels] = sum over the other labels of prod_k operand_k[its labels]``. A label repeated within
    one operand takes a diagonal; ``...`` stands for broadcast dims; without ``->`` the output is the ellipsis
    dims, then every label used once, in alphabetical order. Operands come as varargs or one list.
    """
    equation, ops = _einsum_operands(args)
    eq = equation.replace(" ", "")
    lhs, arrow, rhs = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) > len(ops):
        raise RuntimeError("einsum(): fewer operands were provided than specified in the equation")
    if len(terms) < len(ops):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    for t in ops[1:]:
        if t._dtype is not ops[0]._dtype:
            raise RuntimeError(f"expected scalar type {_ops._scalar_name(ops[0]._dtype)} but found "
                               f"{_ops._scalar_name(t._dtype)}")
    parsed: list[list[str]] = []
    start = 0
    for k, term in enumerate(terms):
        parsed.append(_parse_term(term, start, k))
        start += len(term) + 1
    ell_ndim = 0
    for k, (labels, t) in enumerate(zip(parsed, ops)):
        named = len(labels) - (1 if _ELLIPSIS in labels else 0)
        nd = t._data.ndim
        if _ELLIPSIS not in labels and named != nd:
            raise RuntimeError(
                f"einsum(): the number of subscripts in the equation ({named}) does not match the number of "
                f"dimensions ({nd}) for operand {k} and no ellipsis was given"
            )
        if named > nd:
            raise RuntimeError(
                f"einsum(): the number of subscripts in the equation ({named}) is more than the number of "
                f"dimensions ({nd}) for operand {k}"
            )
        if _ELLIPSIS in labels:
            ell_ndim = max(ell_ndim, nd - named)
    full = [_expand_ellipsis(labels, t._data.ndim, ell_ndim) for labels, t in zip(parsed, ops)]
    sizes = _label_sizes(full, ops)
    out_labels = _output_labels(rhs if arrow else None, parsed, ell_ndim, len(lhs) + 2)
    contracted: list[str] = []
    for labels in full:
        for lab in labels:
            if lab not in out_labels and lab not in contracted:
                contracted.append(lab)
    order = out_labels + contracted
    prepared = [_take_diagonals(t, labels) for t, labels in zip(ops, full)]
    if len(ops) == 1:
        x, labels = prepared[0]
        res = _ops.permute(x, *[labels.index(lab) for lab in order])
        return res.sum(tuple(range(len(out_labels), len(order)))) if contracted else res
    aligned = [_align(x, labels, order) for x, labels in prepared]
    last_use = {lab: max(k for k, (_, labels) in enumerate(prepared) if lab in labels) for lab in contracted}
    result = aligned[0]
    summed: set[str] = set()
    for k in range(1, len(aligned)):
        due = [lab for lab in contracted if last_use[lab] <= k and lab not in summed]
        summed.update(due)
        result = _sumproduct_pair(result, aligned[k], [order.index(lab) for lab in due])
    if contracted:
        return result.reshape(tuple(sizes[lab] for lab in out_labels))
    return result


def _label_sizes(full: list[list[str]], ops: list[Tensor]) -> dict[str, int]:
    """Each label's size, checking that sizes agree (or broadcast from 1) across and within operands."""
    sizes: dict[str, int] = {}
    for k, (labels, t) in enumerate(zip(full, ops)):
        mine: dict[str, int] = {}
        for lab, n in zip(labels, t._data.shape):
            if lab in mine and mine[lab] != n:
                raise RuntimeError(
                    f"einsum(): subscript {lab} is repeated for operand {k} but the sizes don't match, {n} != "
                    f"{mine[lab]}"
                )
            mine[lab] = n
        for lab, n in mine.items():
            seen = sizes.get(lab)
            if seen is not None and n != seen and n != 1 and seen != 1:
                shown = "..." if lab.startswith(_ELLIPSIS) else lab
                raise RuntimeError(
                    f"einsum(): subscript {shown} has size {n} for operand {k} which does not broadcast with "
                    f"previously seen size {seen}"
                )
            sizes[lab] = n if seen is None or seen == 1 else seen
    return sizes


def _output_labels(rhs: str | None, parsed: list[list[str]], ell_ndim: int, start: int) -> list[str]:
    """The output's labels: given after ``->``, or the ellipsis dims then the labels used exactly once, sorted."""
    ell = [f"...{j}" for j in range(ell_ndim)]
    if rhs is None:
        counts: dict[str, int] = {}
        for labels in parsed:
            for lab in labels:
                if lab != _ELLIPSIS:
                    counts[lab] = counts.get(lab, 0) + 1
        return ell + sorted(lab for lab, c in counts.items() if c == 1)
    wanted = _parse_term(rhs, start, None)
    seen_in = {lab for labels in parsed for lab in labels}
    out: list[str] = []
    for lab in wanted:
        if lab == _ELLIPSIS:
            out.extend(ell)
            continue
        if lab not in seen_in:
            raise RuntimeError(f"einsum(): output subscript {lab} does not appear in the equation for any input "
                               "operand")
        if lab in out:
            raise RuntimeError(f"einsum(): output subscript {lab} appears more than once in the output")
        out.append(lab)
    return out


def _take_diagonals(x: Tensor, labels: list[str]) -> tuple[Tensor, list[str]]:
    """Replace each repeated label by its diagonal (which becomes the last dim)."""
    labels = list(labels)
    while len(set(labels)) < len(labels):
        lab = next(a for i, a in enumerate(labels) if a in labels[:i])
        first = labels.index(lab)
        second = labels.index(lab, first + 1)
        x = _ops.diagonal(x, 0, first, second)
        labels = [a for i, a in enumerate(labels) if i not in (first, second)] + [lab]
    return x, labels


def _align(x: Tensor, labels: list[str], order: list[str]) -> Tensor:
    """``x`` with its dims in ``order`` and a size-1 dim for each label it lacks."""
    mine = [lab for lab in order if lab in labels]
    x = _ops.permute(x, *[labels.index(lab) for lab in mine])
    shape = tuple(x._data.shape[mine.index(lab)] if lab in labels else 1 for lab in order)
    return x.reshape(shape) if shape != x._data.shape else x


def _sumproduct_pair(left: Tensor, right: Tensor, sum_dims: list[int]) -> Tensor:
    """``sum over sum_dims of left * right`` (dims kept as size 1), as one batched matrix product.

    Dims of size > 1 in both become the batch, dims only ``left`` has become rows, the rest columns.
    """
    sum_dims = list(sum_dims)
    for d in list(sum_dims):
        ls, rs = left._data.shape[d], right._data.shape[d]
        if ls == 1 or rs == 1:  # a side without the dim: sum the other side first
            if rs != 1:
                right = right.sum(d, keepdim=True)
            elif ls != 1:
                left = left.sum(d, keepdim=True)
            sum_dims.remove(d)
    if not sum_dims:
        return left * right
    batch: list[int] = []
    rows: list[int] = []
    cols: list[int] = []
    for d in range(left._data.ndim):
        if d in sum_dims:
            continue
        big_l, big_r = left._data.shape[d] > 1, right._data.shape[d] > 1
        (batch if big_l and big_r else rows if big_l else cols).append(d)

    def size(t: Tensor, dims: list[int]) -> int:
        return math.prod(t._data.shape[d] for d in dims)

    n_b, n_r, n_s, n_c = size(left, batch), size(left, rows), size(left, sum_dims), size(right, cols)
    lp = _ops.permute(left, *(batch + rows + sum_dims + cols)).reshape(n_b, n_r, n_s)
    rp = _ops.permute(right, *(batch + sum_dims + cols + rows)).reshape(n_b, n_s, n_c)
    prod = _ops.bmm(lp, rp)
    shape = ([left._data.shape[d] for d in batch + rows] + [1] * len(sum_dims)
             + [right._data.shape[d] for d in cols])
    placed = batch + rows + sum_dims + cols
    back = [placed.index(d) for d in range(left._data.ndim)]
    return _ops.permute(prod.reshape(tuple(shape)), *back)


# ----------------------------------------------------------------------------------------------
# tensordot, inner, vdot, kron
# ----------------------------------------------------------------------------------------------


def _tensordot_dims(a: Tensor, b: Tensor, dims: Any) -> tuple[list[int], list[int]]:
    if isinstance(dims, Tensor):
        dims = dims.tolist()
    if isinstance(dims, (int, np.integer)):
        n = int(dims)
        if n < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={n}")
        if n > a._data.ndim or n > b._data.ndim:
            raise RuntimeError(f"tensordot expects dims < ndim_a or ndim_b, but got dims={n}")
        return list(range(a._data.ndim - n, a._data.ndim)), list(range(n))
    da, db = dims
    da = [da] if isinstance(da, int) else list(da)
    db = [db] if isinstance(db, int) else list(db)
    if len(da) != len(db):
        raise RuntimeError("both dimension lists should have same length")
    return ([_ops.wrap_dim(int(d), a._data.ndim) for d in da], [_ops.wrap_dim(int(d), b._data.ndim) for d in db])


def tensordot(a: Tensor, b: Tensor, dims: Any = 2) -> Tensor:
    """Contract ``a``'s dims ``dims[0]`` with ``b``'s ``dims[1]`` (an int n: a's last n with b's first n), as one
    matrix product of the reshaped operands (ViewBackward0)."""
    _ops.check_operand("tensordot", a, 1, "a")
    _ops.check_operand("tensordot", b, 2, "b")
    ca, cb = _tensordot_dims(a, b, dims)
    for i, j in zip(ca, cb):
        if a._data.shape[i] != b._data.shape[j]:
            raise RuntimeError(
                f"contracted dimensions need to match, but first has size {a._data.shape[i]} in dim {i} and second "
                f"has size {b._data.shape[j]} in dim {j}"
            )
    fa = [d for d in range(a._data.ndim) if d not in ca]
    fb = [d for d in range(b._data.ndim) if d not in cb]
    k = math.prod(a._data.shape[d] for d in ca)
    am = _ops.permute(a, *(fa + ca)).reshape(math.prod(a._data.shape[d] for d in fa), k)
    bm = _ops.permute(b, *(cb + fb)).reshape(k, math.prod(b._data.shape[d] for d in fb))
    shape = tuple(a._data.shape[d] for d in fa) + tuple(b._data.shape[d] for d in fb)
    return _ops.mm(am, bm).reshape(shape)


def inner(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Sum of products over the last dim of both (a product when either is 0-d)."""
    _ops.check_operand("inner", input)
    _ops.check_operand("inner", other, 2, "other")
    if input._data.ndim == 0 or other._data.ndim == 0:
        return input * other
    if input._data.shape[-1] != other._data.shape[-1]:
        raise RuntimeError(
            f"inner() the last dimension must match on both input tensors but got shapes {list(input.shape)} and "
            f"{list(other.shape)}"
        )
    return tensordot(input, other, ([-1], [-1]))


def _vdot_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """s = a . b: G_a = G b, G_b = G a."""
    a, b = s
    return (g * b if needs[0] else None, g * a if needs[1] else None)


def vdot(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """The dot product of two 1-D tensors (conjugating the first, a no-op for real dtypes) (VdotBackward0)."""
    _ops.check_operand("vdot", input)
    _ops.check_operand("vdot", other, 2, "other")
    a, b = input._data, other._data
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if input._dtype is not other._dtype:
        raise RuntimeError(
            f"vdot : expected both vectors to have same dtype, but found {_ops._scalar_name(input._dtype)} and "
            f"{_ops._scalar_name(other._dtype)}"
        )
    if a.shape != b.shape:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{a.shape[0]}] and src [{b.shape[0]}] to have the same number "
            f"of elements, but got {a.shape[0]} and {b.shape[0]} elements respectively"
        )
    return record("VdotBackward0", np.asarray(np.dot(a, b)), (input, other), (input, other), _vdot_vjp)


def _unsafe_view_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """A reshape: the grad in the input's shape."""
    return (m.reshape(g, s[0]),)


def kron(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """The Kronecker product: ``out[i*m + k, j*n + l] = a[i, j] * b[k, l]`` for any ranks (UnsafeViewBackward0)."""
    _ops.check_operand("kron", input)
    _ops.check_operand("kron", other, 2, "other")
    nd = max(input._data.ndim, other._data.ndim)
    sa = (1,) * (nd - input._data.ndim) + input._data.shape
    sb = (1,) * (nd - other._data.ndim) + other._data.shape
    inter_a = tuple(v for n in sa for v in (n, 1))
    inter_b = tuple(v for n in sb for v in (1, n))
    prod = input.reshape(inter_a) * other.reshape(inter_b)
    shape = tuple(x * y for x, y in zip(sa, sb))
    return record("UnsafeViewBackward0", prod._data.reshape(shape), (prod,), (prod._data.shape,), _unsafe_view_vjp,
                  frees=False)


# ----------------------------------------------------------------------------------------------
# cdist
# ----------------------------------------------------------------------------------------------


def _cdist_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """D_ij = ||x1_i - x2_j||_p: dD_ij/dx1_i = sign(d) |d|^(p-1) / D^(p-1) with d = x1_i - x2_j (0 where D = 0),
    and the negative for x2_j; p = inf keeps only the entries where |d| = D; p = 0 has gradient 0."""
    x1, x2, out, p, s1, s2, dt = s
    diff = m.reshape(x1, tuple(x1.shape[:-1]) + (1, x1.shape[-1])) - m.reshape(
        x2, tuple(x2.shape[:-2]) + (1,) + tuple(x2.shape[-2:]))
    oa = out._data if isinstance(out, Tensor) else out
    da = diff._data if isinstance(diff, Tensor) else diff
    up = m.reshape(g, tuple(oa.shape) + (1,))
    if p == 0:
        local: Any = m.zeros(da.shape, dt)
    elif math.isinf(p):
        local = m.sign(diff) * m.const((np.abs(da) == oa[..., None]).astype(dt))
    elif p == 1:
        local = m.sign(diff)
    else:
        zero = oa[..., None] == 0
        safe = m.where(m.const(zero), 1.0, m.reshape(out, tuple(oa.shape) + (1,)))
        if p == 2:
            local = m.div(diff, safe)
        else:
            local = m.sign(diff) * m.div(m.pow(m.abs(diff), p - 1.0), m.pow(safe, p - 1.0))
        local = m.where(m.const(np.broadcast_to(zero, da.shape)), 0.0, local)
    full = up * local
    g1 = m.sum_to(m.sum(full, (-2,), False), s1, dt) if needs[0] else None
    g2 = m.sum_to(-m.sum(full, (-3,), False), s2, dt) if needs[1] else None
    return (g1, g2)


def cdist(x1: Tensor, x2: Tensor, p: float = 2.0, compute_mode: str = "use_mm_for_euclid_dist_if_necessary") -> Tensor:
    """The p-norm distance between each row of ``x1`` and each row of ``x2`` (batch dims broadcast)
    (CdistBackward0). For p = 2 with more than 25 rows, as torch, from ``|a|^2 + |b|^2 - 2 a.b``."""
    _ops.check_operand("cdist", x1, 1, "x1")
    _ops.check_operand("cdist", x2, 2, "x2")
    a, b = x1._data, x2._data
    for name, arr in (("X1", a), ("X2", b)):
        if arr.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: {arr.ndim}D")
    for name, t in (("X1", x1), ("X2", x2)):
        if not t._dtype.is_floating_point:
            raise RuntimeError(f"cdist only supports floating-point dtypes, {name} got: {_ops._scalar_name(t._dtype)}")
    if a.shape[-1] != b.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: {a.shape[-1]} X2: {b.shape[-1]}")
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")
    dt = _ops.result_dtype([x1, x2]).np
    a, b = a.astype(dt, copy=False), b.astype(dt, copy=False)
    use_mm = p == 2 and (compute_mode == "use_mm_for_euclid_dist"
                         or (compute_mode == "use_mm_for_euclid_dist_if_necessary"
                             and (a.shape[-2] > 25 or b.shape[-2] > 25)))
    with np.errstate(all="ignore"):
        if use_mm:
            sq = (np.sum(a * a, -1)[..., :, None] + np.sum(b * b, -1)[..., None, :]
                  - 2 * np.matmul(a, np.swapaxes(b, -1, -2)))
            out = np.sqrt(np.maximum(sq, 0))
        else:
            mag = np.abs(a[..., :, None, :] - b[..., None, :, :])
            if p == 0:
                out = np.sum(mag != 0, -1)
            elif math.isinf(p):
                out = np.max(mag, -1) if mag.shape[-1] else np.zeros(mag.shape[:-1])
            elif p == 1:
                out = np.sum(mag, -1)
            elif p == 2:
                out = np.sqrt(np.sum(mag * mag, -1))
            else:
                out = np.sum(mag**p, -1) ** (1.0 / p)
    saved = (x1, x2, OUTPUT, float(p), a.shape, b.shape, np.dtype(dt))
    if use_mm:  # torch's matmul route is its own node, seen through a view
        dist = record("EuclideanDistBackward0", np.asarray(out, dtype=dt), (x1, x2), saved, _cdist_vjp)
        return _ops.view(dist, out.shape)
    return record("CdistBackward0", np.asarray(out, dtype=dt), (x1, x2), saved, _cdist_vjp)


# ----------------------------------------------------------------------------------------------
# The addmm family: beta * input + alpha * (a product)
# ----------------------------------------------------------------------------------------------


def _expand_to(inp: Tensor, target: tuple[int, ...]) -> None:
    """torch's expand error when ``input`` does not broadcast to the product's shape."""
    cur = inp._data.shape
    lead = len(target) - len(cur)
    if lead < 0:
        raise RuntimeError(
            f"expand({inp.type()}{{{list(cur)}}}, size={list(target)}): the number of sizes provided ({len(target)}) "
            f"must be greater or equal to the number of dimensions in the tensor ({len(cur)})"
        )
    for i, n in enumerate(cur):
        if n != 1 and n != target[i + lead]:
            raise RuntimeError(
                f"The expanded size of the tensor ({target[i + lead]}) must match the existing size ({n}) at "
                f"non-singleton dimension {i + lead}.  Target sizes: {list(target)}.  Tensor sizes: {list(cur)}"
            )


def _combine(inp: Tensor, prod: np.ndarray, beta: Any, alpha: Any) -> np.ndarray:
    """``beta * input + alpha * prod`` in the product's dtype (beta = 0 ignores input, nan included, as torch)."""
    scaled = prod * alpha if alpha != 1 else prod
    if beta == 0:
        return np.asarray(scaled, dtype=prod.dtype)
    base = inp._data * beta if beta != 1 else inp._data
    return np.asarray(base + scaled, dtype=prod.dtype)


def _check_same(fn: str, *ts: Tensor) -> None:
    for t in ts[1:]:
        if t._dtype is not ts[0]._dtype:
            raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: {_ops._cpp_name(ts[0]._dtype)} "
                               f"!= {_ops._cpp_name(t._dtype)}")


def _addmv_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """out = beta*input + alpha*(A v): G_in = beta G, G_A = alpha G v^T, G_v = alpha A^T G."""
    shape, dt, a, v, beta, alpha = s
    up = g * alpha if alpha != 1 else g
    gi = m.sum_to(g * beta if beta != 1 else g, shape, dt) if needs[0] else None
    return (gi, m.outer(up, v) if needs[1] else None, m.matmul(m.mT(a), up) if needs[2] else None)


def addmv(input: Tensor, mat: Tensor, vec: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:  # noqa: A002
    """``beta * input + alpha * (mat @ vec)`` (AddmvBackward0)."""
    _ops.check_operand("addmv", input)
    _ops.check_operand("addmv", mat, 2, "mat")
    _ops.check_operand("addmv", vec, 3, "vec")
    a, v = mat._data, vec._data
    if a.ndim != 2 or v.ndim != 1 or input._data.ndim > 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got {input._data.ndim}, {a.ndim}, {v.ndim}")
    if a.shape[1] != v.shape[0] or input._data.shape not in ((), (1,), (a.shape[0],)):
        raise RuntimeError(f"size mismatch, got input ({input._data.shape[0] if input._data.ndim else 1}), mat "
                           f"({a.shape[0]}x{a.shape[1]}), vec ({v.shape[0]})")
    _check_same("addmv", mat, vec, input)
    out = _combine(input, np.matmul(a, v), beta, alpha)
    return record("AddmvBackward0", out, (input, mat, vec), (input._data.shape, input._data.dtype, mat, vec, beta,
                                                              alpha), _addmv_vjp)


def _addr_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """out = beta*input + alpha*outer(u, v): G_u = alpha G v, G_v = alpha G^T u."""
    shape, dt, u, v, beta, alpha = s
    up = g * alpha if alpha != 1 else g
    gi = m.sum_to(g * beta if beta != 1 else g, shape, dt) if needs[0] else None
    return (gi, m.matmul(up, v) if needs[1] else None, m.matmul(m.mT(up), u) if needs[2] else None)


def addr(input: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:  # noqa: A002
    """``beta * input + alpha * outer(vec1, vec2)`` (AddrBackward0)."""
    _ops.check_operand("addr", input)
    _ops.check_operand("addr", vec1, 2, "vec1")
    _ops.check_operand("addr", vec2, 3, "vec2")
    for name, t in (("vec1", vec1), ("vec2", vec2)):
        if t._data.ndim != 1:
            raise RuntimeError(f"addr: Expected 1-D argument {name}, but got {t._data.ndim}-D")
    prod = np.multiply.outer(vec1._data, vec2._data)
    _expand_to(input, prod.shape)
    _check_same("addr", vec1, vec2, input)
    out = _combine(input, prod, beta, alpha)
    return record("AddrBackward0", out, (input, vec1, vec2), (input._data.shape, input._data.dtype, vec1, vec2, beta,
                                                               alpha), _addr_vjp)


def _check_batches(b1: Tensor, b2: Tensor, summed: bool) -> None:
    """torch's checks of the two batches of baddbmm (``summed=False``) and addbmm (``summed=True``)."""
    for t in (b1, b2):
        if t._data.ndim < 3:
            _ops.wrap_dim(2, t._data.ndim)  # torch reads size(2) first: its IndexError
        if t._data.ndim > 3:
            raise RuntimeError(f"{'batch1' if t is b1 else 'batch2'} must be a 3D tensor")
    s1, s2 = b1._data.shape, b2._data.shape
    if summed and s1[0] != s2[0]:
        raise RuntimeError(f"batch1 and batch2 must have same number of batches, got {s1[0]} and {s2[0]}")
    if summed and s1[2] != s2[1]:
        raise RuntimeError(f"Incompatible matrix sizes for bmm ({s1[1]}x{s1[2]} and {s2[1]}x{s2[2]})")
    if s1[0] != s2[0] or s1[2] != s2[1]:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{s1[0]}, {s1[2]}] but got: [{s2[0]}, "
            f"{s2[1]}]."
        )


def _baddbmm_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """out = beta*input + alpha*(B1 B2) (batched): G_B1 = alpha G B2^T, G_B2 = alpha B1^T G; addbmm sums the
    batch, so its G is first expanded over the batch."""
    shape, dt, b1, b2, beta, alpha, summed = s
    up = g * alpha if alpha != 1 else g
    if summed:
        up = m.expand(m.reshape(up, (1,) + tuple(summed[1:])), summed)
    gi = m.sum_to(g * beta if beta != 1 else g, shape, dt) if needs[0] else None
    return (gi, m.matmul(up, m.mT(b2)) if needs[1] else None, m.matmul(m.mT(b1), up) if needs[2] else None)


def baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:  # noqa: A002
    """``beta * input + alpha * bmm(batch1, batch2)`` (BaddbmmBackward0)."""
    _ops.check_operand("baddbmm", input)
    _ops.check_operand("baddbmm", batch1, 2, "batch1")
    _ops.check_operand("baddbmm", batch2, 3, "batch2")
    _check_batches(batch1, batch2, False)
    prod = np.matmul(batch1._data, batch2._data)
    _expand_to(input, prod.shape)
    _check_same("baddbmm", batch1, batch2, input)
    out = _combine(input, prod, beta, alpha)
    return record("BaddbmmBackward0", out, (input, batch1, batch2),
                  (input._data.shape, input._data.dtype, batch1, batch2, beta, alpha, ()), _baddbmm_vjp)


def addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1, alpha: Any = 1) -> Tensor:  # noqa: A002
    """``beta * input + alpha * sum_b batch1[b] @ batch2[b]`` (AddbmmBackward0)."""
    _ops.check_operand("addbmm", input)
    _ops.check_operand("addbmm", batch1, 2, "batch1")
    _ops.check_operand("addbmm", batch2, 3, "batch2")
    _check_batches(batch1, batch2, True)
    each = np.matmul(batch1._data, batch2._data)
    _expand_to(input, each.shape[1:])
    _check_same("addbmm", batch1, batch2, input)
    out = _combine(input, np.sum(each, axis=0), beta, alpha)
    return record("AddbmmBackward0", out, (input, batch1, batch2),
                  (input._data.shape, input._data.dtype, batch1, batch2, beta, alpha, each.shape), _baddbmm_vjp)


# ----------------------------------------------------------------------------------------------
# torch's older names for torch.linalg functions
# ----------------------------------------------------------------------------------------------

_SLOGDET = linalg.result_type("slogdet", ("sign", "logabsdet"))
_SVD_OLD = linalg.result_type("svd", ("U", "S", "V"))
_QR_OLD = linalg.result_type("qr", ("Q", "R"))


def inverse(input: Tensor) -> Tensor:  # noqa: A002
    """torch.inverse: :func:`minitorch_scalar.linalg.inv`."""
    return linalg.inv(input)


def det(input: Tensor) -> Tensor:  # noqa: A002
    """torch.det: :func:`minitorch_scalar.linalg.det`."""
    return linalg.det(input)


def slogdet(input: Tensor) -> Any:  # noqa: A002
    """torch.slogdet: ``(sign, logabsdet)`` of the determinant."""
    return _SLOGDET(tuple(linalg.slogdet(input)))


def logdet(input: Tensor) -> Tensor:  # noqa: A002
    """log det(A): nan for a negative determinant, -inf for a zero one (WhereBackward0)."""
    sign, logabs = linalg.slogdet(input)
    return _ops.where(sign < 0, math.nan, logabs)


def pinverse(input: Tensor, rcond: float = 1e-15) -> Tensor:  # noqa: A002
    """torch.pinverse: the pseudo-inverse, singular values below ``rcond * S_max`` dropped."""
    return linalg.pinv(input, rtol=rcond)


def svd(input: Tensor, some: bool = True, compute_uv: bool = True) -> Any:  # noqa: A002
    """torch.svd: ``(U, S, V)`` with ``A = U diag(S) V^T`` (V, not Vh; reduced unless ``some=False``)."""
    if not compute_uv:  # torch fills full-size U and V with zeros
        a = input._data
        rows, cols = a.shape[-2:]
        zeros_u = Tensor._wrap(np.zeros(a.shape[:-2] + (rows, rows), a.dtype))
        zeros_v = Tensor._wrap(np.zeros(a.shape[:-2] + (cols, cols), a.dtype))
        return _SVD_OLD((zeros_u, linalg.svdvals(input), zeros_v))
    u, s, vh = linalg.svd(input, full_matrices=not some)
    return _SVD_OLD((u, s, vh.transpose(-2, -1)))


def qr(input: Tensor, some: bool = True) -> Any:  # noqa: A002
    """torch.qr: ``(Q, R)``, reduced unless ``some=False``."""
    warnings.warn("torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future PyTorch "
                  "release.", UserWarning, stacklevel=2)
    return _QR_OLD(tuple(linalg.qr(input, "reduced" if some else "complete")))


def cholesky(input: Tensor, upper: bool = False) -> Tensor:  # noqa: A002
    """torch.cholesky: L with ``A = L L^T`` (U = L^T with ``upper``) (CholeskyBackward0)."""
    warnings.warn("torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a future "
                  "PyTorch release.", UserWarning, stacklevel=2)
    return linalg._cholesky(input, upper, "cholesky", "CholeskyBackward0")


def norm(input: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False,  # noqa: A002
         dtype: dtypes.dtype | None = None) -> Tensor:
    """torch.norm / Tensor.norm: 'fro' (over at most 2 dims) and numbers are vector norms over ``dim`` (all entries
    by default); 'nuc' is the matrix nuclear norm."""
    _ops.check_operand("norm", input)
    dims = None if dim is None else ((dim,) if isinstance(dim, int) else tuple(dim))
    if isinstance(p, str):
        if p == "fro" and (dims is None or len(dims) <= 2):
            return linalg.vector_norm(input, 2, dims, keepdim, dtype=dtype)
        return linalg.matrix_norm(input, p, dims if dims is not None else tuple(range(input._data.ndim)), keepdim,
                                  dtype=dtype)
    return linalg.vector_norm(input, 2.0 if p is None else p, dims, keepdim, dtype=dtype)


def cross(input: Tensor, other: Tensor, dim: int | None = None) -> Tensor:  # noqa: A002
    """torch.cross: :func:`minitorch_scalar.linalg.cross` along ``dim`` (default: the first dim of size 3)."""
    if dim is None:
        warnings.warn("Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass the dim "
                      "explicitly or simply use torch.linalg.cross.\nThe default value of dim will change to agree "
                      "with that of linalg.cross in a future release.", UserWarning, stacklevel=2)
        shape = np.broadcast_shapes(input._data.shape, other._data.shape)
        found = [i for i, n in enumerate(shape) if n == 3]
        if not found:
            raise RuntimeError("no dimension of size 3 in input")
        dim = found[0]
    return linalg.cross(input, other, dim=dim)


def matrix_power(input: Tensor, n: int) -> Tensor:  # noqa: A002
    """torch.matrix_power: :func:`minitorch_scalar.linalg.matrix_power`."""
    return linalg.matrix_power(input, n)


def matrix_exp(input: Tensor) -> Tensor:  # noqa: A002
    """torch.matrix_exp: :func:`minitorch_scalar.linalg.matrix_exp`."""
    return linalg.matrix_exp(input)


def chain_matmul(*matrices: Tensor) -> Tensor:
    """The product of the matrices in the cheapest order (deprecated in torch for linalg.multi_dot)."""
    warnings.warn("torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use "
                  "torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than multiple "
                  "parameters.", UserWarning, stacklevel=2)
    if len(matrices) == 1:
        return matrices[0].clone()
    return linalg.multi_dot(list(matrices))


# ----------------------------------------------------------------------------------------------
# Cholesky-based solves, triangular_solve, dist, block_diag, vander, adjoint
# ----------------------------------------------------------------------------------------------

_TRIANGULAR = linalg.result_type("triangular_solve", ("solution", "cloned_coefficient"))


def _lower_factor(m: Any, factor: Any, upper: bool) -> Any:
    """The lower-triangular L of A = L L^T from the factor given (U = L^T when ``upper``)."""
    return m.mT(factor) if upper else factor


def _cholesky_solve_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """X = A^-1 B with A = L L^T: G_B = A^-1 G, G_A = -G_B X^T, and through A: G_L = (G_A + G_A^T) L
    (G_U = U (G_A + G_A^T) for the upper factor)."""
    factor, x, upper, sb, db = s
    gb = cholesky_solve(g, factor, upper) if isinstance(g, Tensor) else _chol_solve_array(g, factor, upper)
    both = -(m.matmul(gb, m.mT(x)) + m.matmul(x, m.mT(gb)))
    gf = (m.matmul(factor, both) if upper else m.matmul(both, factor)) if needs[1] else None
    return (m.sum_to(gb, sb, db) if needs[0] else None, gf)


def _chol_solve_array(b: np.ndarray, factor: np.ndarray, upper: bool) -> np.ndarray:
    """(L L^T)^-1 B by a forward then a back substitution."""
    low = np.swapaxes(factor, -1, -2) if upper else factor
    y = linalg._substitute(low, b, False, False)
    return linalg._substitute(np.swapaxes(low, -1, -2), y, True, False)


def cholesky_solve(input: Tensor, input2: Tensor, upper: bool = False) -> Tensor:  # noqa: A002
    """X with ``A X = input`` where ``A = L L^T`` and ``input2`` is L (or U = L^T with ``upper``)
    (CholeskySolveBackward0)."""
    _ops.check_operand("cholesky_solve", input)
    _ops.check_operand("cholesky_solve", input2, 2, "input2")
    for t, name in ((input, "b"), (input2, "u")):
        if t._data.ndim < 2:
            raise RuntimeError(f"{name} should have at least 2 dimensions, but has {t._data.ndim} dimensions instead")
    out = _chol_solve_array(input._data, input2._data, upper).astype(input._data.dtype, copy=False)
    return record("CholeskySolveBackward0", out, (input, input2),
                  (input2, OUTPUT, upper, input._data.shape, input._data.dtype), _cholesky_solve_vjp)


def _cholesky_inverse_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Y = (L L^T)^-1: G_A = -Y G Y (Y symmetric), G_L = (G_A + G_A^T) L (G_U = U (G_A + G_A^T))."""
    factor, y, upper = s
    both = -m.matmul(m.matmul(y, g + m.mT(g)), y)
    return (m.matmul(factor, both) if upper else m.matmul(both, factor),)


def cholesky_inverse(input: Tensor, upper: bool = False) -> Tensor:  # noqa: A002
    """``(L L^T)^-1`` from the Cholesky factor L (or U = L^T with ``upper``) (CholeskyInverseBackward0)."""
    _ops.check_operand("cholesky_inverse", input)
    f = input._data
    if f.ndim < 2 or f.shape[-1] != f.shape[-2]:
        raise RuntimeError("cholesky_inverse: A must be batches of square matrices, but they are "
                           f"{f.shape[-2] if f.ndim > 1 else 1} by {f.shape[-1]} matrices")
    eye = np.broadcast_to(np.eye(f.shape[-1], dtype=f.dtype), f.shape)
    out = _chol_solve_array(eye, f, upper).astype(f.dtype, copy=False)
    return record("CholeskyInverseBackward0", out, (input,), (input, OUTPUT, upper), _cholesky_inverse_vjp)


def triangular_solve(b: Tensor, A: Tensor, upper: bool = True, transpose: bool = False,  # noqa: N803
                     unitriangular: bool = False) -> Any:
    """torch.triangular_solve (deprecated in torch for linalg.solve_triangular): ``(solution, cloned_coefficient)``
    with ``op(T) X = b``, op transposing when ``transpose``."""
    warnings.warn("torch.triangular_solve is deprecated in favor of torch.linalg.solve_triangularand will be removed "
                  "in a future PyTorch release.", UserWarning, stacklevel=2)
    coef = A.mT if transpose else A
    sol = linalg.solve_triangular(coef, b, upper=upper != transpose, unitriangular=unitriangular)
    return _TRIANGULAR((_ops.renamed(sol, "TriangularSolveBackward0"), _ops.renamed(A.clone(),
                                                                                    "TriangularSolveBackward0")))


def _dist_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """||a - b||_p: the vector norm's gradient at a - b, to a; its negative to b (summed back to each shape)."""
    a, b, p, out, sa, sb, da, db = s
    if p == 0:
        raise RuntimeError("Expected a proper Tensor but got None (or an undefined Tensor in C++) for argument #0 "
                           "'self'")
    diff = a - b
    ndim = len(np.broadcast_shapes(sa, sb))
    (gd,) = linalg._vector_norm_vjp(m, g, (diff, (1,) * ndim, p, out), (True,))
    return (m.sum_to(gd, sa, da) if needs[0] else None, m.sum_to(-gd, sb, db) if needs[1] else None)


def dist(input: Tensor, other: Tensor, p: float = 2) -> Tensor:  # noqa: A002
    """The p-norm of ``input - other`` (broadcast), as one number (DistBackward0)."""
    _ops.check_operand("dist", input)
    _ops.check_operand("dist", other, 2, "other")
    dt = _ops.result_dtype([input, other])
    if not dt.is_floating_point:
        raise RuntimeError(f"norm(): input dtype should be either floating point or complex. Got "
                           f"{_ops._scalar_name(dt)} instead.")
    a, b = input._data.astype(dt.np, copy=False), other._data.astype(dt.np, copy=False)
    try:
        diff = a - b
    except ValueError:
        _ops._broadcast_error([a.shape, b.shape])
    out = linalg.vector_norm(Tensor._wrap(diff), float(p))._data
    saved = (input, other, float(p), OUTPUT, a.shape, b.shape, input._data.dtype, other._data.dtype)
    return record("DistBackward0", out, (input, other), saved, _dist_vjp)


def _block_diag_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Each input's gradient is its block of the upstream gradient."""
    blocks, shapes, dts = s
    return tuple(m.cast(m.reshape(m.getitem(g, ix), shp), dt) if need else None
                 for ix, shp, dt, need in zip(blocks, shapes, dts, needs))


def block_diag(*tensors: Tensor) -> Tensor:
    """The tensors (0-, 1- or 2-D, as 1 x 1, 1 x n or m x n blocks) along a block diagonal (BlockDiagBackward0)."""
    for i, t in enumerate(tensors):
        _ops.check_operand("block_diag", t, i + 1, "tensors")
        if t._data.ndim > 2:
            raise RuntimeError(f"torch.block_diag: Input tensors must have 2 or fewer dimensions. Input {i} has "
                               f"{t._data.ndim} dimensions")
    mats = [t._data.reshape((1,) * (2 - t._data.ndim) + t._data.shape) for t in tensors]
    dt = _ops.result_dtype(list(tensors)) if tensors else dtypes.get_default_dtype()
    out = np.zeros((sum(a.shape[0] for a in mats) if mats else 1, sum(a.shape[1] for a in mats)), dt.np)
    r = c = 0
    blocks = []
    for a in mats:
        ix = (slice(r, r + a.shape[0]), slice(c, c + a.shape[1]))
        out[ix] = a
        blocks.append(ix)
        r, c = r + a.shape[0], c + a.shape[1]
    saved = (tuple(blocks), tuple(t._data.shape for t in tensors), tuple(t._data.dtype for t in tensors))
    return record("BlockDiagBackward0", out, tensors, saved, _block_diag_vjp, frees=False)


def vander(x: Tensor, N: int | None = None, increasing: bool = False) -> Tensor:  # noqa: N803
    """The Vandermonde matrix ``out[i, j] = x_i ** (N - 1 - j)`` (``x_i ** j`` with ``increasing``) of a 1-D x,
    built as torch builds it: ones, then running products (CopySlices), flipped unless increasing (FlipBackward0)."""
    _ops.check_operand("vander", x, 1, "x")
    if x._data.ndim != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    n = x._data.shape[0] if N is None else N
    if n < 0:
        raise RuntimeError("N must be non-negative.")
    dt = x._dtype if x._dtype.is_floating_point else dtypes.int64
    res = Tensor._wrap(np.zeros((x._data.shape[0], n), dt.np))
    if n > 0:
        res[:, 0] = 1
    if n > 1:
        res[:, 1:] = _ops.cumprod(x.unsqueeze(1).expand(x._data.shape[0], n - 1), 1, dt)
    return res if increasing else _ops.flip(res, (1,))


def adjoint(input: Tensor) -> Tensor:  # noqa: A002
    """The conjugate transpose of the last two dims (a transpose for real dtypes; TransposeBackward0)."""
    _ops.check_operand("adjoint", input)
    return _ops.transpose(input, -2, -1)


def nuclear_norm(input: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A002
    """The sum of singular values (deprecated in torch for linalg.matrix_norm(A, 'nuc'))."""
    warnings.warn("at::nuclear_norm is deprecated and it is just left for JIT compatibility. It will be removed in a "
                  "future PyTorch release. Please use `linalg.matrix_norm(A, 'nuc', dim, keepdim)` instead",
                  UserWarning, stacklevel=2)
    return linalg.matrix_norm(input, "nuc", (-2, -1) if dim is None else dim, keepdim)


__all__ = [
    "addbmm", "addmv", "addr", "adjoint", "baddbmm", "block_diag", "cdist", "chain_matmul", "cholesky",
    "cholesky_inverse", "cholesky_solve", "cross", "det", "dist", "einsum", "inner", "inverse", "kron", "logdet",
    "matrix_exp", "matrix_power", "norm", "nuclear_norm", "pinverse", "qr", "slogdet", "svd", "tensordot",
    "triangular_solve", "vander", "vdot",
]
