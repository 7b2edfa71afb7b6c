# Char-level RNN: one-hot encode a string, nn.RNN over the sequence, predict next char.
import torch
import torch.nn as nn

torch.manual_seed(0)
text = "hello world"
chars = sorted(set(text))
char2idx = {c: i for i, c in enumerate(chars)}
print(chars)
idx = torch.tensor([char2idx[c] for c in text])
x = nn.functional.one_hot(idx[:-1], num_classes=len(chars)).float().unsqueeze(0)
target = idx[1:].unsqueeze(0)
print(x.shape, target.shape)


class CharRNN(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.rnn = nn.RNN(vocab, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, vocab)

    def forward(self, x, h=None):
        out, h = self.rnn(x, h)
        return self.fc(out), h


model = CharRNN(len(chars), 12)
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(40):
    opt.zero_grad()
    out, h = model(x)
    loss = nn.functional.cross_entropy(out.view(-1, len(chars)), target.view(-1))
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(epoch, round(loss.item(), 4))
print(h.shape)
pred = out.argmax(dim=2)
print("".join(chars[i] for i in pred[0].tolist()))
print(model.rnn)
for name, p in model.named_parameters():
    print(name, tuple(p.shape))
