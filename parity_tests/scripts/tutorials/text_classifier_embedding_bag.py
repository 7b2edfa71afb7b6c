# The torchtext tutorial's model: EmbeddingBag (mean of word vectors per sentence, with offsets) + Linear,
# trained with SGD and a StepLR schedule on a toy corpus; plus a CTC loss on a tiny sequence model.
import torch
import torch.nn as nn

torch.manual_seed(1)


class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)
        self.init_weights()

    def init_weights(self):
        initrange = 0.5
        self.embedding.weight.data.uniform_(-initrange, initrange)
        self.fc.weight.data.uniform_(-initrange, initrange)
        self.fc.bias.data.zero_()

    def forward(self, text, offsets):
        embedded = self.embedding(text, offsets)
        return self.fc(embedded)


sentences = [[1, 4, 2], [3, 3, 7, 8], [5], [6, 2, 9, 1, 4], [7, 8], [2, 2, 5]]
labels = torch.tensor([0, 1, 2, 0, 1, 2])
text = torch.tensor([w for s in sentences for w in s])
offsets = torch.tensor([0] + [len(s) for s in sentences[:-1]]).cumsum(dim=0)
model = TextClassificationModel(10, 8, 3)
print(model)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=5.0)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.1)
for epoch in range(4):
    optimizer.zero_grad()
    predicted = model(text, offsets)
    loss = criterion(predicted, labels)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
    optimizer.step()
    scheduler.step()
    accuracy = (predicted.argmax(1) == labels).sum().item() / labels.size(0)
    print(epoch, round(loss.item(), 5), accuracy)
print(model.embedding.weight.grad.abs().sum(dim=1))
bag_max = nn.EmbeddingBag(10, 2, mode="max")
print(bag_max(torch.tensor([[1, 2, 3], [4, 5, 6]])))

rnn = nn.GRU(4, 6)
head = nn.Linear(6, 5)
frames = torch.randn(9, 2, 4)
log_probs = head(rnn(frames)[0]).log_softmax(2)
ctc = nn.CTCLoss(blank=0)
loss = ctc(log_probs, torch.tensor([[1, 2, 2], [3, 4, 0]]), torch.tensor([9, 7]), torch.tensor([3, 2]))
loss.backward()
print(loss, head.bias.grad)
