# torch.testing.assert_close in a test-style script, and batching sequences with nn.utils.rnn.pad_sequence.
import torch
import torch.testing
from torch.nn.utils.rnn import pad_sequence

seqs = [torch.tensor([1.0, 2.0, 3.0], requires_grad=True), torch.tensor([4.0, 5.0], requires_grad=True)]
batch = pad_sequence(seqs, batch_first=True, padding_value=-1.0)
print(batch)
(batch * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(seqs[0].grad, seqs[1].grad)
print(pad_sequence(seqs).shape, pad_sequence(seqs, padding_side="left"))

torch.testing.assert_close(batch.sum(), torch.tensor(14.0))
for actual, expected in [
    (torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 2.5, 3.0])),
    (torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1, 2], [3, 5]])),
    (torch.tensor(1.0), torch.tensor(2.0)),
    ((torch.tensor([1.0]), torch.tensor([2.0])), (torch.tensor([1.0]), torch.tensor([3.0]))),
]:
    try:
        torch.testing.assert_close(actual, expected)
    except AssertionError as err:
        print("AssertionError:", err)
