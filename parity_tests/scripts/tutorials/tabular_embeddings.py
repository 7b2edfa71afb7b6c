# Tabular model: categorical embeddings + standardized continuous features, BCEWithLogitsLoss, sigmoid threshold.
import torch
import torch.nn as nn

torch.manual_seed(0)
n = 64
cat_a = torch.randint(0, 4, (n,))
cat_b = torch.randint(0, 3, (n,))
cont = torch.randn(n, 2) * torch.tensor([10.0, 0.1]) + torch.tensor([50.0, 1.0])
y = ((cat_a == 1) | (cont[:, 0] > 50)).float().unsqueeze(1)
cont = (cont - cont.mean(0)) / cont.std(0)


class TabularModel(nn.Module):
    def __init__(self, emb_szs, n_cont):
        super().__init__()
        self.embeds = nn.ModuleList([nn.Embedding(ni, nf) for ni, nf in emb_szs])
        self.emb_drop = nn.Dropout(0.0)
        self.bn_cont = nn.BatchNorm1d(n_cont)
        n_emb = sum(nf for _, nf in emb_szs)
        self.layers = nn.Sequential(nn.Linear(n_emb + n_cont, 8), nn.ReLU(), nn.Linear(8, 1))

    def forward(self, x_cat, x_cont):
        x = [e(x_cat[:, i]) for i, e in enumerate(self.embeds)]
        x = self.emb_drop(torch.cat(x, 1))
        x = torch.cat([x, self.bn_cont(x_cont)], 1)
        return self.layers(x)


model = TabularModel([(4, 2), (3, 2)], 2)
print(model)
x_cat = torch.stack([cat_a, cat_b], 1)
opt = torch.optim.Adam(model.parameters(), lr=0.03)
crit = nn.BCEWithLogitsLoss()
for epoch in range(30):
    opt.zero_grad()
    loss = crit(model(x_cat, cont), y)
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(epoch, f"{loss.item():.4f}")
model.eval()
with torch.no_grad():
    probs = torch.sigmoid(model(x_cat, cont))
preds = (probs > 0.5).float()
print(f"acc {(preds == y).float().mean().item():.4f}")
print(probs[:4].squeeze())
