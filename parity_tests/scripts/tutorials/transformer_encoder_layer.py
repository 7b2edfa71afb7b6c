# TransformerEncoderLayer / TransformerEncoder toy usage.
import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0, batch_first=True)
encoder = nn.TransformerEncoder(layer, num_layers=2)
src = torch.randn(3, 6, 8)
out = encoder(src)
print(out.shape)
print(out[0, 0])
print(sum(p.numel() for p in encoder.parameters()))
encoder.eval()
with torch.no_grad():
    print(encoder(src)[1, 2])
