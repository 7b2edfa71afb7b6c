# Variable-length sequence classification: pack_sequence(enforce_sorted=False) into a bidirectional GRU.
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence, pack_padded_sequence

torch.manual_seed(0)
seqs = [torch.randn(n, 3) for n in (4, 2, 5, 1)]
labels = torch.tensor([0, 1, 1, 0])


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(3, 6, num_layers=2, bidirectional=True, dropout=0.2)
        self.fc = nn.Linear(12, 2)

    def forward(self, packed):
        out, h = self.gru(packed)
        return self.fc(torch.cat([h[-2], h[-1]], dim=1)), out


model = Classifier()
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for step in range(4):
    packed = pack_sequence(seqs, enforce_sorted=False)
    logits, out = model(packed)
    loss = nn.functional.cross_entropy(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, f"{loss.item():.4f}")
print(packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices)
padded, lengths = pad_packed_sequence(out, batch_first=True)
print(padded.shape, lengths)
print(padded[3, 1:].abs().sum().item())
try:
    pack_padded_sequence(padded, lengths, batch_first=True)
except RuntimeError as err:
    print("RuntimeError:", str(err)[:60])
