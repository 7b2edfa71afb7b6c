# Variable-length sequences: pad_sequence, pack_padded_sequence into an LSTM, pad_packed_sequence.
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence

torch.manual_seed(0)
seqs = [torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])]
padded = pad_sequence(seqs, batch_first=True, padding_value=0)
print(padded)
lengths = torch.tensor([len(s) for s in seqs])
emb = nn.Embedding(7, 4, padding_idx=0)
lstm = nn.LSTM(4, 5, batch_first=True)
packed = pack_padded_sequence(emb(padded), lengths, batch_first=True, enforce_sorted=True)
out, (h, c) = lstm(packed)
unpacked, lens = pad_packed_sequence(out, batch_first=True)
print(unpacked.shape, lens)
print(h.shape)
print(torch.allclose(unpacked[1, 1], h[0, 1]))
print(unpacked[2, 1:])
