# Save and load a model: state_dict, torch.save/torch.load to a temp file, checkpoint dict with optimizer.
import os
import tempfile
import torch
import torch.nn as nn
import torch.optim as optim


class TheModelClass(nn.Module):
    def __init__(self):
        super(TheModelClass, self).__init__()
        self.fc1 = nn.Linear(4, 6)
        self.fc2 = nn.Linear(6, 3)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        return self.fc2(x)


torch.manual_seed(0)
model = TheModelClass()
optimizer = optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
x = torch.randn(5, 4)
loss = model(x).pow(2).mean()
loss.backward()
optimizer.step()
print("Model's state_dict:")
for param_tensor in model.state_dict():
    print(param_tensor, "\t", model.state_dict()[param_tensor].size())
print("Optimizer's state_dict:")
for var_name in optimizer.state_dict():
    print(var_name, "\t", optimizer.state_dict()[var_name])
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "model.pt")
    torch.save(model.state_dict(), path)
    model2 = TheModelClass()
    print(model2.load_state_dict(torch.load(path, weights_only=True)))
    model2.eval()
    print(torch.equal(model(x), model2(x)))
    ckpt = os.path.join(d, "ckpt.tar")
    torch.save({"epoch": 5, "model_state_dict": model.state_dict(),
                "optimizer_state_dict": optimizer.state_dict(), "loss": loss}, ckpt)
    checkpoint = torch.load(ckpt)
    model3 = TheModelClass()
    opt3 = optim.SGD(model3.parameters(), lr=0.1)
    model3.load_state_dict(checkpoint["model_state_dict"])
    opt3.load_state_dict(checkpoint["optimizer_state_dict"])
    print(checkpoint["epoch"], checkpoint["loss"], opt3.param_groups[0]["lr"])
    print(model3(x))
    t = torch.arange(4.0)
    torch.save(t, os.path.join(d, "t.pt"))
    print(torch.load(os.path.join(d, "t.pt")))
