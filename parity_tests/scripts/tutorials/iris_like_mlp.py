# Iris-like 3-class MLP on synthetic blobs: CrossEntropyLoss, argmax accuracy, train/test split.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
centers = torch.tensor([[0.0, 0.0, 0.0, 0.0], [3.0, 3.0, 0.0, 1.0], [0.0, 3.0, 3.0, -1.0]])
X = torch.cat([c + torch.randn(50, 4) for c in centers])
y = torch.cat([torch.full((50,), i, dtype=torch.long) for i in range(3)])
perm = torch.randperm(150)
X, y = X[perm], y[perm]
X_train, X_test = X[:120], X[120:]
y_train, y_test = y[:120], y[120:]
mean, std = X_train.mean(dim=0), X_train.std(dim=0)
X_train = (X_train - mean) / std
X_test = (X_test - mean) / std


class Model(nn.Module):
    def __init__(self, in_features=4, h1=8, h2=9, out_features=3):
        super().__init__()
        self.fc1 = nn.Linear(in_features, h1)
        self.fc2 = nn.Linear(h1, h2)
        self.out = nn.Linear(h2, out_features)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.out(x)


model = Model()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
losses = []
for i in range(100):
    y_pred = model.forward(X_train)
    loss = criterion(y_pred, y_train)
    losses.append(loss.detach().numpy())
    if i % 25 == 0:
        print(f"epoch: {i:2}  loss: {loss.item():10.8f}")
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
with torch.no_grad():
    y_val = model.forward(X_test)
    loss = criterion(y_val, y_test)
print(f"{loss:.8f}")
correct = 0
with torch.no_grad():
    for i, data in enumerate(X_test[:5]):
        y_val = model.forward(data)
        print(f"{i+1:2}. {str(y_val):38}  {y_test[i]}")
        if y_val.argmax().item() == y_test[i]:
            correct += 1
print(f"{correct} correct")
print(type(losses[0]), losses[0].dtype, float(losses[-1]))
