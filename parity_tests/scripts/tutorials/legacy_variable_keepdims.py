# Old-style Variable wrapping (Q&A answers from before 0.4) and numpy-style keepdims.
import torch
from torch.autograd import Variable
t = torch.tensor([1., 2.])
v = Variable(t, requires_grad=True)
print(v, v is t, v.is_leaf, isinstance(t, Variable), t.requires_grad)
(v * 2).sum().backward()
print(v.grad, Variable(t))
x = torch.tensor([[1., 2.], [3., 4.]])
print(x.sum(1, keepdims=True), torch.sum(x, 0, keepdims=True), x.mean(1, keepdims=True))
