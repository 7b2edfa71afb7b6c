# Weight tying between embedding and output projection (language-model style).
import torch
import torch.nn as nn

torch.manual_seed(0)


class TiedLM(nn.Module):
    def __init__(self, vocab=10, dim=6):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, vocab, bias=False)
        self.proj.weight = self.embed.weight

    def forward(self, idx):
        return self.proj(torch.tanh(self.embed(idx)))


m = TiedLM()
print(m.proj.weight is m.embed.weight)
print(len(list(m.parameters())))
print([n for n, p in m.named_parameters()])
print(list(m.state_dict().keys()))
idx = torch.tensor([1, 2, 3])
tgt = torch.tensor([2, 3, 4])
loss = nn.functional.cross_entropy(m(idx), tgt)
loss.backward()
print(loss.item())
print(m.embed.weight.grad[1:5])
opt = torch.optim.SGD(m.parameters(), lr=1.0)
opt.step()
print(torch.equal(m.proj.weight, m.embed.weight))
