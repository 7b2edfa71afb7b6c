# LSTM predicting the next value of a sine wave (common blog example).
import math
import torch
import torch.nn as nn

torch.manual_seed(0)
t = torch.linspace(0, 4 * math.pi, 60)
wave = torch.sin(t)
seq_len = 8
xs = torch.stack([wave[i:i + seq_len] for i in range(len(wave) - seq_len)]).unsqueeze(-1)
ys = wave[seq_len:].unsqueeze(-1)
print(xs.shape, ys.shape)


class LSTMNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=16, num_layers=1, batch_first=True)
        self.linear = nn.Linear(16, 1)

    def forward(self, x):
        out, (h_n, c_n) = self.lstm(x)
        return self.linear(out[:, -1, :])


model = LSTMNet()
print(model)
opt = torch.optim.Adam(model.parameters(), lr=0.02)
loss_fn = nn.MSELoss()
for epoch in range(25):
    opt.zero_grad()
    loss = loss_fn(model(xs), ys)
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        print(f"epoch {epoch} loss {loss.item():.5f}")
with torch.no_grad():
    print(model(xs[:3]).squeeze())
h0 = torch.zeros(1, 2, 16)
c0 = torch.zeros(1, 2, 16)
out, (hn, cn) = model.lstm(xs[:2], (h0, c0))
print(out.shape, hn.shape, cn.shape)
