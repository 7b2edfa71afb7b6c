# Q&A: detach vs no_grad vs .data; inference_mode; clone().detach().
import torch

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
x = torch.tensor([1.0, 2.0, 3.0])
y = (w * x).sum()
d = y.detach()
print(d.requires_grad, d.grad_fn, d)
with torch.no_grad():
    z = (w * x).sum()
print(z.requires_grad, z.grad_fn)
with torch.inference_mode():
    k = w * 2
print(k.requires_grad, torch.is_inference_mode_enabled())
e = w.data
e[0] = 100.0
print(w)
c = w.clone().detach()
c[1] = -1.0
print(w[1].item() != -1.0, c)
s = w.detach().numpy()
print(s.shape, s.dtype)
y2 = (w * x).sum()
y2.backward()
print(w.grad)
t = torch.tensor([1.0, 2.0], requires_grad=True)
u = t * 2
v = u.detach()
v.zero_()
print(u)


@torch.no_grad()
def evaluate(inp):
    return (w * inp).sum()


r = evaluate(x)
print(r.requires_grad, round(r.item(), 4))
