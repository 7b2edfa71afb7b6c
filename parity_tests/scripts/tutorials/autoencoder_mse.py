# Tiny autoencoder on random data: encoder/decoder Sequentials, reconstruction loss, latent shape.
import torch
from torch import nn

torch.manual_seed(3)
data = torch.rand(64, 16)


class AutoEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3))
        self.decoder = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 16), nn.Sigmoid())

    def forward(self, x):
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return encoded, decoded


ae = AutoEncoder()
print(ae)
optimizer = torch.optim.Adam(ae.parameters(), lr=1e-2)
loss_func = nn.MSELoss()
for epoch in range(30):
    for step in range(4):
        b_x = data[step * 16:(step + 1) * 16]
        encoded, decoded = ae(b_x)
        loss = loss_func(decoded, b_x)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    if epoch % 10 == 0:
        print("Epoch: ", epoch, "| train loss: %.4f" % loss.data.numpy())
enc, dec = ae(data[:2])
print(enc.shape, dec.shape)
print(enc)
print(sum(p.numel() for p in ae.parameters() if p.requires_grad))
