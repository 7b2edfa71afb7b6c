# Q&A-style: verify autograd against hand-derived gradients and finite differences; gradcheck.
import torch

torch.manual_seed(0)
x = torch.randn(3, dtype=torch.float64, requires_grad=True)
f = lambda t: (t.sin() * t.exp()).sum() + (t ** 2).prod()
y = f(x)
y.backward()
analytic = x.grad.clone()
eps = 1e-6
numeric = torch.zeros(3, dtype=torch.float64)
with torch.no_grad():
    for i in range(3):
        e = torch.zeros(3, dtype=torch.float64)
        e[i] = eps
        numeric[i] = (f(x + e) - f(x - e)) / (2 * eps)
print(analytic)
print(torch.allclose(analytic, numeric, atol=1e-6))
print(torch.autograd.gradcheck(lambda t: (t.tanh() * 3).sum(), (x,)))
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
v = torch.tensor([1.0, -1.0])
out = torch.sigmoid(w @ v)
out.sum().backward()
s = torch.sigmoid(w.detach() @ v)
print(w.grad, torch.outer(s * (1 - s), v))
J = torch.autograd.functional.jacobian(lambda t: t ** 2, torch.tensor([1.0, 2.0]))
print(J)
H = torch.autograd.functional.hessian(lambda t: (t ** 3).sum(), torch.tensor([1.0, 2.0]))
print(H)
