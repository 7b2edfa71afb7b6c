# 1-D GAN toy: generator and discriminator with two optimizers, detach() for the D step.
import torch
import torch.nn as nn

torch.manual_seed(0)
G = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
D = nn.Sequential(nn.Linear(1, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1), nn.Sigmoid())
opt_G = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999))
opt_D = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.5, 0.999))
criterion = nn.BCELoss()
batch = 16
for step in range(20):
    real = 4 + 1.25 * torch.randn(batch, 1)
    z = torch.randn(batch, 2)
    fake = G(z)
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)
    opt_D.zero_grad()
    d_loss = criterion(D(real), ones) + criterion(D(fake.detach()), zeros)
    d_loss.backward()
    opt_D.step()
    opt_G.zero_grad()
    g_loss = criterion(D(fake), ones)
    g_loss.backward()
    opt_G.step()
    if step % 5 == 0:
        print(f"step {step} D {d_loss.item():.4f} G {g_loss.item():.4f}")
with torch.no_grad():
    samples = G(torch.randn(100, 2))
print(f"{samples.mean().item():.4f} {samples.std().item():.4f}")
print(D)
