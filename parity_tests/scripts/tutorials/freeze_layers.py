# Freezing layers with requires_grad_(False), passing only trainable params to the optimizer.
import torch
import torch.nn as nn

torch.manual_seed(0)
backbone = nn.Sequential(nn.Linear(4, 6), nn.ReLU())
head = nn.Linear(6, 2)
model = nn.Sequential(backbone, head)
for param in backbone.parameters():
    param.requires_grad = False
backbone.requires_grad_(False)
print([p.requires_grad for p in model.parameters()])
opt = torch.optim.Adam(filter(lambda p: p.requires_grad, model.parameters()), lr=0.01)
x = torch.randn(10, 4)
y = torch.randint(0, 2, (10,))
before = backbone[0].weight.clone()
for _ in range(20):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
print(torch.equal(before, backbone[0].weight), backbone[0].weight.grad)
print(f"{loss.item():.4f}")
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
head.weight.requires_grad_(False)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
model.requires_grad_(True)
print(all(p.requires_grad for p in model.parameters()))
print(model.state_dict().keys())
