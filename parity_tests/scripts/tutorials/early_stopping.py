# Early stopping on validation loss with patience and best-state copy.
import copy
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(100, 3)
y = X @ torch.tensor([[1.5], [-2.0], [0.5]]) + 0.3 * torch.randn(100, 1)
X_tr, y_tr, X_va, y_va = X[:80], y[:80], X[80:], y[80:]
model = nn.Sequential(nn.Linear(3, 32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
best_loss = float("inf")
best_state = None
patience, bad_epochs = 5, 0
for epoch in range(200):
    model.train()
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(X_tr), y_tr)
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        val_loss = nn.functional.mse_loss(model(X_va), y_va).item()
    if val_loss < best_loss - 1e-4:
        best_loss = val_loss
        best_state = copy.deepcopy(model.state_dict())
        bad_epochs = 0
    else:
        bad_epochs += 1
    if bad_epochs >= patience:
        print(f"early stop at epoch {epoch}")
        break
print(f"best val loss {best_loss:.5f}")
model.load_state_dict(best_state)
with torch.no_grad():
    print(nn.functional.mse_loss(model(X_va), y_va).item())
print(list(best_state.keys()))
