# The micrograd lecture's torch cross-check: a single tanh neuron in float64, then a tiny MLP loss.
import torch

x1 = torch.Tensor([2.0]).double()
x1.requires_grad = True
x2 = torch.Tensor([0.0]).double()
x2.requires_grad = True
w1 = torch.Tensor([-3.0]).double()
w1.requires_grad = True
w2 = torch.Tensor([1.0]).double()
w2.requires_grad = True
b = torch.Tensor([6.8813735870195432]).double()
b.requires_grad = True
n = x1 * w1 + x2 * w2 + b
o = torch.tanh(n)
print(o.data.item())
o.backward()
print('---')
print('x2', x2.grad.item())
print('w2', w2.grad.item())
print('x1', x1.grad.item())
print('w1', w1.grad.item())
print(o, n.grad_fn.name())
torch.manual_seed(1337)
xs = torch.tensor([[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]])
ys = torch.tensor([1.0, -1.0, -1.0, 1.0])
W1 = torch.randn(3, 4, requires_grad=True)
W2 = torch.randn(4, 1, requires_grad=True)
for k in range(20):
    ypred = torch.tanh(torch.tanh(xs @ W1) @ W2).squeeze(1)
    loss = ((ypred - ys) ** 2).sum()
    W1.grad = None
    W2.grad = None
    loss.backward()
    for p in [W1, W2]:
        p.data += -0.05 * p.grad
    if k % 5 == 0:
        print(k, loss.item())
print(ypred)
