# Classic algorithms with tensors: k-means via cdist/argmin, PCA via SVD and torch.cov.
import torch

torch.manual_seed(0)
pts = torch.cat([torch.randn(30, 2) + torch.tensor([4.0, 4.0]), torch.randn(30, 2) - 4])
centroids = pts[torch.randperm(60)[:2]]
for it in range(5):
    d = torch.cdist(pts, centroids)
    assign = d.argmin(dim=1)
    centroids = torch.stack([pts[assign == k].mean(dim=0) for k in range(2)])
print(centroids)
print(torch.bincount(assign))
X = torch.randn(50, 3) @ torch.tensor([[3.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.1]])
Xc = X - X.mean(dim=0)
U, S, Vh = torch.linalg.svd(Xc, full_matrices=False)
print(S)
explained = S ** 2 / (S ** 2).sum()
print(explained)
C = torch.cov(Xc.T)
print(C.shape, torch.allclose(C, Xc.T @ Xc / 49, atol=1e-4))
evals, evecs = torch.linalg.eigh(C)
print(evals)
proj = Xc @ Vh[:2].T
print(proj.shape)
