# Sorting/searching helpers: argsort, sort stable, searchsorted, bucketize, isin, allclose/isclose, assert_close.
import torch

x = torch.tensor([3.0, 1.0, 2.0, 1.0])
print(torch.argsort(x), torch.argsort(x, descending=True))
print(torch.sort(x, stable=True))
bounds = torch.tensor([1.0, 2.0, 3.0])
print(torch.bucketize(torch.tensor([0.5, 1.0, 2.5, 4.0]), bounds))
print(torch.searchsorted(bounds, torch.tensor([2.0, 2.5])))
print(torch.searchsorted(bounds, torch.tensor([2.0]), right=True))
print(torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2, 5])))
print(torch.isclose(torch.tensor([1.0, 1.1]), torch.tensor([1.0 + 1e-9, 1.0])))
print(torch.allclose(torch.tensor([1.0]), torch.tensor([1.0001]), rtol=1e-3))
torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0]))
try:
    torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.5]))
except AssertionError as e:
    print(type(e).__name__, str(e).splitlines()[0])
print(torch.logsumexp(torch.tensor([1.0, 2.0, 3.0]), dim=0))
print(torch.special.expit(torch.tensor([0.0, 2.0])), torch.special.logit(torch.tensor([0.5])))
print(torch.count_nonzero(torch.tensor([0, 1, 2, 0])), torch.diff(torch.tensor([1, 4, 9, 16])))
