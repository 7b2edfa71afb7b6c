# Polynomial regression with feature matrix via torch.stack/pow, nn.Linear on features, lstsq comparison.
import torch

torch.manual_seed(0)
x = torch.rand(40, 1) * 4 - 2
y = 0.5 * x ** 3 - x ** 2 + 2 + 0.05 * torch.randn(40, 1)
X = torch.cat([x ** i for i in range(1, 4)], 1)
print(X.shape)
model = torch.nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for step in range(500):
    opt.zero_grad()
    loss = torch.nn.functional.smooth_l1_loss(model(X), y)
    loss.backward()
    opt.step()
    if step % 100 == 0:
        print(step, f"{loss.item():.6f}")
print(model.weight.view(-1), model.bias)
A = torch.cat([torch.ones(40, 1), X], 1)
sol = torch.linalg.lstsq(A, y).solution
print(sol.view(-1))
coef = torch.linalg.pinv(A) @ y
print(coef.view(-1))
xs = torch.linspace(-2, 2, 5).unsqueeze(1)
print(torch.cat([xs ** i for i in range(1, 4)], 1) @ sol[1:] + sol[0])
print(torch.vander(torch.tensor([1.0, 2.0, 3.0]), N=3))
