# Hooks: forward hooks to grab activations, tensor hooks to modify grads, removing handles.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
activations = {}


def get_activation(name):
    def hook(model, input, output):
        activations[name] = output.detach()
    return hook


h1 = model[0].register_forward_hook(get_activation("fc1"))
h2 = model[1].register_forward_hook(get_activation("relu"))
x = torch.randn(2, 3)
out = model(x)
print(activations["fc1"])
print(activations["relu"])
h1.remove()
h2.remove()
activations.clear()
model(x)
print(len(activations))
w = torch.ones(3, requires_grad=True)
handle = w.register_hook(lambda g: g * 10)
(w * 2).sum().backward()
print(w.grad)
handle.remove()
w.grad.zero_()
(w * 2).sum().backward()
print(w.grad)
grads = []
y = x.clone().requires_grad_(True)
z = y * 3
z.register_hook(lambda g: grads.append(g.clone()))
(z ** 2).sum().backward()
print(grads[0])


def pre_hook(module, args):
    print("pre", args[0].shape)
    return (args[0] * 0,)


model[0].register_forward_pre_hook(pre_hook)
print(model(x))
