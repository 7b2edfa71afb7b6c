# Higher-order derivatives with autograd.grad(create_graph=True), and a Hessian-vector product.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3 + 2 * x ** 2
dy_dx, = torch.autograd.grad(y, x, create_graph=True)
print(dy_dx)
d2y_dx2, = torch.autograd.grad(dy_dx, x, create_graph=True)
print(d2y_dx2)
d3, = torch.autograd.grad(d2y_dx2, x)
print(d3)

w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
f = (w.tanh() * w.exp()).sum()
g, = torch.autograd.grad(f, w, create_graph=True)
v = torch.tensor([1.0, 0.0, 1.0])
hv, = torch.autograd.grad(g @ v, w)
print(g.detach(), hv)

z = torch.linspace(-2, 2, 5, requires_grad=True)
s = torch.sigmoid(z)
grad_s, = torch.autograd.grad(s.sum(), z, create_graph=True)
print(grad_s)
grad2, = torch.autograd.grad(grad_s.sum(), z)
print(grad2)
