# Evaluation metrics: confusion matrix via bincount, per-class precision/recall, topk accuracy.
import torch

torch.manual_seed(0)
num_classes = 4
logits = torch.randn(50, num_classes)
targets = torch.randint(0, num_classes, (50,))
preds = logits.argmax(dim=1)
cm = torch.bincount(targets * num_classes + preds, minlength=num_classes ** 2).reshape(num_classes, num_classes)
print(cm)
tp = cm.diag()
precision = tp / cm.sum(dim=0).clamp(min=1)
recall = tp / cm.sum(dim=1).clamp(min=1)
print(precision)
print(recall)
print(f"accuracy: {tp.sum().item() / cm.sum().item():.4f}")
_, top2 = logits.topk(2, dim=1)
correct = top2.eq(targets.view(-1, 1).expand_as(top2))
print(correct.shape, correct.any(dim=1).float().mean())
f1 = 2 * precision * recall / (precision + recall + 1e-8)
print(f1)
print(torch.unique(preds, return_counts=True))
cm2 = torch.zeros(num_classes, num_classes, dtype=torch.int64)
for t, p in zip(targets, preds):
    cm2[t, p] += 1
print(torch.equal(cm, cm2))
