# F.relu and friends, module activations, and their gradients.
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.linspace(-2, 2, 9, requires_grad=True)
for name in ["relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu", "silu", "softplus", "relu6", "hardtanh", "softsign", "mish", "selu", "logsigmoid"]:
    fn = getattr(F, name)
    x.grad = None
    y = fn(x)
    y.sum().backward()
    print(name, y, x.grad)
print(F.leaky_relu(x, negative_slope=0.2))
print(nn.LeakyReLU(0.1)(x), nn.PReLU()(x))
print(nn.ELU(alpha=0.5)(x))
print(torch.relu(x), torch.sigmoid(x), torch.tanh(x))
print(x.relu(), x.sigmoid(), x.tanh())
print(nn.Softplus(beta=2)(x))
print(nn.Threshold(0.1, 20)(x))
print(nn.GELU(approximate="tanh")(x))
print(F.hardsigmoid(x), F.hardswish(x))
