# Q&A: module hooks (forward pre-hook, full backward hook), custom Function with needs_input_grad,
# once_differentiable, mark_non_differentiable.
import torch
import torch.nn as nn
from torch.autograd.function import once_differentiable


class ClampGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lo, hi):
        ctx.save_for_backward(x)
        ctx.lo, ctx.hi = lo, hi
        return x.clamp(lo, hi)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        mask = (x >= ctx.lo) & (x <= ctx.hi)
        print("needs", ctx.needs_input_grad)
        return grad_out * mask.float(), None, None


class ArgmaxAndMax(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        idx = x.argmax()
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return x.max(), idx

    @staticmethod
    def backward(ctx, g, _g_idx):
        x, idx = ctx.saved_tensors
        grad = torch.zeros_like(x)
        grad[idx] = g
        return grad


x = torch.tensor([-2.0, 0.5, 3.0], requires_grad=True)
y = ClampGrad.apply(x, -1.0, 1.0)
y.sum().backward()
print(y, x.grad)
x.grad = None
m, i = ArgmaxAndMax.apply(x)
(m * 2).backward()
print(m, i, i.requires_grad, x.grad)
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1))
calls = []
pre = net[0].register_forward_pre_hook(lambda mod, inp: calls.append(("pre", tuple(inp[0].shape))))
bwd = net[2].register_full_backward_hook(lambda mod, gin, gout: calls.append(("bwd", gout[0].shape, gin[0].shape)))
out = net(torch.ones(3, 2))
out.sum().backward()
print(calls)
pre.remove()
bwd.remove()
print(len(net[0]._forward_pre_hooks), len(net[2]._backward_hooks))
