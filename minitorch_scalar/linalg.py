"""``torch.linalg``: norms, inverses, determinants, solves and factorizations of (batches of) matrices.

Every function takes its last two dims as the matrix (any leading dims are a batch), checks its input
with torch's messages, computes with numpy's LAPACK and records torch's grad_fn name. Backward rules
are written against a backend ``m`` (see :mod:`minitorch_scalar.tensor_ops`), so create_graph works
where the rule is made of differentiable pieces:

=========================================  ===============================================  ============
op (grad_fn)                               vector-Jacobian product (upstream ``G``)         create_graph
=========================================  ===============================================  ============
inv (LinalgInvExBackward0)                 ``-Y^T G Y^T`` with ``Y = A^-1``                 yes
det (LinalgDetBackward0)                   ``G det(A) A^-T``; 0 at an exactly singular A,   yes
                                           as torch 2.13 returns there
slogdet (LinalgSlogdetBackward0)           ``G A^-T`` for logabsdet, 0 for sign             yes
solve (LinalgSolveExBackward0)             ``G_B = A^-T G``, ``G_A = -G_B X^T``             yes
solve_triangular                           the same, restricted to the triangle read        yes
pinv, lstsq.solution                       the pseudo-inverse derivative (:func:`_pinv_grad`)  yes
cholesky (LinalgCholeskyExBackward0)       ``sym(L^-T Phi(L^T G) L^-1)``                    yes
matrix_exp (LinalgMatrixExpBackward0)      upper-right block of ``exp([[A^T, G], [0, A^T]])``  yes
vector_norm (LinalgVectorNormBackward0)    ``G sign(x) |x|^(p-1) / ||x||^(p-1)``            yes
cross (LinalgCrossBackward0)               ``G_a = b x G``, ``G_b = G x a``                 yes
svdvals, eigvalsh, svd.S, eigh.eigenvalues  ``U diag(G) V^T``                               no
svd.U, svd.Vh (LinalgSvdBackward0)         the thin-SVD rule (:func:`_singular_vectors_vjp`)  no
eigh.eigenvectors (LinalgEighBackward0)    ``sym(V (F o V^T G) V^T)``, F = 1 / eigengaps    no
qr (LinalgQrBackward0)                     ``(G_Q + Q copyltu(M)) R^-T`` (:func:`_qr_vjp`)  no
=========================================  ===============================================  ============

Singular vectors and eigenvectors are defined up to sign: gradients of a loss that depends on the sign
(rather than on ``u_i v_i^T`` or ``v_i v_i^T``) agree with torch only where numpy's LAPACK picks the
signs torch's does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from minitorch_scalar import dtypes
from minitorch_scalar import tensor_ops as _ops
from minitorch_scalar.autograd import OUTPUT, record
from minitorch_scalar.tensor import Tensor

__all__ = [
    "LinAlgError", "cholesky", "cond", "cross", "det", "diagonal", "eigh", "eigvalsh", "inv", "lstsq", "matmul",
    "matrix_exp", "matrix_norm", "matrix_power", "matrix_rank", "multi_dot", "norm", "pinv", "qr", "slogdet", "solve",
    "solve_triangular", "svd", "svdvals", "vander", "vecdot", "vector_norm",
]


class LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError: a matrix the operation cannot handle (singular, not positive-definite)."""


# torch's class is torch._C._LinAlgError; a traceback names it that way
LinAlgError.__name__ = LinAlgError.__qualname__ = "_LinAlgError"
LinAlgError.__module__ = "torch._C"


# ----------------------------------------------------------------------------------------------
# Result tuples (torch.return_types.linalg_slogdet, linalg_svd, ...)
# ----------------------------------------------------------------------------------------------


class _Result(tuple):
    """A named tuple printed as torch prints ``torch.return_types.<name>(field=..., ...)``."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __repr__(self) -> str:
        body = ",\n".join(f"{f}={v!r}" for f, v in zip(self._fields, self))
        return f"torch.return_types.{type(self).__name__}(\n{body})"


def _field(i: int) -> property:
    return property(lambda self: self[i])


def result_type(name: str, fields: Sequence[str]) -> type[_Result]:
    """A ``torch.return_types.<name>`` class with the given field names."""
    attrs: dict[str, Any] = {f: _field(i) for i, f in enumerate(fields)}
    attrs.update({"__slots__": (), "_fields": tuple(fields), "__module__": "torch.return_types"})
    return type(name, (_Result,), attrs)


_SLOGDET = result_type("linalg_slogdet", ("sign", "logabsdet"))
_SVD = result_type("linalg_svd", ("U", "S", "Vh"))
_QR = result_type("linalg_qr", ("Q", "R"))
_EIGH = result_type("linalg_eigh", ("eigenvalues", "eigenvectors"))
_LSTSQ = result_type("linalg_lstsq", ("solution", "residuals", "rank", "singular_values"))


# ----------------------------------------------------------------------------------------------
# Input checks, with torch's messages
# ----------------------------------------------------------------------------------------------


def _check_tensor(fn: str, a: Any, position: int = 1, arg: str = "A") -> Tensor:
    if not isinstance(a, Tensor):
        raise TypeError(f"{fn}(): argument '{arg}' (position {position}) must be Tensor, not {type(a).__name__}")
    return a


def _check_float(fn: str, a: Tensor) -> None:
    if not a._dtype.is_floating_point:
        name = _ops._scalar_name(a._dtype)
        raise RuntimeError(f"{fn}: Expected a floating point or complex tensor as input. Got {name}")


def _check_matrix(fn: str, a: Tensor, square: bool = True) -> None:
    """At least 2 dims, floating point, and square when ``square``."""
    if a._data.ndim < 2:
        raise RuntimeError(f"{fn}: The input tensor A must have at least 2 dimensions.")
    _check_float(fn, a)
    rows, cols = a._data.shape[-2:]
    if square and rows != cols:
        raise RuntimeError(f"{fn}: A must be batches of square matrices, but they are {rows} by {cols} matrices")


def _batch_prefix(shape: tuple[int, ...], flat: int) -> str:
    """torch's ``(Batch element k): `` prefix for a batched input (nothing for a single matrix)."""
    return f"(Batch element {flat}): " if len(shape) > 2 else ""


def _matrices(a: np.ndarray) -> np.ndarray:
    """The matrices of ``a`` as one (batch, rows, cols) stack."""
    return a.reshape((-1,) + a.shape[-2:])


def _zero_pivot(a: np.ndarray) -> int:
    """The 1-based column of the first exactly-zero pivot of LU with partial pivoting (0 if none), as LAPACK's getrf
    reports it; computed in ``a``'s dtype."""
    u = a.copy()
    n = u.shape[0]
    first = 0
    for k in range(n):
        p = k + int(np.argmax(np.abs(u[k:, k])))
        if u[p, k] == 0:
            first = first or k + 1
            continue
        if p != k:
            u[[k, p]] = u[[p, k]]
        u[k + 1 :, k:] -= np.multiply.outer(u[k + 1 :, k] / u[k, k], u[k, k:])
    return first


def _singular_error(fn: str, a: np.ndarray, text: str) -> LinAlgError:
    """LinAlgError for the first singular matrix of ``a`` (``text`` may use ``{pivot}``)."""
    for k, mat in enumerate(_matrices(a)):
        pivot = _zero_pivot(mat)
        if pivot:
            return LinAlgError(f"{fn}: {_batch_prefix(a.shape, k)}{text.format(pivot=pivot)}")
    return LinAlgError(f"{fn}: {text.format(pivot=1)}")


# ----------------------------------------------------------------------------------------------
# inv, det, slogdet, solve
# ----------------------------------------------------------------------------------------------


def _inv_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Y = A^-1: dA = -Y^T G Y^T."""
    (y,) = s
    yt = m.mT(y)
    return (-m.matmul(m.matmul(yt, g), yt),)


def inv(A: Tensor) -> Tensor:  # noqa: N803 - torch's argument name
    """The inverse of each square matrix (LinalgInvExBackward0); LinAlgError when one is singular."""
    _check_tensor("linalg_inv", A)
    _check_matrix("linalg.inv", A)
    try:
        out = np.linalg.inv(A._data).astype(A._data.dtype, copy=False)
    except np.linalg.LinAlgError:
        raise _singular_error(
            "linalg.inv", A._data,
            "The diagonal element {pivot} is zero, the inversion could not be completed because the input matrix "
            "is singular.",
        ) from None
    return record("LinalgInvExBackward0", out, (A,), (OUTPUT,), _inv_vjp)


def _det_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d det(A) / dA = det(A) A^-T; 0 for a matrix whose determinant is exactly 0, as torch 2.13 returns there."""
    a, d, batch = s
    aa = a._data if isinstance(a, Tensor) else a
    da = d._data if isinstance(d, Tensor) else d
    singular = m.const(np.broadcast_to(np.reshape(da == 0, batch + (1, 1)), aa.shape))
    safe = m.where(singular, m.const(np.eye(aa.shape[-1], dtype=aa.dtype)), a)  # inverted only where det != 0
    grad = m.reshape(g * d, batch + (1, 1)) * m.mT(m.inv(safe))
    return (m.where(singular, 0.0, grad),)


def det(A: Tensor) -> Tensor:  # noqa: N803
    """The determinant of each square matrix (LinalgDetBackward0)."""
    _check_tensor("linalg_det", A)
    _check_matrix("linalg.det", A)
    out = np.asarray(np.linalg.det(A._data)).astype(A._data.dtype)
    return record("LinalgDetBackward0", out, (A,), (A, OUTPUT, A._data.shape[:-2]), _det_vjp)


def _logabsdet_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d log|det A| / dA = A^-T."""
    a, batch = s
    return (m.reshape(g, batch + (1, 1)) * m.mT(m.inv(a)),)


def _zero_grad_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """An output that is locally constant in the input (the sign of a determinant): zero gradient."""
    shape, dt = s
    return (m.zeros(shape, dt),)


def slogdet(A: Tensor) -> Any:  # noqa: N803
    """``(sign, logabsdet)`` of each square matrix's determinant (both LinalgSlogdetBackward0)."""
    _check_tensor("linalg_slogdet", A)
    _check_matrix("linalg.slogdet", A)
    sign, logabs = np.linalg.slogdet(A._data)
    dt = A._data.dtype
    s = record("LinalgSlogdetBackward0", np.asarray(sign).astype(dt), (A,), (A._data.shape, dt), _zero_grad_vjp)
    la = record("LinalgSlogdetBackward0", np.asarray(logabs).astype(dt), (A,), (A, A._data.shape[:-2]),
                _logabsdet_vjp)
    return _SLOGDET((s, la))


def _is_vector_rhs(a: np.ndarray, b: np.ndarray) -> bool:
    """torch's rule: B is a (batch of) vector(s) when it is 1-D or has exactly A's batch shape plus one dim."""
    return b.ndim == 1 or (b.ndim == a.ndim - 1 and b.shape == a.shape[:-1])


def _solve_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """X = A^-1 B: G_B = A^-T G, G_A = -G_B X^T (vectors as one-column matrices; batch dims summed back)."""
    a, x, vec, a_shape, b_shape, dt = s
    if vec:
        g = m.reshape(g, tuple(x.shape) + (1,))
        x = m.reshape(x, tuple(x.shape) + (1,))
    gb = m.solve(m.mT(a), g)
    ga = m.sum_to(-m.matmul(gb, m.mT(x)), a_shape, dt) if needs[0] else None
    if not needs[1]:
        return (ga, None)
    if vec:
        gb = m.reshape(gb, tuple(gb.shape)[:-1])
    return (ga, m.sum_to(gb, b_shape, dt))


def solve(A: Tensor, B: Tensor) -> Tensor:  # noqa: N803
    """The solution X of ``A X = B`` (LinalgSolveExBackward0); B may be a vector or a batch of them."""
    _check_tensor("linalg_solve", A)
    _check_tensor("linalg_solve", B, 2, "B")
    _check_matrix("linalg.solve", A)
    if A._dtype is not B._dtype:
        raise RuntimeError(
            "linalg.solve: Expected A and B to have the same dtype, but found A of type "
            f"{_ops._scalar_name(A._dtype)} and B of type {_ops._scalar_name(B._dtype)} instead"
        )
    a, b = A._data, B._data
    vec = _is_vector_rhs(a, b)
    bm = b[..., None] if vec else b
    if bm.ndim < 2 or bm.shape[-2] != a.shape[-1]:
        cols = bm.shape[-1] if bm.ndim >= 2 else 1
        rows = bm.shape[-2] if bm.ndim >= 2 else bm.shape[0]
        raise RuntimeError(
            f"linalg.solve: Incompatible shapes of A and B for the equation AX = B ({a.shape[-2]}x{a.shape[-1]} and "
            f"{rows}x{cols})"
        )
    try:
        out = np.linalg.solve(a, bm).astype(a.dtype, copy=False)
    except np.linalg.LinAlgError:
        raise _singular_error("torch.linalg.solve", np.broadcast_to(a, np.broadcast_shapes(a.shape[:-2], bm.shape[:-2])
                                                                     + a.shape[-2:]),
                              "The solver failed because the input matrix is singular.") from None
    if vec:
        out = out[..., 0]
    return record("LinalgSolveExBackward0", out, (A, B), (A, OUTPUT, vec, a.shape, b.shape, a.dtype), _solve_vjp)


# ----------------------------------------------------------------------------------------------
# Pseudo-inverse, least squares, rank
# ----------------------------------------------------------------------------------------------


def _pinv_grad(m: Any, gp: Any, a: Any, p: Any, rows: int, cols: int, dt: np.dtype) -> Any:
    """The gradient in A of <G_P, pinv(A)> for P = pinv(A) (constant rank).

    From dP = -P dA P + P P^T dA^T (I - A P) + (I - P A) dA^T P^T P:
    G_A = -P^T G P^T + (I - A P) G^T P P^T + P^T P G^T (I - P A).
    """
    pt = m.mT(p)
    gt = m.mT(gp)
    eye_r = m.const(np.eye(rows, dtype=dt))
    eye_c = m.const(np.eye(cols, dtype=dt))
    first = -m.matmul(m.matmul(pt, gp), pt)
    second = m.matmul(m.matmul(eye_r - m.matmul(a, p), gt), m.matmul(p, pt))
    third = m.matmul(m.matmul(pt, p), m.matmul(gt, eye_c - m.matmul(p, a)))
    return first + second + third


def _pinv_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The pseudo-inverse's derivative (see :func:`_pinv_grad`)."""
    a, p, rows, cols, dt = s
    return (_pinv_grad(m, g, a, p, rows, cols, dt),)


def _default_rtol(a: np.ndarray, atol: float | None, rtol: float | None) -> float:
    """torch's relative tolerance: eps * max(rows, cols) when neither tolerance is given, else rtol or 0."""
    if rtol is not None:
        return rtol
    if atol is not None and atol > 0:
        return 0.0
    return float(np.finfo(a.dtype).eps) * max(a.shape[-2:])


def _kept(sv: np.ndarray, a: np.ndarray, atol: float | None, rtol: float | None) -> np.ndarray:
    """Which singular values count: ``S > max(atol, rtol * S_max)``."""
    top = sv[..., :1] if sv.shape[-1] else np.zeros(sv.shape[:-1] + (1,), sv.dtype)
    tol = np.maximum(atol or 0.0, _default_rtol(a, atol, rtol) * top)
    return sv > tol


def _pinv_array(a: np.ndarray, atol: float | None, rtol: float | None) -> tuple[np.ndarray, np.ndarray]:
    """``V diag(1/S) U^T`` over the kept singular values, and which were kept."""
    u, sv, vh = np.linalg.svd(a, full_matrices=False)
    kept = _kept(sv, a, atol, rtol)
    inv_s = np.where(kept, 1.0 / np.where(kept, sv, 1.0), 0.0)
    return np.matmul(np.swapaxes(vh, -1, -2) * inv_s[..., None, :], np.swapaxes(u, -1, -2)).astype(a.dtype), kept


def pinv(A: Tensor, *, atol: float | None = None, rtol: float | None = None,  # noqa: N803
         hermitian: bool = False) -> Tensor:
    """The Moore-Penrose pseudo-inverse (LinalgPinvBackward0): ``V diag(1/S) U^T`` over the kept singular values.

    ``hermitian`` only tells torch it may use an eigendecomposition; the SVD gives the same result.
    """
    _check_tensor("linalg_pinv", A)
    _check_matrix("linalg.pinv", A, square=False)
    a = A._data
    out, _ = _pinv_array(a, atol, rtol)
    rows, cols = a.shape[-2:]
    return record("LinalgPinvBackward0", out, (A,), (A, OUTPUT, rows, cols, a.dtype), _pinv_vjp)


def matrix_rank(A: Tensor, *, atol: float | None = None, rtol: float | None = None,  # noqa: N803
                hermitian: bool = False) -> Tensor:
    """The number of singular values above the tolerance, as int64 (no gradient)."""
    _check_tensor("linalg_matrix_rank", A)
    _check_matrix("linalg.matrix_rank", A, square=False)
    sv = np.linalg.svd(A._data, compute_uv=False)
    return Tensor._wrap(np.asarray(np.count_nonzero(_kept(sv, A._data, atol, rtol), axis=-1), dtype=np.int64))


def _lstsq_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """X = pinv(A) B: G_B = pinv(A)^T G, G_A = the pseudo-inverse derivative with upstream G B^T."""
    a, b, p, rows, cols, dt, vec = s
    if isinstance(a, Tensor):  # create_graph: the pseudo-inverse as a function of A
        p = pinv(a)
    if vec:  # a vector right-hand side works as a one-column matrix
        g, b = m.reshape(g, tuple(g.shape) + (1,)), m.reshape(b, tuple(b.shape) + (1,))
    ga = _pinv_grad(m, m.matmul(g, m.mT(b)), a, p, rows, cols, dt) if needs[0] else None
    gb = m.matmul(m.mT(p), g) if needs[1] else None
    if gb is not None and vec:
        gb = m.reshape(gb, tuple(gb.shape)[:-1])
    return (ga, gb)


def lstsq(A: Tensor, B: Tensor, rcond: float | None = None, *, driver: str | None = None) -> Any:  # noqa: N803
    """The least-squares solution of ``A X = B`` (LinalgLstsqBackward0), as torch's default CPU driver ('gelsy')
    reports it: the solution and the rank; residuals and singular values are empty."""
    _check_tensor("linalg_lstsq", A)
    _check_tensor("linalg_lstsq", B, 2, "B")
    _check_matrix("torch.linalg.lstsq", A, square=False)
    if driver not in (None, "gelsy"):
        raise NotImplementedError(f"linalg.lstsq(driver={driver!r}) is not supported by minitorch_scalar "
                                  "(the default 'gelsy' is)")
    a, b = A._data, B._data
    vec = b.ndim == a.ndim - 1
    bm = b[..., None] if vec else b
    if bm.shape[-2] != a.shape[-2]:
        raise RuntimeError("torch.linalg.lstsq: input.size(-2) should match other.size(-2)")
    p, kept = _pinv_array(a, None, rcond)
    out = np.matmul(p, bm).astype(a.dtype)
    if vec:
        out = out[..., 0]
    rows, cols = a.shape[-2:]
    sol = record("LinalgLstsqBackward0", out, (A, B), (A, B, p, rows, cols, a.dtype, vec), _lstsq_vjp)
    residuals = record("LinalgLstsqBackward0", np.zeros((0,), a.dtype), (A, B),
                       (a.shape, a.dtype, b.shape, b.dtype), _lstsq_residuals_vjp)
    rank = Tensor._wrap(np.asarray(np.count_nonzero(kept, axis=-1), dtype=np.int64))
    return _LSTSQ((sol, residuals, rank, Tensor._wrap(np.zeros((0,), a.dtype))))


def _lstsq_residuals_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The (empty) residuals contribute nothing."""
    sa, da, sb, db = s
    return (m.zeros(sa, da) if needs[0] else None, m.zeros(sb, db) if needs[1] else None)


# ----------------------------------------------------------------------------------------------
# Factorizations: svd, eigh, qr, cholesky
# ----------------------------------------------------------------------------------------------


def _spectral_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """Singular values (or eigenvalues): d s_i / dA = u_i v_i^T, so G_A = U diag(G) V^T."""
    g = _first_order_only(g, "singular values or eigenvalues (svdvals, eigvalsh, matrix_norm(ord=2/'nuc'))")
    u, vh = s
    return (np.matmul(u * g[..., None, :], vh),)


def _first_order_only(g: Any, what: str) -> np.ndarray:
    """The upstream grad as an array; a create_graph backward (Tensors) has no rule here."""
    if not isinstance(g, np.ndarray):
        raise NotImplementedError(
            f"minitorch_scalar has no second derivative through {what}: the backward treats the singular vectors / "
            "eigenvectors as constants"
        )
    return g


def _off_diagonal_inverse(diff: np.ndarray) -> np.ndarray:
    """F_ij = 1 / diff_ij off the diagonal, 0 on it (diff_ij = lambda_j - lambda_i or s_j^2 - s_i^2)."""
    n = diff.shape[-1]
    off = ~np.eye(n, dtype=bool)
    with np.errstate(divide="ignore"):
        return np.where(off, 1.0 / np.where(off, diff, 1.0), 0.0)


def _singular_vectors_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """A = U S V^T (thin; extra columns of full U / rows of full Vh get no gradient), F_ij = 1 / (s_j^2 - s_i^2):
    from U: G_A = U (F o (U^T G_U - G_U^T U)) S V^T + (I - U U^T) G_U S^-1 V^T;
    from V (G_V = G_Vh^T): G_A = U S (F o (V^T G_V - G_V^T V)) V^T + U S^-1 G_V^T (I - V V^T)."""
    g = _first_order_only(g, "singular vectors (linalg.svd's U and Vh)")
    u, sv, vh, is_u = s
    k = sv.shape[-1]
    v = np.swapaxes(vh, -1, -2)
    f = _off_diagonal_inverse(sv[..., None, :] ** 2 - sv[..., :, None] ** 2)
    if is_u:
        gu = g[..., :, :k]
        ut_gu = np.matmul(np.swapaxes(u, -1, -2), gu)
        core = (f * (ut_gu - np.swapaxes(ut_gu, -1, -2))) * sv[..., None, :]
        rest = np.matmul(gu - np.matmul(u, ut_gu), vh / sv[..., :, None])
        return (np.matmul(np.matmul(u, core), vh) + rest,)
    gv = np.swapaxes(g[..., :k, :], -1, -2)
    vt_gv = np.matmul(vh, gv)
    core = sv[..., :, None] * (f * (vt_gv - np.swapaxes(vt_gv, -1, -2)))
    rest = np.matmul(u / sv[..., None, :], np.swapaxes(gv - np.matmul(v, vt_gv), -1, -2))
    return (np.matmul(np.matmul(u, core), vh) + rest,)


def _eigenvectors_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """A = V diag(w) V^T: G_A = sym(V (F o (V^T G_V)) V^T) with F_ij = 1 / (w_j - w_i), as torch symmetrizes."""
    g = _first_order_only(g, "the eigenvectors of linalg.eigh")
    v, w = s
    vt = np.swapaxes(v, -1, -2)
    inner = np.matmul(np.matmul(v, _off_diagonal_inverse(w[..., None, :] - w[..., :, None]) * np.matmul(vt, g)), vt)
    return ((inner + np.swapaxes(inner, -1, -2)) * 0.5,)


def _svd_parts(A: Tensor, fn: str, full_matrices: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # noqa: N803
    _check_tensor(fn.replace(".", "_"), A)
    _check_matrix(fn, A, square=False)
    u, sv, vh = np.linalg.svd(A._data, full_matrices=full_matrices)
    dt = A._data.dtype
    return u.astype(dt, copy=False), sv.astype(dt, copy=False), vh.astype(dt, copy=False)


def svdvals(A: Tensor) -> Tensor:  # noqa: N803
    """The singular values of each matrix, in descending order (LinalgSvdBackward0)."""
    u, sv, vh = _svd_parts(A, "linalg.svdvals", False)
    return record("LinalgSvdBackward0", sv, (A,), (u, vh), _spectral_vjp, frees=False)


def svd(A: Tensor, full_matrices: bool = True) -> Any:  # noqa: N803
    """``(U, S, Vh)`` with ``A = U diag(S) Vh`` (all LinalgSvdBackward0; only S has a backward here)."""
    u, sv, vh = _svd_parts(A, "linalg.svd", full_matrices)
    k = sv.shape[-1]
    thin = (u[..., :, :k], sv, vh[..., :k, :])
    s = record("LinalgSvdBackward0", sv, (A,), thin[::2], _spectral_vjp, frees=False)
    uu = record("LinalgSvdBackward0", u, (A,), thin + (True,), _singular_vectors_vjp, frees=False)
    vv = record("LinalgSvdBackward0", vh, (A,), thin + (False,), _singular_vectors_vjp, frees=False)
    return _SVD((uu, s, vv))


def _literal(value: str) -> Any:
    """A checked option string, passed on to numpy (whose stubs want a Literal)."""
    return value


def _check_uplo(uplo: str) -> None:
    if uplo not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {uplo}")


def eigvalsh(A: Tensor, UPLO: str = "L") -> Tensor:  # noqa: N803
    """The eigenvalues of each symmetric matrix (read from the ``UPLO`` triangle), ascending (LinalgEighBackward0)."""
    _check_tensor("linalg_eigvalsh", A)
    _check_matrix("linalg.eigh", A)
    _check_uplo(UPLO)
    w, v = np.linalg.eigh(A._data, UPLO=_literal(UPLO))
    dt = A._data.dtype
    v = v.astype(dt, copy=False)
    return record("LinalgEighBackward0", w.astype(dt), (A,), (v, np.swapaxes(v, -1, -2)), _spectral_vjp, frees=False)


def eigh(A: Tensor, UPLO: str = "L") -> Any:  # noqa: N803
    """``(eigenvalues, eigenvectors)`` of each symmetric matrix (LinalgEighBackward0; eigenvalues differentiable)."""
    _check_tensor("linalg_eigh", A)
    _check_matrix("linalg.eigh", A)
    _check_uplo(UPLO)
    w, v = np.linalg.eigh(A._data, UPLO=_literal(UPLO))
    dt = A._data.dtype
    v = v.astype(dt, copy=False)
    vals = record("LinalgEighBackward0", w.astype(dt), (A,), (v, np.swapaxes(v, -1, -2)), _spectral_vjp,
                  frees=False)
    vecs = record("LinalgEighBackward0", v, (A,), (v, w.astype(dt)), _eigenvectors_vjp, frees=False)
    return _EIGH((vals, vecs))


def qr(A: Tensor, mode: str = "reduced") -> Any:  # noqa: N803
    """``(Q, R)`` with ``A = Q R`` (LinalgQrBackward0); mode 'reduced', 'complete' or 'r'."""
    _check_tensor("linalg_qr", A)
    _check_matrix("linalg.qr", A, square=False)
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(
            f"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), 'r', or 'complete'"
        )
    a = A._data
    dt = a.dtype
    if mode == "r":
        r = np.asarray(np.linalg.qr(a, mode="r")).astype(dt, copy=False)
        q = np.zeros((0,), dt)
    else:
        q, r = np.linalg.qr(a, mode=_literal(mode))
        q, r = q.astype(dt, copy=False), r.astype(dt, copy=False)
    saved = (a, q, r, mode)
    qq = record("LinalgQrBackward0", q, (A,), saved + (True,), _qr_vjp, frees=False)
    rr = record("LinalgQrBackward0", r, (A,), saved + (False,), _qr_vjp, frees=False)
    return _QR((qq, rr))


def _qr_square_or_tall(q: np.ndarray, r: np.ndarray, gq: np.ndarray, gr: np.ndarray) -> np.ndarray:
    """A = Q R with rows >= cols: G_A = (G_Q + Q copyltu(M)) R^-T, M = R G_R^T - G_Q^T Q, copyltu(M) the symmetric
    matrix with M's lower triangle."""
    mm = np.matmul(r, np.swapaxes(gr, -1, -2)) - np.matmul(np.swapaxes(gq, -1, -2), q)
    low = np.tril(mm, -1)
    sym = low + np.swapaxes(low, -1, -2) + mm * np.eye(mm.shape[-1], dtype=bool)
    rhs = gq + np.matmul(q, sym)
    return np.swapaxes(_substitute(r, np.swapaxes(rhs, -1, -2), True, False), -1, -2)


def _qr_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """QR's backward (Q's or R's upstream grad, the other taken as 0). For a wide A = [X | Y], R = [U | V]:
    G_Y = Q G_V and G_X is the square rule with G_Q + Y G_V^T."""
    a, q, r, mode, is_q = s
    rows, cols = a.shape[-2:]
    if mode == "r":
        raise RuntimeError(
            "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use "
            "linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr."
        )
    if mode == "complete" and rows > cols:
        raise RuntimeError("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.")
    g = _first_order_only(g, "linalg.qr")
    gq, gr = (g, np.zeros_like(r)) if is_q else (np.zeros_like(q), g)
    if rows >= cols:
        return (_qr_square_or_tall(q, r, gq, gr),)
    y, gv = a[..., rows:], gr[..., rows:]
    gx = _qr_square_or_tall(q, r[..., :rows], gq + np.matmul(y, np.swapaxes(gv, -1, -2)), gr[..., :rows])
    return (np.concatenate([gx, np.matmul(q, gv)], -1),)


def _cholesky_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """A = L L^T: G_A = sym(L^-T Phi(L^T G) L^-1), Phi keeping the lower triangle with a halved diagonal."""
    ell, upper, n, dt = s
    if upper:  # U = L^T: the upstream grad of L is G^T
        ell, g = m.mT(ell), m.mT(g)
    phi = m.const((np.tril(np.ones((n, n))) - 0.5 * np.eye(n)).astype(dt))
    inv_l = m.inv(ell)
    inner = m.matmul(m.matmul(m.mT(inv_l), m.matmul(m.mT(ell), g) * phi), inv_l)
    return ((inner + m.mT(inner)) * 0.5,)


def _cholesky(A: Tensor, upper: bool, fn: str, name: str) -> Tensor:  # noqa: N803
    _check_tensor(fn.replace(".", "_"), A)
    _check_matrix(fn, A)
    a = A._data
    try:
        low = np.linalg.cholesky(a).astype(a.dtype, copy=False)
    except np.linalg.LinAlgError:
        raise _not_positive_definite(fn, a) from None
    out = np.swapaxes(low, -1, -2).copy() if upper else low
    return record(name, out, (A,), (OUTPUT, upper, a.shape[-1], a.dtype), _cholesky_vjp)


def _not_positive_definite(fn: str, a: np.ndarray) -> LinAlgError:
    """LinAlgError naming the first leading minor that is not positive-definite."""
    for k, mat in enumerate(_matrices(a)):
        for order in range(1, mat.shape[0] + 1):
            try:
                np.linalg.cholesky(mat[:order, :order])
            except np.linalg.LinAlgError:
                return LinAlgError(
                    f"{fn}: {_batch_prefix(a.shape, k)}The factorization could not be completed because the input is "
                    f"not positive-definite (the leading minor of order {order} is not positive-definite)."
                )
    return LinAlgError(f"{fn}: The factorization could not be completed because the input is not positive-definite.")


def cholesky(A: Tensor, *, upper: bool = False) -> Tensor:  # noqa: N803
    """The lower-triangular L with ``A = L L^T`` (or U = L^T with ``upper``) (LinalgCholeskyExBackward0)."""
    return _cholesky(A, upper, "linalg.cholesky", "LinalgCholeskyExBackward0")


# ----------------------------------------------------------------------------------------------
# Norms
# ----------------------------------------------------------------------------------------------


def _vector_norm_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d ||x||_p / dx = sign(x) |x|^(p-1) / ||x||^(p-1) (0 where x or the norm is 0); p = inf shares the grad
    equally among the entries of largest |x|; p = 0 sends no gradient (torch leaves it undefined)."""
    x, keep, p, out = s
    xa = x._data if isinstance(x, Tensor) else x
    oa = out._data if isinstance(out, Tensor) else out
    shape, dt = xa.shape, xa.dtype
    up = m.expand(m.reshape(g, keep), shape)
    if p == 0:  # torch leaves the gradient undefined (the input's .grad stays None)
        return (None,)
    if math.isinf(p):
        hit = (np.abs(xa) == np.reshape(oa, keep)) | np.isnan(xa)
        count = np.sum(hit, axis=tuple(i for i, k in enumerate(keep) if k == 1 and shape[i] != 1) or None,
                       keepdims=True)
        return (m.sign(x) * up * m.const((hit / count).astype(dt)),)
    if p == 1:
        return (up * m.sign(x),)
    zero_norm = np.reshape(oa, keep) == 0
    safe = m.expand(m.where(m.const(zero_norm), 1.0, m.reshape(out, keep)), shape)
    if p == 2:
        return (m.where(m.const(np.broadcast_to(zero_norm, shape)), 0.0, up * m.div(x, safe)),)
    local = m.sign(x) * m.div(m.pow(m.abs(x), p - 1.0), m.pow(safe, p - 1.0))
    return (m.where(m.const(np.broadcast_to(zero_norm, shape) | (xa == 0)), 0.0, up * local),)


def _dims_of(dim: Any, ndim: int) -> tuple[int, ...]:
    """The reduced dims: all of them for None or an empty list, as torch's norms read it."""
    if dim is None or (isinstance(dim, (list, tuple)) and not dim):
        return tuple(range(ndim))
    if isinstance(dim, (list, tuple)):
        return tuple(sorted({_ops.wrap_dim(int(d), ndim) for d in dim})) if ndim else ()
    return (_ops.wrap_dim(int(dim), ndim),) if ndim else ()


def vector_norm(x: Tensor, ord: Any = 2, dim: Any = None, keepdim: bool = False, *,  # noqa: A002
                dtype: dtypes.dtype | None = None) -> Tensor:
    """``(sum |x|^ord)^(1/ord)`` over ``dim`` (everything by default); ord inf/-inf: max/min |x|; ord 0: the
    count of nonzeros (LinalgVectorNormBackward0)."""
    _check_tensor("linalg_vector_norm", x, arg="input")
    if isinstance(ord, bool) or not isinstance(ord, (int, float, np.integer, np.floating)):
        raise TypeError(f"linalg_vector_norm(): argument 'ord' (position 2) must be Number, not {type(ord).__name__}")
    _check_float("linalg.vector_norm", x)
    if dtype is not None and dtype is not x._dtype:
        x = x.to(dtype)
    p = float(ord)
    arr = x._data
    axes = _dims_of(dim, arr.ndim)
    mag = np.abs(arr)
    with np.errstate(all="ignore"):
        if p == math.inf:
            out = np.max(mag, axis=axes, keepdims=keepdim)
        elif p == -math.inf:
            out = np.min(mag, axis=axes, keepdims=keepdim)
        elif p == 0:
            out = np.sum(arr != 0, axis=axes, keepdims=keepdim)
        elif p == 1:
            out = np.sum(mag, axis=axes, keepdims=keepdim)
        elif p == 2:
            out = np.sqrt(np.sum(arr * arr, axis=axes, keepdims=keepdim))
        else:
            out = np.sum(mag**p, axis=axes, keepdims=keepdim) ** (1.0 / p)
    keep = _ops._keep_shape(arr.shape, axes)
    return record("LinalgVectorNormBackward0", np.asarray(out, dtype=arr.dtype), (x,), (x, keep, p, OUTPUT),
                  _vector_norm_vjp)


def _two_dims(dim: Any, ndim: int, fn: str) -> tuple[int, int]:
    if not isinstance(dim, (list, tuple)) or len(dim) != 2:
        shown = " ".join(str(d) for d in dim) if isinstance(dim, (list, tuple)) else dim
        raise RuntimeError(f"{fn}: dim must be a 2-tuple. Got {shown}")
    d0, d1 = _ops.wrap_dim(int(dim[0]), ndim), _ops.wrap_dim(int(dim[1]), ndim)
    if d0 == d1:
        raise RuntimeError(f"{fn}: dims must be different. Got ({dim[0]}, {dim[1]})")
    return d0, d1


def matrix_norm(A: Tensor, ord: Any = "fro", dim: Any = (-2, -1), keepdim: bool = False, *,  # noqa: A002, N803
                dtype: dtypes.dtype | None = None) -> Tensor:
    """A matrix norm over the two dims ``dim``: 'fro' (vector 2-norm), 'nuc' (sum of singular values), 2 / -2
    (largest / smallest singular value), 1 / -1 (max / min column abs sum), inf / -inf (max / min row abs sum)."""
    _check_tensor("linalg_matrix_norm", A)
    if A._data.ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
    _check_float("linalg.matrix_norm", A)
    d0, d1 = _two_dims(dim, A._data.ndim, "linalg.matrix_norm")
    if dtype is not None and dtype is not A._dtype:
        A = A.to(dtype)
    if ord == "fro":
        return vector_norm(A, 2, (d0, d1), keepdim)
    if ord == "nuc" or ord in (2, -2):
        moved = A.permute(*[i for i in range(A._data.ndim) if i not in (d0, d1)], d0, d1)
        sv = svdvals(moved)
        if ord == "nuc":
            res = sv.sum(-1)
        else:
            res = sv.amax(-1) if ord == 2 else sv.amin(-1)
        if keepdim:  # two size-1 dims at the end, moved back to d0 and d1 (a permute, as torch)
            res = res.unsqueeze(-1).unsqueeze(-1)
            n = res._data.ndim
            others = iter(range(n - 2))
            res = _ops.permute(res, *[n - 2 if i == d0 else n - 1 if i == d1 else next(others) for i in range(n)])
        return res
    if ord in (1, -1, math.inf, -math.inf):
        # 1: sum over rows (d0), then extreme over columns (d1); inf: the other way round
        s_dim, e_dim = (d0, d1) if ord in (1, -1) else (d1, d0)
        take = "amax" if ord > 0 else "amin"
        if keepdim:
            return getattr(A.abs().sum(s_dim, keepdim=True), take)(e_dim, keepdim=True)
        return getattr(A.abs().sum(s_dim), take)(e_dim - (1 if e_dim > s_dim else 0))
    raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")


def norm(A: Tensor, ord: Any = None, dim: Any = None, keepdim: bool = False, *,  # noqa: A002, N803
         dtype: dtypes.dtype | None = None) -> Tensor:
    """A vector norm (``dim`` an int, or ``A`` 1-D) or matrix norm (``dim`` a pair, or ``A`` 2-D); with neither
    ``ord`` nor ``dim``, the 2-norm of all entries."""
    _check_tensor("linalg_norm", A)
    if dim is not None:
        dims = (dim,) if isinstance(dim, int) else tuple(dim)
        if len(dims) == 1:
            return vector_norm(A, 2 if ord is None else ord, dims, keepdim, dtype=dtype)
        return matrix_norm(A, "fro" if ord is None else ord, dims, keepdim, dtype=dtype)
    if ord is None:
        return vector_norm(A, 2, None, keepdim, dtype=dtype)
    if isinstance(ord, str):
        return matrix_norm(A, ord, (-2, -1), keepdim, dtype=dtype)
    if A._data.ndim == 1:
        return vector_norm(A, ord, None, keepdim, dtype=dtype)
    if A._data.ndim == 2:
        return matrix_norm(A, ord, (-2, -1), keepdim, dtype=dtype)
    raise RuntimeError(
        f"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {A._data.ndim}D."
    )


# ----------------------------------------------------------------------------------------------
# Products
# ----------------------------------------------------------------------------------------------


def _cross_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """c = a x b: G_a = b x G, G_b = G x a (summed back over broadcast dims)."""
    a, b, d, sa, sb, dt = s
    ga = m.sum_to(m.cross(b, g, d), sa, dt) if needs[0] else None
    gb = m.sum_to(m.cross(g, a, d), sb, dt) if needs[1] else None
    return (ga, gb)


def cross(input: Tensor, other: Tensor, *, dim: int = -1) -> Tensor:  # noqa: A002
    """The 3-vector cross product along ``dim``, broadcasting the other dims (LinalgCrossBackward0)."""
    _check_tensor("linalg_cross", input, arg="input")
    _check_tensor("linalg_cross", other, 2, "other")
    a, b = input._data, other._data
    if a.ndim != b.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    d = _ops.wrap_dim(dim, a.ndim)
    if a.shape[d] != 3 or b.shape[d] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got {a.shape[d]} and "
                           f"{b.shape[d]}")
    dt = _ops.result_dtype([input, other])
    try:
        out = np.cross(a.astype(dt.np, copy=False), b.astype(dt.np, copy=False), axis=d)
    except ValueError:
        _ops._broadcast_error([a.shape, b.shape])
    return record("LinalgCrossBackward0", np.asarray(out, dtype=dt.np), (input, other),
                  (input, other, d, a.shape, b.shape, dt.np), _cross_vjp)


def multi_dot(tensors: Sequence[Tensor]) -> Tensor:
    """The product of a chain of matrices (the first may be a row vector, the last a column vector), multiplied in
    the cheapest order (ViewBackward0)."""
    ts = list(tensors)
    if len(ts) < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {len(ts)}")
    last = len(ts) - 1
    for i, t in enumerate(ts):
        nd = t._data.ndim
        if i in (0, last) and nd not in (1, 2):
            which = "first" if i == 0 else "last"
            raise RuntimeError(f"multi_dot(): the {which} tensor must be 1D or 2D but got {nd}D")
        if 0 < i < last and nd != 2:
            raise RuntimeError(f"multi_dot(): tensor {i} must be 2D but got {nd}D")
        if t._dtype is not ts[0]._dtype:
            raise RuntimeError(
                f"multi_dot(): all tensors must have be the same dtype but tensor 0 is {_ops._cpp_name(ts[0]._dtype)} "
                f"and tensor {i} {_ops._cpp_name(t._dtype)}"
            )
    first_vec, last_vec = ts[0]._data.ndim == 1, ts[-1]._data.ndim == 1
    mats = [t.unsqueeze(0) if (i == 0 and first_vec) else t for i, t in enumerate(ts)]
    if last_vec:
        mats[-1] = mats[-1].unsqueeze(1)
    for i in range(len(mats) - 1):
        if mats[i]._data.shape[1] != mats[i + 1]._data.shape[0]:
            raise RuntimeError(
                f"multi_dot(): tensors {i} and {i + 1} with shapes {list(mats[i].shape)} and "
                f"{list(mats[i + 1].shape)} cannot be multiplied"
            )
    out = _chain(mats)
    shape = tuple(n for n, drop in ((out.shape[0], first_vec), (out.shape[1], last_vec)) if not drop)
    return out.reshape(shape)


def _chain(mats: list[Tensor]) -> Tensor:
    """The product of ``mats`` in the order that needs the fewest scalar multiplications (dynamic programming)."""
    dims = [t._data.shape[0] for t in mats] + [mats[-1]._data.shape[1]]
    n = len(mats)
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = -1
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost[i][j] < 0 or c < cost[i][j]:
                    cost[i][j], split[i][j] = c, k
    stack: list[tuple[int, int]] = [(0, n - 1)]
    order: list[tuple[int, int]] = []
    while stack:  # post-order without recursion: collect, then evaluate in reverse
        i, j = stack.pop()
        order.append((i, j))
        if i < j:
            stack.extend(((i, split[i][j]), (split[i][j] + 1, j)))
    done: dict[tuple[int, int], Tensor] = {}
    for i, j in reversed(order):
        done[(i, j)] = mats[i] if i == j else _ops.mm(done[(i, split[i][j])], done[(split[i][j] + 1, j)])
    return done[(0, n - 1)]


def matrix_power(A: Tensor, n: int) -> Tensor:  # noqa: N803
    """``A`` multiplied by itself ``n`` times (``A^-1`` for negative n, the identity for 0)."""
    _check_tensor("linalg_matrix_power", A)
    a = A._data
    if a.ndim < 2:
        raise RuntimeError("linalg.matrix_power: The input tensor A must have at least 2 dimensions.")
    if a.shape[-1] != a.shape[-2]:
        raise RuntimeError(f"linalg.matrix_power: A must be batches of square matrices, but they are {a.shape[-2]} "
                           f"by {a.shape[-1]} matrices")
    if n == 0:
        ident = Tensor._wrap(np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape).copy())
        return A.clone().copy_(ident)
    base = inv(A) if n < 0 else A
    k = -n if n < 0 else n
    if k == 1:
        return base.clone()
    while not k & 1:  # binary exponentiation: square the base past the low zero bits ...
        base = base.matmul(base)
        k >>= 1
    result = base
    k >>= 1
    while k:  # ... then keep squaring and multiply in each set bit
        base = base.matmul(base)
        if k & 1:
            result = result.matmul(base)
        k >>= 1
    return result


# ----------------------------------------------------------------------------------------------
# Triangular solves, matrix exponential, small aliases
# ----------------------------------------------------------------------------------------------


def _triangle_mask(n: int, upper: bool, unit: bool) -> np.ndarray:
    """True on the triangle a triangular solve reads (the diagonal excluded when it is taken as ones)."""
    ones = np.ones((n, n), bool)
    return np.triu(ones, 1 if unit else 0) if upper else np.tril(ones, -1 if unit else 0)


def _substitute(a: np.ndarray, b: np.ndarray, upper: bool, unit: bool) -> np.ndarray:
    """X with tri(A) X = B by back (upper) or forward (lower) substitution, IEEE all the way (a zero pivot gives
    inf / nan, as torch's triangular solve does, not an error)."""
    n = a.shape[-1]
    tri = np.where(_triangle_mask(n, upper, unit), a, np.zeros((), a.dtype))
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    tri = np.broadcast_to(tri, batch + a.shape[-2:])
    x = np.zeros(batch + b.shape[-2:], np.result_type(a, b))
    rhs = np.broadcast_to(b, x.shape)
    with np.errstate(all="ignore"):
        for i in range(n - 1, -1, -1) if upper else range(n):
            partial = np.matmul(tri[..., i : i + 1, :], x)[..., 0, :]
            row = rhs[..., i, :] - partial
            x[..., i, :] = row if unit else row / tri[..., i, i : i + 1]
    return x


def _tri_solve(a: Any, b: Any, upper: bool, unit: bool) -> Any:
    """tri(A)^-1 B on arrays, or recorded on Tensors (create_graph)."""
    if isinstance(a, Tensor):
        return solve_triangular(a, b, upper=upper, unitriangular=unit)
    return _substitute(a, b, upper, unit)


def _solve_triangular_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """X = T^-1 B (left) or B T^-1: G_B = T^-T G (or G T^-T); G_A = -G_B X^T (or -X^T G_B) on T's triangle."""
    a, x, upper, left, unit, sa, sb, dt = s
    at = m.mT(a)
    if left:
        gb = _tri_solve(at, g, not upper, unit)
        ga = -m.matmul(gb, m.mT(x))
    else:
        gb = m.mT(_tri_solve(a, m.mT(g), upper, unit))
        ga = -m.matmul(m.mT(x), gb)
    keep = m.const(_triangle_mask(sa[-1], upper, unit).astype(dt))
    return (m.sum_to(ga * keep, sa, dt) if needs[0] else None, m.sum_to(gb, sb, dt) if needs[1] else None)


def solve_triangular(A: Tensor, B: Tensor, *, upper: bool, left: bool = True,  # noqa: N803
                     unitriangular: bool = False) -> Tensor:
    """X with ``T X = B`` (or ``X T = B`` when not ``left``), T the upper or lower triangle of A (unit diagonal with
    ``unitriangular``) (LinalgSolveTriangularBackward0)."""
    _check_tensor("linalg_solve_triangular", A)
    _check_tensor("linalg_solve_triangular", B, 2, "B")
    _check_matrix("linalg.solve_triangular", A)
    if B._data.ndim < 2:
        raise RuntimeError("linalg.solve_triangular: The input tensor B must have at least 2 dimensions.")
    a, b = A._data, B._data
    inner = b.shape[-2] if left else b.shape[-1]
    if inner != a.shape[-1]:
        shown = f"{b.shape[-2]}x{b.shape[-1]}"
        eq = "AX = B" if left else "XA = B"
        raise RuntimeError(f"linalg.solve_triangular: Incompatible shapes of A and B for the equation {eq} "
                           f"({a.shape[-2]}x{a.shape[-1]} and {shown})")
    if left:
        out = _substitute(a, b, upper, unitriangular)
    else:
        out = np.swapaxes(_substitute(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2), not upper, unitriangular),
                          -1, -2)
    out = np.ascontiguousarray(out, dtype=a.dtype)
    saved = (A, OUTPUT, upper, left, unitriangular, a.shape, b.shape, a.dtype)
    return record("LinalgSolveTriangularBackward0", out, (A, B), saved, _solve_triangular_vjp)


def _expm(a: np.ndarray) -> np.ndarray:
    """e^A by scaling and squaring: a degree-18 Taylor series of A / 2^s (norm <= 1/2), squared s times."""
    work = a.astype(np.float64)
    norm = float(np.max(np.sum(np.abs(work), axis=-1))) if work.size else 0.0
    s = max(0, math.ceil(math.log2(norm)) + 1) if norm > 0 and math.isfinite(norm) else 0
    x = work / 2.0**s
    eye = np.broadcast_to(np.eye(a.shape[-1]), x.shape)
    e = eye.copy()
    for k in range(18, 0, -1):  # Horner: I + X/1 (I + X/2 (I + ... (I + X/18)))
        e = eye + np.matmul(x, e) / k
    for _ in range(s):
        e = np.matmul(e, e)
    return e.astype(a.dtype)


def _matrix_exp_vjp(m: Any, g: Any, s: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """The adjoint of the Frechet derivative: G_A = the upper-right block of exp([[A^T, G], [0, A^T]])."""
    a, n = s
    at = m.mT(a)
    big: Any
    if isinstance(a, Tensor):
        zeros = Tensor._wrap(np.zeros(a._data.shape, a._data.dtype))
        big = matrix_exp(_ops.cat([_ops.cat([at, g], -1), _ops.cat([zeros, at], -1)], -2))
    else:
        big = _expm(np.concatenate([np.concatenate([at, g], -1), np.concatenate([np.zeros_like(at), at], -1)], -2))
    return (m.getitem(big, (Ellipsis, slice(None, n), slice(n, None))),)


def matrix_exp(A: Tensor) -> Tensor:  # noqa: N803
    """The matrix exponential ``sum_k A^k / k!`` of each square matrix (LinalgMatrixExpBackward0)."""
    _check_tensor("linalg_matrix_exp", A)
    _check_matrix("linalg.matrix_exp", A)
    return record("LinalgMatrixExpBackward0", _expm(A._data), (A,), (A, A._data.shape[-1]), _matrix_exp_vjp)


def vecdot(x: Tensor, y: Tensor, *, dim: int = -1) -> Tensor:
    """``sum(x * y)`` along ``dim`` (broadcasting; VdotBackward0 for two vectors, as torch)."""
    _check_tensor("linalg_vecdot", x, arg="x")
    _check_tensor("linalg_vecdot", y, 2, "y")
    _check_float("linalg.vecdot", x)
    if x._data.ndim == 1 and y._data.ndim == 1:
        from minitorch_scalar.matfuncs import vdot

        return vdot(x, y)
    return (x * y).sum(dim)


def diagonal(A: Tensor, *, offset: int = 0, dim1: int = -2, dim2: int = -1) -> Tensor:  # noqa: N803
    """The diagonal ``offset`` of dims (dim1, dim2), as the last dim (DiagonalBackward0)."""
    return _ops.diagonal(_check_tensor("linalg_diagonal", A), offset, dim1, dim2)


def cond(A: Tensor, p: Any = None) -> Tensor:  # noqa: N803
    """The condition number: ``s_max / s_min`` (p None or 2; ``s_min / s_max`` for -2) from the singular values,
    else ``norm(A, p) * norm(A^-1, p)`` of a square A (inf for a singular one)."""
    _check_tensor("linalg_cond", A)
    if p is None or p in (2, -2):
        if A._data.ndim < 2:
            raise RuntimeError("linalg.cond: The input tensor A must have at least 2 dimensions.")
        sv = svdvals(A)
        ratio = sv[..., -1:] / sv[..., :1] if p == -2 else sv[..., :1] / sv[..., -1:]
        return _ops.squeeze(ratio, -1)
    a = A._data
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        rows = a.shape[-2] if a.ndim > 1 else 1
        raise RuntimeError(f"linalg.cond(ord={p}): A must be batches of square matrices, but they are {rows} by "
                           f"{a.shape[-1]} matrices")
    _check_float("linalg.cond", A)
    singular = np.broadcast_to(np.reshape(np.linalg.det(a) == 0, a.shape[:-2] + (1, 1)), a.shape)
    eye = Tensor._wrap(np.broadcast_to(np.eye(a.shape[-1], dtype=a.dtype), a.shape).copy())
    inverse = inv(_ops.where(Tensor._wrap(singular), eye, A))
    inverse = _ops.where(Tensor._wrap(singular), math.inf, inverse)  # torch's inverse of a singular A is not finite
    product = matrix_norm(A, p) * matrix_norm(inverse, p)
    return product if p == "nuc" else _ops.nan_to_num(product, nan=math.inf, posinf=math.inf)


def vander(x: Tensor, N: int | None = None) -> Tensor:  # noqa: N803
    """``out[..., j] = x ** j`` for j < N (default: x's last dim size), built from running products (CatBackward0)."""
    _check_tensor("linalg_vander", x, arg="x")
    if x._data.ndim < 1:
        raise RuntimeError("linalg.vander: x must have at least one dimension.")
    n = x._data.shape[-1] if N is None else N
    if n < 2:
        raise RuntimeError("linalg.vander: N must be greater than 1.")
    ones = Tensor._wrap(np.ones(x._data.shape + (1,), x._data.dtype if x._dtype.is_floating_point else np.int64))
    grown = x.unsqueeze(-1).expand(*x._data.shape, n - 1)
    return _ops.cat([ones, _ops.cumprod(grown, -1, dtypes.from_numpy(ones._data.dtype))], -1)


def matmul(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """torch.matmul."""
    return _ops.matmul(input, other)


def __getattr__(name: str) -> Any:
    """A torch.linalg function minitorch_scalar lacks: the package's NotImplementedError naming it."""
    if name.startswith("_"):
        raise AttributeError(f"module 'minitorch_scalar.linalg' has no attribute '{name}'")
    from minitorch_scalar import MissingTorchFeature

    raise MissingTorchFeature(f"torch.linalg.{name} is not implemented by minitorch_scalar")
