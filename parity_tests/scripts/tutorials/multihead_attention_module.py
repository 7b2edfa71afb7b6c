# nn.MultiheadAttention: shapes, averaged attention weights, key_padding_mask.
import torch
import torch.nn as nn

torch.manual_seed(0)
embed_dim, num_heads = 8, 2
mha = nn.MultiheadAttention(embed_dim, num_heads, batch_first=True)
print(mha)
x = torch.randn(2, 5, embed_dim)
attn_output, attn_weights = mha(x, x, x)
print(attn_output.shape, attn_weights.shape)
print(attn_weights[0].sum(dim=-1))
pad = torch.tensor([[False, False, False, True, True], [False] * 5])
out, w = mha(x, x, x, key_padding_mask=pad)
print(w[0, 0])
out.sum().backward()
print(mha.in_proj_weight.grad.shape)
print([n for n, _ in mha.named_parameters()])
