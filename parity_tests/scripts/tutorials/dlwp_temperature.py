# Deep Learning with PyTorch ch. 5/6: thermometer calibration, manual params then nn.Linear.
import torch
import torch.nn as nn
import torch.optim as optim

t_c = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
t_u = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]
t_c = torch.tensor(t_c)
t_u = torch.tensor(t_u)


def model(t_u, w, b):
    return w * t_u + b


def loss_fn(t_p, t_c):
    squared_diffs = (t_p - t_c)**2
    return squared_diffs.mean()


def training_loop(n_epochs, optimizer, params, t_u, t_c):
    for epoch in range(1, n_epochs + 1):
        t_p = model(t_u, *params)
        loss = loss_fn(t_p, t_c)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if epoch % 250 == 0:
            print('Epoch %d, Loss %f' % (epoch, float(loss)))
    return params


t_un = 0.1 * t_u
params = torch.tensor([1.0, 0.0], requires_grad=True)
learning_rate = 1e-2
optimizer = optim.SGD([params], lr=learning_rate)
print(training_loop(1000, optimizer, params, t_un, t_c))
params = torch.tensor([1.0, 0.0], requires_grad=True)
optimizer = optim.Adam([params], lr=1e-1)
print(training_loop(1000, optimizer, params, t_u, t_c))
n_samples = t_u.shape[0]
n_val = int(0.2 * n_samples)
torch.manual_seed(1)
shuffled_indices = torch.randperm(n_samples)
train_indices = shuffled_indices[:-n_val]
val_indices = shuffled_indices[-n_val:]
print(train_indices, val_indices)
t_c = t_c.unsqueeze(1)
t_u = t_u.unsqueeze(1)
linear_model = nn.Linear(1, 1)
print(linear_model(t_un.unsqueeze(1)[val_indices]))
print(linear_model.weight, linear_model.bias)
x = torch.ones(10, 1)
print(linear_model(x))
optimizer = optim.SGD(linear_model.parameters(), lr=1e-2)
print(list(linear_model.parameters()))
seq_model = nn.Sequential(nn.Linear(1, 13), nn.Tanh(), nn.Linear(13, 1))
print(seq_model)
print([param.shape for param in seq_model.parameters()])
for name, param in seq_model.named_parameters():
    print(name, param.shape)
opt = optim.SGD(seq_model.parameters(), lr=1e-3)
for epoch in range(1, 301):
    t_p = seq_model(0.1 * t_u[train_indices])
    loss = nn.MSELoss()(t_p, t_c[train_indices])
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 100 == 0:
        with torch.no_grad():
            val = nn.MSELoss()(seq_model(0.1 * t_u[val_indices]), t_c[val_indices])
        print(f"Epoch {epoch}, Training loss {loss.item():.4f}, Validation loss {val.item():.4f}")
print('output', seq_model(0.1 * t_u[val_indices]))
print('hidden', seq_model[0].weight.grad)
