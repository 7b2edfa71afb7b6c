# A tour of common layers: a tiny CNN with BatchNorm, a char-level LSTM with Embedding, LayerNorm, schedulers.
# (The conv before BatchNorm has no bias: that bias gets a gradient of pure rounding noise, which Adam
# turns into full-size steps in a direction that differs between any two implementations.)
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
cnn = nn.Sequential(
    nn.Conv2d(1, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(4, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(8, 3),
)
print(cnn)
x = torch.randn(16, 1, 8, 8)
y = torch.randint(0, 3, (16,))
opt = torch.optim.Adam(cnn.parameters(), lr=0.01)
sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.05, total_steps=20)
for step in range(20):
    opt.zero_grad()
    loss = F.cross_entropy(cnn(x), y)
    loss.backward()
    opt.step()
    sched.step()
    if step % 5 == 0:
        print(step, f"{loss.item():.4f}", f"{sched.get_last_lr()[0]:.5f}")
cnn.eval()
print(cnn(x[:2]))
print(cnn[1].running_mean, cnn[1].num_batches_tracked)


class CharModel(nn.Module):
    def __init__(self, vocab, emb, hidden):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb, padding_idx=0)
        self.rnn = nn.LSTM(emb, hidden, batch_first=True)
        self.norm = nn.LayerNorm(hidden)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, idx):
        out, _ = self.rnn(self.emb(idx))
        return self.head(self.norm(out))


model = CharModel(10, 4, 8)
print(model)
print([name for name, _ in model.named_parameters()])
seq = torch.randint(1, 10, (3, 6))
opt = torch.optim.SGD(model.parameters(), lr=0.5)
plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=1, factor=0.5)
for epoch in range(8):
    opt.zero_grad()
    logits = model(seq[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, 10), seq[:, 1:].reshape(-1))
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    plateau.step(loss.item())
    print(epoch, f"{loss.item():.4f}", opt.param_groups[0]["lr"])
print(model.emb.weight.grad[0])
print(F.softmax(model(seq[:1, :3])[0, -1], dim=0))
