# Q&A: register_hook to inspect/modify gradients; module forward hooks.
import torch
import torch.nn as nn

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
seen = []
y.register_hook(lambda g: seen.append(g.clone()))
h = x.register_hook(lambda g: g * 10)
(y ** 2).sum().backward()
print(seen, x.grad)
h.remove()
x.grad = None
(y.detach() * x).sum().backward()
print(x.grad)
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
acts = {}


def save_act(name):
    def hook(module, inp, out):
        acts[name] = out.detach()
    return hook


handle = net[1].register_forward_hook(save_act("relu"))
out = net(torch.tensor([[1.0, -1.0]]))
print(out, acts["relu"])
handle.remove()
for p in net.parameters():
    p.register_hook(lambda g: g.clamp(-0.01, 0.01))
net(torch.tensor([[10.0, -10.0]])).sum().backward()
print(net[0].weight.grad, net[2].bias.grad)
