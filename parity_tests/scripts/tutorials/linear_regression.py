# Linear regression with nn.Linear, MSELoss and SGD, printing every 10 epochs.
import torch
import torch.nn as nn

torch.manual_seed(42)
X = torch.randn(100, 1) * 10
y = X + 3 * torch.randn(100, 1)


class LR(nn.Module):
    def __init__(self, input_size, output_size):
        super().__init__()
        self.linear = nn.Linear(input_size, output_size)

    def forward(self, x):
        pred = self.linear(x)
        return pred


model = LR(1, 1)
print(model)
[w, b] = model.parameters()
print(w.item(), b[0].item())
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
epochs = 50
losses = []
for i in range(epochs):
    y_pred = model.forward(X)
    loss = criterion(y_pred, y)
    if i % 10 == 0:
        print("epoch:", i, "loss:", loss.item())
    losses.append(loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(model.linear.weight, model.linear.bias)
for name, param in model.named_parameters():
    print(name, param.shape, param.requires_grad)
print(model.state_dict().keys())
