# A tour of torch.linalg and einsum as tutorials use them: solving, fitting, norms, attention with einsum,
# gradients through determinants and inverses, and the errors people hit.
import torch

torch.manual_seed(0)

# Solve a linear system and check the residual
A = torch.randn(4, 4) + 4 * torch.eye(4)
b = torch.randn(4)
x = torch.linalg.solve(A, b)
print(x, torch.allclose(A @ x, b, atol=1e-5))
print(torch.linalg.inv(A) @ b)
print(torch.linalg.det(A), torch.det(A), A.det())
sign, logabsdet = torch.linalg.slogdet(A)
print(sign, logabsdet, torch.logdet(A @ A.T))

# Least squares fit of a line y = 2x + 1
xs = torch.linspace(0, 1, 8)
X = torch.stack([xs, torch.ones(8)], dim=1)
y = 2 * xs + 1 + 0.01 * torch.randn(8)
coef = torch.linalg.lstsq(X, y.unsqueeze(1)).solution
print(coef.squeeze(), torch.linalg.pinv(X) @ y)

# Norms
M = torch.randn(3, 5)
print(torch.linalg.norm(M), torch.linalg.norm(M, dim=1), M.norm(p=1), torch.norm(M, dim=0))
print(torch.linalg.vector_norm(M, ord=float("inf")), torch.linalg.matrix_norm(M, ord=1))
print(torch.linalg.matrix_norm(M, ord="nuc"), torch.linalg.matrix_norm(M, ord=2), torch.linalg.svdvals(M))

# Symmetric eigenvalues and Cholesky
S = M @ M.T + torch.eye(3)
print(torch.linalg.eigvalsh(S))
L = torch.linalg.cholesky(S)
print(L, torch.allclose(L @ L.T, S, atol=1e-5))
U, Sv, Vh = torch.linalg.svd(M, full_matrices=False)
print(Sv, torch.allclose(U @ torch.diag(Sv) @ Vh, M, atol=1e-5))
Q, R = torch.linalg.qr(M.T)
print(torch.allclose(Q @ R, M.T, atol=1e-5), torch.equal(torch.triu(R), R))

# Attention scores with einsum
q = torch.randn(2, 3, 4)
k = torch.randn(2, 5, 4)
v = torch.randn(2, 5, 6)
scores = torch.einsum("bqd,bkd->bqk", q, k) / 2.0
out = torch.einsum("bqk,bkd->bqd", scores.softmax(-1), v)
print(scores.shape, out.shape, out[0, 0])
print(torch.einsum("ii", S), torch.trace(S), torch.einsum("i,i->", b, b))

# Gradients through the determinant and the inverse
W = torch.randn(3, 3, requires_grad=True)
loss = torch.linalg.det(W) + torch.linalg.inv(W + 3 * torch.eye(3)).sum()
loss.backward()
print(loss, W.grad)
P = torch.randn(4, 2, requires_grad=True)
d = torch.cdist(P, P[:3])
d.sum().backward()
print(d, P.grad)

# Products
print(torch.kron(torch.eye(2), torch.tensor([[1.0, 2.0], [3.0, 4.0]])))
print(torch.linalg.cross(torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 1.0, 0.0])))
print(torch.tensordot(torch.ones(2, 3), torch.ones(3, 4), dims=1))
print(torch.addmm(torch.zeros(2, 2), torch.eye(2), torch.ones(2, 2), beta=0.5, alpha=3))
print(torch.linalg.matrix_power(torch.tensor([[1.0, 1.0], [1.0, 0.0]]), 8), torch.linalg.matrix_exp(torch.zeros(2, 2)))

# The usual mistakes
for bad in (lambda: torch.linalg.inv(torch.ones(2, 2)), lambda: torch.linalg.solve(A, torch.ones(3)),
            lambda: torch.einsum("ij,jk->ik", A, M)):
    try:
        bad()
    except RuntimeError as e:
        print(type(e).__name__, e)
torch.linalg.cholesky(-S)
