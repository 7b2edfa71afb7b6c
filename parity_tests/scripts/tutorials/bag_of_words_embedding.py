# Text classification with nn.EmbeddingBag / nn.Embedding + mean pooling on a toy vocabulary.
import torch
import torch.nn as nn

torch.manual_seed(0)
sentences = ["good movie", "bad movie", "great film", "awful film", "good good", "bad awful"]
labels = torch.tensor([1, 0, 1, 0, 1, 0])
vocab = {w: i for i, w in enumerate(sorted({w for s in sentences for w in s.split()}))}
print(vocab)
encoded = [torch.tensor([vocab[w] for w in s.split()]) for s in sentences]
batch = torch.stack(encoded)
print(batch)


class BoW(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim)
        self.fc = nn.Linear(dim, 2)

    def forward(self, x):
        return self.fc(self.emb(x).mean(dim=1))


model = BoW(len(vocab), 4)
opt = torch.optim.SGD(model.parameters(), lr=0.5)
for epoch in range(20):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(batch), labels)
    loss.backward()
    opt.step()
print(round(loss.item(), 4))
print(model(batch).argmax(1))
print(model.emb.weight.grad.shape)
bag = nn.EmbeddingBag(len(vocab), 3, mode="mean")
flat = torch.cat(encoded)
offsets = torch.tensor([0, 2, 4, 6, 8, 10])
print(bag(flat, offsets).shape)
emb = nn.Embedding(10, 3, padding_idx=0)
print(emb.weight[0])
print(emb(torch.tensor([[0, 2], [4, 0]])).shape)
