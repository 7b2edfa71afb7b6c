# Q&A: "why is my .grad None?" - non-leaf, .to()/arithmetic creating non-leafs, retain_grad, requires_grad after creation.
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
c = b.sum()
c.backward()
print(a.grad, b.grad, a.is_leaf, b.is_leaf, c.is_leaf)
w = torch.randn(2, 2, requires_grad=True) * 0.1
print(w.is_leaf, w.grad_fn is not None)
torch.manual_seed(0)
w = (torch.randn(2, 2) * 0.1).requires_grad_()
print(w.is_leaf, w.requires_grad)
loss = (w ** 2).sum()
loss.backward()
print(w.grad is None)
x = torch.tensor([3.0], requires_grad=True)
y = x ** 2
y.retain_grad()
z = 3 * y
z.backward()
print(x.grad, y.grad)
p = torch.tensor(2.0)
p.requires_grad = True
(p * p).backward()
print(p.grad)
q = torch.tensor(1.0, requires_grad=True)
r = q.detach() * 3
print(r.requires_grad, r.grad_fn)
print(torch.is_grad_enabled())
with torch.no_grad():
    print(torch.is_grad_enabled(), (q * 2).requires_grad)
torch.set_grad_enabled(False)
print((q * 2).requires_grad)
torch.set_grad_enabled(True)
print((q * 2).requires_grad)
