# F.scaled_dot_product_attention (PyTorch 2.x tutorials) vs manual attention, with causal flag.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
q = torch.randn(2, 2, 4, 8)
k = torch.randn(2, 2, 4, 8)
v = torch.randn(2, 2, 4, 8)
out = F.scaled_dot_product_attention(q, k, v)
manual = torch.softmax(q @ k.transpose(-2, -1) / 8 ** 0.5, dim=-1) @ v
print(out.shape, torch.allclose(out, manual, atol=1e-6))
causal = F.scaled_dot_product_attention(q, k, v, is_causal=True)
print(causal[0, 0, 0], v[0, 0, 0])
mask = torch.ones(4, 4, dtype=torch.bool).tril()
print(torch.allclose(causal, F.scaled_dot_product_attention(q, k, v, attn_mask=mask), atol=1e-6))
