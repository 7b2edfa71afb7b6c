# autograd.grad with grad_outputs, backward(inputs=...), enable_grad inside no_grad, vector-Jacobian products, gradient of a norm.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
(vjp,) = torch.autograd.grad(y, x, grad_outputs=torch.tensor([1.0, 0.1, 0.01]))
print(vjp)
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
loss = a * b + b ** 2
loss.backward(inputs=[a])
print(a.grad, b.grad)
with torch.no_grad():
    with torch.enable_grad():
        z = a * 4
    print(z.requires_grad)
with torch.set_grad_enabled(False):
    print((a * 2).requires_grad)
w = torch.tensor([3.0, 4.0], requires_grad=True)
w.norm().backward()
print(w.grad)
u = torch.tensor([0.0, 0.0], requires_grad=True)
u.norm().backward()
print(u.grad)
r = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
(r.relu().sum() + r.abs().sum() + r.clamp(min=0).sum()).backward()
print(r.grad)
m = torch.tensor([1.0, 3.0, 3.0], requires_grad=True)
m.max().backward()
print(m.grad)
s = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
out = s.sum(dim=0) * torch.tensor([1.0, 2.0])
out.backward(torch.ones(2))
print(s.grad, out.grad_fn.name(), out.grad_fn.next_functions[0][0].name())
