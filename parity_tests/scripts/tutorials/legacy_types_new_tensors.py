# Legacy tensor types and new_* constructors, as older tutorials and Q&A answers use them.
import torch

a = torch.FloatTensor([1, 2, 3])
b = torch.LongTensor([1, 2])
c = torch.DoubleTensor(2, 2)
print(a, b, c.shape, c.dtype, torch.IntTensor([3]).dtype, torch.ByteTensor([1, 0]))
print(isinstance(a, torch.FloatTensor), isinstance(b, torch.FloatTensor), isinstance(b, torch.LongTensor))
print(a.type(torch.LongTensor), a.type(torch.DoubleTensor), b.type('torch.FloatTensor'), a.type())
x = torch.tensor([1.5, 2.5], dtype=torch.float64)
print(x.new_zeros(3), x.new_ones((2, 2)), x.new_full((2,), 7), x.new_tensor([1, 2]), x.new_empty(2).shape)
print(torch.tensor([1, 2]).new_zeros(2), torch.tensor([1, 2]).type_as(x), x.type_as(a))
print(torch.FloatTensor([[1, 2], [3, 4]]) @ torch.FloatTensor([1, 1]))
