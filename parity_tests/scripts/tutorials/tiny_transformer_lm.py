# A tiny causal Transformer language model (nn.TransformerEncoder with a causal mask) trained a few steps.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
vocab, d_model, seq_len = 11, 16, 6


class TinyLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok = nn.Embedding(vocab, d_model)
        self.pos = nn.Parameter(torch.zeros(1, seq_len, d_model))
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, dim_feedforward=32, dropout=0.1, batch_first=True,
                                           norm_first=True, activation="gelu")
        self.encoder = nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)
        self.head = nn.Linear(d_model, vocab)

    def forward(self, idx):
        mask = nn.Transformer.generate_square_subsequent_mask(idx.shape[1])
        h = self.encoder(self.tok(idx) * math.sqrt(d_model) + self.pos[:, : idx.shape[1]], mask=mask, is_causal=True)
        return self.head(h)


model = TinyLM()
print(sum(p.numel() for p in model.parameters()))
opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
data = torch.randint(0, vocab, (8, seq_len + 1))
for step in range(5):
    logits = model(data[:, :-1])
    loss = F.cross_entropy(logits.reshape(-1, vocab), data[:, 1:].reshape(-1))
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    print(step, round(loss.item(), 4))
model.eval()
with torch.no_grad():
    idx = torch.tensor([[1, 2, 3]])
    probs = F.softmax(model(idx)[:, -1], dim=-1)
    print(probs.argmax().item(), probs.max().round(decimals=4))
mha = nn.MultiheadAttention(16, 4, batch_first=True, dropout=0.0)
x = torch.randn(2, 3, 16)
attn_out, attn_w = mha(x, x, x, attn_mask=torch.triu(torch.ones(3, 3, dtype=torch.bool), 1))
print(attn_w[0])
