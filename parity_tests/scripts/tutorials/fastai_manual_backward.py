# fast.ai part-2 style: forward/backward by hand storing grads as tensor attributes (.g), checked against autograd.
import math
import torch
from torch import tensor

torch.manual_seed(42)
n, m, nh = 50, 10, 8
x_train = torch.randn(n, m)
y_train = torch.randn(n)
w1 = torch.randn(m, nh) * math.sqrt(2 / m)
b1 = torch.zeros(nh)
w2 = torch.randn(nh, 1) / math.sqrt(nh)
b2 = torch.zeros(1)


def lin(x, w, b):
    return x @ w + b


def relu(x):
    return x.clamp_min(0.)


def mse(output, targ):
    return (output.squeeze(-1) - targ).pow(2).mean()


def mse_grad(inp, targ):
    inp.g = 2. * (inp.squeeze() - targ).unsqueeze(-1) / inp.shape[0]


def relu_grad(inp, out):
    inp.g = (inp > 0).float() * out.g


def lin_grad(inp, out, w, b):
    inp.g = out.g @ w.t()
    w.g = inp.t() @ out.g
    b.g = out.g.sum(0)


def forward_and_backward(inp, targ):
    l1 = lin(inp, w1, b1)
    l2 = relu(l1)
    out = lin(l2, w2, b2)
    loss = mse(out, targ)
    mse_grad(out, targ)
    lin_grad(l2, out, w2, b2)
    relu_grad(l1, l2)
    lin_grad(inp, l1, w1, b1)
    return loss


loss = forward_and_backward(x_train, y_train)
print(loss)
w1g, b1g, w2g, b2g, ig = w1.g.clone(), b1.g.clone(), w2.g.clone(), b2.g.clone(), x_train.g.clone()
xt2 = x_train.clone().requires_grad_(True)
for p in [w1, b1, w2, b2]:
    p.requires_grad_(True)
loss2 = mse(lin(relu(lin(xt2, w1, b1)), w2, b2), y_train)
loss2.backward()
for a, b in [(w1g, w1.grad), (b1g, b1.grad), (w2g, w2.grad), (b2g, b2.grad), (ig, xt2.grad)]:
    print(torch.allclose(a, b, rtol=1e-3, atol=1e-5))
print(x_train.mean(), x_train.std())
t = relu(lin(x_train, w1, b1))
print(f"{t.mean().item():.4f} {t.std().item():.4f}")


def log_softmax(x):
    m = x.max(-1)[0]
    return x - (m + (x - m[:, None]).exp().sum(-1).log())[:, None]


pred = torch.randn(4, 3)
print(torch.allclose(log_softmax(pred), pred.log_softmax(-1), atol=1e-6))
targ = tensor([0, 1, 2, 1])
print(-log_softmax(pred)[range(4), targ].mean())
print(tensor([1, 2]), tensor(3.).dtype)
