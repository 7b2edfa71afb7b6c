"""Linear algebra on the Tensor engine (torch-free): hand-derived values, numerical gradient checks, errors.

parity_tests/test_linalg_parity.py checks the same functions against real torch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import minitorch_scalar as torch
from minitorch_scalar.autograd import gradcheck, gradgradcheck

RNG = np.random.default_rng(3)
A = RNG.normal(size=(3, 3)) + 2 * np.eye(3)
B = RNG.normal(size=(3, 4))


def leaf(values: Any) -> torch.Tensor:
    return torch.tensor(np.asarray(values, dtype=np.float64), dtype=torch.float64, requires_grad=True)


# --- hand values ---------------------------------------------------------------------------------


def test_inverse_determinant_and_solve_of_a_2x2_by_hand() -> None:
    a = leaf([[2.0, 1.0], [1.0, 3.0]])  # det = 5, inverse = [[3, -1], [-1, 2]] / 5
    assert torch.linalg.det(a).item() == pytest.approx(5.0)
    assert np.allclose(torch.linalg.inv(a).detach().numpy(), np.array([[3.0, -1.0], [-1.0, 2.0]]) / 5)
    x = torch.linalg.solve(a, torch.tensor([3.0, 4.0], dtype=torch.float64))  # 2x + y = 3, x + 3y = 4
    assert np.allclose(x.detach().numpy(), [1.0, 1.0])
    sign, logabs = torch.linalg.slogdet(-a)
    assert (sign.item(), logabs.item()) == (pytest.approx(1.0), pytest.approx(math.log(5.0)))
    torch.det(a).backward()  # d det / dA = det * A^-T = the cofactor matrix [[3, -1], [-1, 2]]
    assert np.allclose(a.grad.numpy(), [[3.0, -1.0], [-1.0, 2.0]])


@pytest.mark.filterwarnings("ignore:torch.cholesky is deprecated")
def test_grad_fn_names() -> None:
    a = leaf(A)
    names = {
        "LinalgInvExBackward0": torch.linalg.inv(a), "LinalgDetBackward0": torch.det(a),
        "LinalgSolveExBackward0": torch.linalg.solve(a, a), "LinalgPinvBackward0": torch.pinverse(a),
        "LinalgCholeskyExBackward0": torch.linalg.cholesky(a @ a.T), "CholeskyBackward0": (a @ a.T).cholesky(),
        "LinalgVectorNormBackward0": a.norm(), "LinalgCrossBackward0": torch.linalg.cross(a, a),
        "UnsafeViewBackward0": torch.kron(a, a), "ViewBackward0": torch.einsum("ij,jk->ik", a, a),
        "PermuteBackward0": torch.einsum("ii->i", a), "SumBackward1": torch.einsum("ij->", a),
        "MulBackward0": torch.einsum("ij,ij->ij", a, a), "CdistBackward0": torch.cdist(a, a),
        "AddmvBackward0": torch.addmv(a[0], a, a[1]), "AddrBackward0": torch.addr(a, a[0], a[1]),
        "BaddbmmBackward0": torch.baddbmm(a, a[None], a[None]), "AddbmmBackward0": torch.addbmm(a, a[None], a[None]),
        "VdotBackward0": torch.vdot(a[0], a[1]), "WhereBackward0": torch.logdet(a @ a.T),
        "AmaxBackward0": torch.linalg.matrix_norm(a, 1), "LinalgSvdBackward0": torch.linalg.svdvals(a),
        "LinalgEighBackward0": torch.linalg.eigvalsh(a @ a.T),
    }
    for name, out in names.items():
        assert type(out.grad_fn).__name__ == name
    sign, logabs = torch.linalg.slogdet(a)
    assert type(sign.grad_fn).__name__ == type(logabs.grad_fn).__name__ == "LinalgSlogdetBackward0"


def test_einsum_equations_by_hand() -> None:
    a = torch.arange(6.0).reshape(2, 3)
    b = torch.arange(12.0).reshape(3, 4)
    assert torch.equal(torch.einsum("ij,jk->ik", a, b), a @ b)
    assert torch.equal(torch.einsum("ij,jk", [a, b]), a @ b)
    assert torch.einsum("i,i->", a[1], a[1]).item() == 9 + 16 + 25
    assert torch.equal(torch.einsum("ij->ji", a), a.T)
    assert torch.equal(torch.einsum("ba", a), a.T)  # implicit output: labels in alphabetical order
    assert torch.equal(torch.einsum("ii->i", torch.eye(3) * 2), torch.full((3,), 2.0))
    assert torch.einsum("ii", torch.eye(3) * 2).item() == 6.0
    assert torch.einsum("bij,jk->bik", a[None].expand(5, 2, 3), b).shape == (5, 2, 4)
    assert torch.equal(torch.einsum("...ij,jk->...ik", a[None], b)[0], a @ b)
    assert torch.equal(torch.einsum("i,j->ij", a[0], a[1]), torch.outer(a[0], a[1]))
    three = torch.einsum("ij,jk,kl->il", a, b, b.T)
    assert torch.allclose(three, a @ b @ b.T)


def test_products_by_hand() -> None:
    assert torch.equal(torch.kron(torch.eye(2), torch.ones(2, 2)),
                       torch.tensor([[1.0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]]))
    assert torch.equal(torch.cross(torch.tensor([1.0, 0, 0]), torch.tensor([0.0, 1, 0]), dim=0),
                       torch.tensor([0.0, 0, 1]))
    d = torch.cdist(torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, 4.0], [1.0, 1.0]]))
    assert d.tolist() == [[5.0, pytest.approx(math.sqrt(2))]]
    assert torch.cdist(torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, -4.0]]), p=1).item() == 7.0
    fib = torch.matrix_power(torch.tensor([[1, 1], [1, 0]]), 10)
    assert fib.tolist() == [[89, 55], [55, 34]]
    assert torch.equal(torch.matrix_power(torch.tensor([[2.0, 0.0], [0.0, 4.0]]), -1),
                       torch.tensor([[0.5, 0.0], [0.0, 0.25]]))
    assert torch.tensordot(torch.arange(6.0).reshape(2, 3), torch.ones(3, 2), dims=1).tolist() == [[3, 3], [12, 12]]
    assert torch.inner(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])).item() == 11.0
    assert torch.linalg.multi_dot([torch.tensor([1.0, 2.0]), torch.eye(2), torch.tensor([3.0, 4.0])]).item() == 11.0


def test_addmm_family_by_hand() -> None:
    c = torch.ones(2, 2)
    assert torch.addmm(c, torch.eye(2), torch.eye(2) * 3, beta=2, alpha=0.5).tolist() == [[3.5, 2.0], [2.0, 3.5]]
    assert torch.addmv(torch.ones(2), torch.eye(2), torch.tensor([1.0, 2.0]), alpha=2).tolist() == [3.0, 5.0]
    assert torch.addr(torch.zeros(2, 2), torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])).tolist() == [
        [3.0, 4.0], [6.0, 8.0]]
    assert torch.addbmm(torch.zeros(2, 2), torch.ones(3, 2, 4), torch.ones(3, 4, 2)).tolist() == [[12.0] * 2] * 2
    assert torch.baddbmm(torch.zeros(1, 2, 2), torch.ones(1, 2, 4), torch.ones(1, 4, 2)).tolist() == [[[4.0] * 2] * 2]
    nan_input = torch.tensor([float("nan")])
    assert torch.addmv(nan_input, torch.ones(1, 1), torch.ones(1), beta=0).tolist() == [1.0]  # beta=0 ignores input
    x = torch.ones(2, 2)
    assert x.addmm_(torch.eye(2), torch.eye(2)) is x and x.tolist() == [[2.0, 1.0], [1.0, 2.0]]


def test_norms_by_hand() -> None:
    x = torch.tensor([[3.0, -4.0], [0.0, 12.0]])
    assert torch.linalg.norm(x).item() == 13.0
    assert torch.linalg.vector_norm(x, 1).item() == 19.0
    assert torch.linalg.vector_norm(x, float("inf")).item() == 12.0
    assert torch.linalg.vector_norm(x, -float("inf")).item() == 0.0
    assert torch.linalg.vector_norm(x, 0).item() == 3.0
    assert torch.linalg.vector_norm(x, dim=1).tolist() == [5.0, 12.0]
    assert torch.linalg.matrix_norm(x, 1).item() == 16.0  # largest column abs sum
    assert torch.linalg.matrix_norm(x, float("inf")).item() == 12.0  # largest row abs sum
    assert torch.linalg.matrix_norm(x, -1).item() == 3.0
    d = torch.tensor([[3.0, 0.0], [0.0, -2.0]])
    assert torch.linalg.matrix_norm(d, 2).item() == pytest.approx(3.0)
    assert torch.linalg.matrix_norm(d, -2).item() == pytest.approx(2.0)
    assert torch.linalg.matrix_norm(d, "nuc").item() == pytest.approx(5.0)
    assert x.norm(p=1).item() == 19.0 and torch.norm(x).item() == 13.0


def test_factorizations_reconstruct_their_input() -> None:
    a = torch.tensor(B)
    u, s, vh = torch.linalg.svd(a, full_matrices=False)
    assert np.allclose(((u * s) @ vh).numpy(), B)
    u2, s2, v2 = torch.svd(a)
    assert np.allclose(((u2 * s2) @ v2.T).numpy(), B)
    q, r = torch.linalg.qr(a.T)
    assert np.allclose((q @ r).numpy(), B.T) and np.allclose(np.tril(r.numpy(), -1), 0)
    spd = torch.tensor(A @ A.T)
    w, v = torch.linalg.eigh(spd)
    assert np.allclose((v * w @ v.T).numpy(), A @ A.T)
    low = torch.linalg.cholesky(spd)
    assert np.allclose((low @ low.T).numpy(), A @ A.T)
    assert torch.linalg.matrix_rank(torch.tensor([[1.0, 2.0], [2.0, 4.0]])).item() == 1
    sol = torch.linalg.lstsq(torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), torch.tensor([[1.0], [2.0], [3.0]]))
    assert np.allclose(sol.solution.numpy(), [[1.0], [2.0]])
    assert sol.rank.item() == 2 and sol.residuals.shape == (0,)


def test_matrix_exp_and_triangular_solves_by_hand() -> None:
    rot = torch.linalg.matrix_exp(torch.tensor([[0.0, 1.0], [-1.0, 0.0]], dtype=torch.float64))
    assert np.allclose(rot.numpy(), [[math.cos(1), math.sin(1)], [-math.sin(1), math.cos(1)]])
    assert torch.matrix_exp(torch.tensor([[0.0, 1.0], [0.0, 0.0]])).tolist() == [[1.0, 1.0], [0.0, 1.0]]
    big = torch.matrix_exp(torch.tensor([[30.0]], dtype=torch.float64)).item()  # scaled and squared
    assert big == pytest.approx(math.exp(30.0), rel=1e-13)
    t = torch.tensor([[2.0, 1.0], [9.0, 4.0]])  # upper triangle [[2, 1], [0, 4]]; the 9 is never read
    x = torch.linalg.solve_triangular(t, torch.tensor([[4.0], [8.0]]), upper=True)
    assert x.tolist() == [[1.0], [2.0]]
    unit = torch.linalg.solve_triangular(t, torch.tensor([[1.0], [10.0]]), upper=False, unitriangular=True)
    assert unit.tolist() == [[1.0], [1.0]]  # [[1, 0], [9, 1]] x = [1, 10]
    right = torch.linalg.solve_triangular(t, torch.tensor([[2.0, 5.0]]), upper=True, left=False)
    assert right.tolist() == [[1.0, 1.0]]  # x [[2, 1], [0, 4]] = [2, 5]
    assert torch.linalg.vecdot(torch.tensor([[1.0, 2.0]]), torch.tensor([3.0, 4.0])).tolist() == [11.0]


def test_small_constructions_by_hand() -> None:
    assert torch.vander(torch.tensor([2, 3]), N=3).tolist() == [[4, 2, 1], [9, 3, 1]]
    assert torch.linalg.vander(torch.tensor([2.0, 3.0])).tolist() == [[1.0, 2.0], [1.0, 3.0]]
    assert torch.block_diag(torch.tensor([[1, 2]]), torch.tensor(3)).tolist() == [[1, 2, 0], [0, 0, 3]]
    assert torch.dist(torch.tensor([1.0, 2.0]), torch.tensor([4.0, 6.0])).item() == 5.0
    low = torch.tensor([[2.0, 0.0], [1.0, 1.0]])  # A = L L^T = [[4, 2], [2, 2]]
    assert torch.cholesky_inverse(low).tolist() == [[0.5, -0.5], [-0.5, 1.0]]
    assert torch.cholesky_solve(torch.tensor([[6.0], [4.0]]), low).tolist() == [[1.0], [1.0]]


def test_missing_linalg_functions_name_themselves() -> None:
    with pytest.raises(NotImplementedError, match="torch.linalg.eig is not implemented"):
        torch.linalg.eig(torch.eye(2))
    assert not hasattr(torch.linalg, "lu_factor")


# --- numerical gradient checks ---------------------------------------------------------------------

GRADCHECK: dict[str, tuple[Callable[..., Any], tuple[Any, ...]]] = {
    "inv": (lambda a: torch.linalg.inv(a), (A,)),
    "det": (lambda a: torch.linalg.det(a), (A,)),
    "logabsdet": (lambda a: torch.linalg.slogdet(a)[1], (A,)),
    "solve": (lambda a, b: torch.linalg.solve(a, b), (A, B)),
    "solve_vector": (lambda a, v: torch.linalg.solve(a, v), (A, B[0, :3])),
    "pinv": (lambda b: torch.linalg.pinv(b), (B,)),
    "lstsq": (lambda a, b: torch.linalg.lstsq(a, b).solution, (B.T, RNG.normal(size=(4, 2)))),
    "lstsq_vector": (lambda a, b: torch.linalg.lstsq(a, b).solution, (B.T, RNG.normal(size=4))),
    "cholesky": (lambda a: torch.linalg.cholesky(a @ a.mT + torch.eye(3, dtype=a.dtype)), (A,)),
    "cholesky_upper": (lambda a: torch.linalg.cholesky(a @ a.mT, upper=True), (A,)),
    "vector_norm": (lambda x: (torch.linalg.vector_norm(x), torch.linalg.vector_norm(x, 3.0, dim=1),
                               torch.linalg.vector_norm(x, 1, dim=0)), (B,)),
    "vector_norm_inf": (lambda x: torch.linalg.vector_norm(x, float("inf"), dim=1), (B,)),
    "matrix_norms": (lambda x: (torch.linalg.matrix_norm(x), torch.linalg.matrix_norm(x, 1),
                                torch.linalg.matrix_norm(x, -float("inf"))), (B,)),
    "singular_values": (lambda x: (torch.linalg.svdvals(x), torch.linalg.matrix_norm(x, "nuc")), (B,)),
    "eigenvalues": (lambda a: torch.linalg.eigvalsh(a + a.mT), (A,)),
    "einsum": (lambda a, b: torch.einsum("ij,jk,ik->k", a, b, a @ b), (A, B)),
    "einsum_diag_ellipsis": (lambda a: torch.einsum("...ii->...i", a) * torch.einsum("ij->", a), (A,)),
    "tensordot": (lambda a, b: torch.tensordot(a, b, dims=([0], [0])), (A, B)),
    "kron": (lambda a, b: torch.kron(a, b), (A[:2], B[:, :2])),
    "cross": (lambda a, b: torch.linalg.cross(a, b, dim=0), (A, B[:, :3])),
    "cdist": (lambda x, y: (torch.cdist(x, y), torch.cdist(x, y, p=1), torch.cdist(x, y, p=3.5)), (B.T, A)),
    "addmv_addr": (lambda c, a, v: (torch.addmv(c[0], a, v, beta=0.5, alpha=2), torch.addr(c, v, c[1], alpha=3)),
                   (A, A, B[0, :3])),
    "baddbmm_addbmm": (lambda c, x: (torch.baddbmm(c, x, x, beta=2), torch.addbmm(c, x, x, alpha=-1)),
                       (A, RNG.normal(size=(2, 3, 3)))),
    "matrix_power": (lambda a: (torch.linalg.matrix_power(a, 3), torch.matrix_power(a, -2)), (A,)),
    "vdot_inner": (lambda v, w: (torch.vdot(v, w), torch.inner(v, w)), (B[0], B[1])),
    "matrix_exp": (lambda a: torch.linalg.matrix_exp(a * 0.7), (A,)),
    "solve_triangular": (lambda a, b: (torch.linalg.solve_triangular(a, b, upper=True),
                                       torch.linalg.solve_triangular(a, b, upper=False, unitriangular=True)), (A, B)),
    "solve_triangular_right": (lambda a, b: torch.linalg.solve_triangular(a, b, upper=False, left=False), (A, B.T)),
    "vecdot": (lambda a, b: torch.linalg.vecdot(a, b, dim=0), (A, B[:, :3])),
    "dist": (lambda a, b: (torch.dist(a, b), torch.dist(a, b, 1), a.dist(b, 3.5), torch.dist(a, b, float("inf"))),
             (B[0] * 0.5 + 0.1, B)),
    "cholesky_solve": (lambda b, a: (torch.cholesky_solve(b, torch.linalg.cholesky(a @ a.mT)),
                                     torch.cholesky_solve(b, torch.linalg.cholesky(a @ a.mT, upper=True), True)),
                       (B, A)),
    "cholesky_inverse": (lambda a: (torch.cholesky_inverse(torch.linalg.cholesky(a @ a.mT)),
                                    torch.cholesky_inverse(torch.linalg.cholesky(a @ a.mT).mT, upper=True)), (A,)),
    "triangular_solve": (lambda b, a: tuple(torch.triangular_solve(b, a, transpose=True)), (B, A)),
    "block_diag": (lambda a, b: torch.block_diag(a, b, b[0], b[0, 0]), (A, B)),
    "cond": (lambda a: tuple(torch.linalg.cond(a, p) for p in (None, -2, "fro", "nuc", 1, -float("inf"))), (A,)),
    "vander": (lambda v: (torch.vander(v), torch.vander(v, 4, increasing=True), torch.linalg.vander(v)), (B[0],)),
}


@pytest.mark.filterwarnings("ignore:torch.triangular_solve is deprecated")
@pytest.mark.parametrize("name", sorted(GRADCHECK))
def test_gradients_match_central_differences(name: str) -> None:
    fn, arrays = GRADCHECK[name]
    assert gradcheck(fn, tuple(leaf(a) for a in arrays))


@pytest.mark.parametrize("name", ["inv", "det", "logabsdet", "solve", "pinv", "cholesky", "vector_norm", "einsum",
                                  "cross", "cdist", "matrix_power", "lstsq", "matrix_exp", "solve_triangular",
                                  "dist", "cholesky_solve", "cholesky_inverse"])
def test_second_derivatives_match_central_differences(name: str) -> None:
    fn, arrays = GRADCHECK[name]
    assert gradgradcheck(fn, tuple(leaf(a) for a in arrays))


def test_det_gradient_is_zero_at_an_exactly_singular_matrix_as_torch() -> None:
    a = leaf([[1.0, 2.0], [2.0, 4.0]])
    torch.det(a).backward()
    assert a.grad.tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_vector_norm_order_zero_sends_no_gradient() -> None:
    x = leaf([1.0, 0.0, 2.0])
    (torch.linalg.vector_norm(x, 0) + x.sum()).backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0]


# --- factorizations: gradients of sign-invariant functions, and what has no backward ----------------------------


def _svd_invariants(a: torch.Tensor, full: bool = False) -> tuple[torch.Tensor, ...]:
    """Functions of the SVD that do not depend on the singular vectors' signs."""
    u, s, vh = torch.linalg.svd(a, full_matrices=full)
    k = s.shape[-1]
    c = torch.tensor([0.3, -1.2, 2.0, 0.7][:k], dtype=a.dtype)
    u, vh = u[..., :k], vh[..., :k, :]
    return (u * c) @ u.mT, (vh.mT * c) @ vh, (u * c) @ vh, s


@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (3, 3), (2, 4, 3)])
def test_svd_gradients_match_central_differences(shape: tuple[int, ...]) -> None:
    a = leaf(RNG.normal(size=shape))
    assert gradcheck(_svd_invariants, (a,))
    assert gradcheck(lambda x: _svd_invariants(x, True), (a,))
    assert gradcheck(lambda x: torch.svd(x)[2] @ torch.svd(x)[2].mT, (a,))


@pytest.mark.parametrize("shape", [(4, 3), (3, 5), (3, 3), (2, 4, 3)])
def test_qr_gradients_match_central_differences(shape: tuple[int, ...]) -> None:
    assert gradcheck(lambda x: tuple(torch.linalg.qr(x)), (leaf(RNG.normal(size=shape)),))


def test_eigh_gradients_match_central_differences() -> None:
    c = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)

    def invariants(a: torch.Tensor) -> tuple[torch.Tensor, ...]:
        w, v = torch.linalg.eigh(a @ a.mT)
        return w, (v * c) @ v.mT

    assert gradcheck(invariants, (leaf(A),))


def test_qr_backward_errors_as_torch() -> None:
    a = leaf(B.T)  # 4 x 3: tall
    with pytest.raises(RuntimeError, match="not differentiable when mode='complete' and nrows > ncols"):
        torch.linalg.qr(a, mode="complete")[0].sum().backward()
    with pytest.raises(RuntimeError, match="depends on Q, which is not computed when mode='r'"):
        torch.linalg.qr(a, mode="r")[1].sum().backward()


@pytest.mark.parametrize("fn", [lambda a: torch.linalg.svdvals(a), lambda a: torch.linalg.svd(a)[0],
                                lambda a: torch.linalg.qr(a)[1], lambda a: torch.linalg.eigh(a @ a.mT)[1]])
def test_factorizations_have_no_second_derivative(fn: Callable[[torch.Tensor], torch.Tensor]) -> None:
    a = leaf(B)
    (g,) = torch.autograd.grad(fn(a).sum(), a)  # first order is fine
    assert g.shape == (3, 4)
    with pytest.raises(NotImplementedError, match="no second derivative"):
        torch.autograd.grad(fn(a).sum(), a, create_graph=True)


def test_singular_values_gradient_by_hand() -> None:
    a = leaf(B)
    (g,) = torch.autograd.grad(torch.linalg.svdvals(a).sum(), a)
    u, _, vh = np.linalg.svd(B, full_matrices=False)
    assert np.allclose(g.numpy(), u @ vh)  # d sum(s) / dA = U V^T


# --- errors -------------------------------------------------------------------------------------------


def test_singular_and_not_positive_definite_matrices_raise_linalg_error() -> None:
    with pytest.raises(torch.linalg.LinAlgError, match="The diagonal element 2 is zero"):
        torch.linalg.inv(torch.tensor([[1.0, 2.0], [2.0, 4.0]]))
    with pytest.raises(RuntimeError, match=r"\(Batch element 1\): The solver failed"):
        torch.linalg.solve(torch.stack([torch.eye(2), torch.zeros(2, 2)]), torch.ones(2))
    with pytest.raises(torch.linalg.LinAlgError, match="leading minor of order 2 is not positive-definite"):
        torch.linalg.cholesky(torch.tensor([[1.0, 2.0], [2.0, 1.0]]))
    assert type(torch.linalg.LinAlgError("x")).__name__ == "_LinAlgError"


def test_shape_and_dtype_mistakes() -> None:
    with pytest.raises(RuntimeError, match="A must be batches of square matrices, but they are 3 by 4 matrices"):
        torch.det(torch.ones(3, 4))
    with pytest.raises(RuntimeError, match="Expected a floating point or complex tensor as input. Got Long"):
        torch.inverse(torch.eye(2, dtype=torch.long))
    with pytest.raises(RuntimeError, match="subscript j has size 2 for operand 1"):
        torch.einsum("ij,jk->ik", torch.ones(2, 3), torch.ones(2, 3))
    with pytest.raises(RuntimeError, match="X1 and X2 must have the same number of columns"):
        torch.cdist(torch.ones(2, 3), torch.ones(2, 4))
    with pytest.raises(RuntimeError, match="inputs dimension -1 must have length 3"):
        torch.linalg.cross(torch.ones(2, 4), torch.ones(2, 4))
