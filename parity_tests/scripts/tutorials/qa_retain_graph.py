# Q&A: "Trying to backward through the graph a second time", retain_graph, torch.autograd.grad, create_graph.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
(g,) = torch.autograd.grad(y, x, create_graph=True)
print(g)
(g2,) = torch.autograd.grad(g, x)
print(g2)
a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = (a * a).sum()
grads = torch.autograd.grad(out, [a])
print(grads)
u = torch.tensor(1.0, requires_grad=True)
v = torch.tensor(5.0, requires_grad=True)
f = u * 2
print(torch.autograd.grad(f, [u, v], allow_unused=True))
try:
    torch.autograd.grad(u * 2, [u, v])
except RuntimeError as e:
    print(type(e).__name__, str(e).split(".")[0])
h = u * 3
h.backward(torch.tensor(2.0))
print(u.grad)
