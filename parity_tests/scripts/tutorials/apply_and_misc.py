# Tensor.apply_, map_, element-wise python functions, torch.manual_seed reproducibility, randn/rand/randint/normal/bernoulli/multinomial.
import math
import torch

t = torch.tensor([1.0, 2.0, 3.0])
t.apply_(lambda v: v * v + 1)
print(t)
torch.manual_seed(42)
a = torch.rand(3)
torch.manual_seed(42)
b = torch.rand(3)
print(torch.equal(a, b), a)
print(torch.randn(2, 2), torch.randint(0, 5, (4,)), torch.randint(10, (2,)))
print(torch.normal(mean=0.0, std=1.0, size=(3,)), torch.normal(torch.zeros(2), torch.ones(2)))
print(torch.bernoulli(torch.full((5,), 0.5)), torch.multinomial(torch.tensor([0.1, 0.6, 0.3]), 4, replacement=True))
print(torch.randperm(5), torch.rand(2, 2).uniform_(-1, 1), torch.empty(3).normal_(0, 1))
print(torch.rand(1).item() < 1.0, torch.randn_like(torch.zeros(2)), torch.randint_like(torch.zeros(3), 0, 4))
print(torch.exp(torch.tensor(1.0)), torch.log(torch.tensor(math.e)), torch.pi if hasattr(torch, "pi") else math.pi)
print(torch.sin(torch.tensor([0.0, math.pi / 2])), torch.atan2(torch.tensor(1.0), torch.tensor(1.0)))
print(torch.pow(2, torch.arange(4)), torch.tensor(2.0) ** torch.tensor([1.0, 0.5]), torch.log1p(torch.tensor(0.5)), torch.expm1(torch.tensor(0.1)))
print(torch.tensor([1.0, 4.0]).log2(), torch.log10(torch.tensor(100.0)), torch.erf(torch.tensor(0.5)), torch.lerp(torch.zeros(2), torch.ones(2), 0.25))
print(torch.tensor(7).remainder(3), torch.fmod(torch.tensor(-7.0), 3), torch.tensor(-7) // 2)
