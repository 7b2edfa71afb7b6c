# Q&A: in-place modification errors, leaf views, int tensors with requires_grad.
import torch


def show(label, fn):
    try:
        print(label, "ok", fn())
    except Exception as e:
        print(label, type(e).__name__, str(e).splitlines()[0][:70])


def leaf_inplace():
    w = torch.ones(3, requires_grad=True)
    w.add_(1)


def leaf_setitem():
    w = torch.ones(3, requires_grad=True)
    w[0] = 5.0


def modified_saved():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a.sigmoid()
    c = b * 2
    b.mul_(3)
    c.sum().backward()
    return a.grad


def modified_exp():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a.exp()
    b += 1
    b.sum().backward()
    return a.grad


def nonleaf_inplace_ok():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a * 2
    b += 1
    b.sum().backward()
    return a.grad


show("leaf add_", leaf_inplace)
show("leaf setitem", leaf_setitem)
show("saved modified", modified_saved)
show("exp modified", modified_exp)
show("nonleaf +=", nonleaf_inplace_ok)
show("int grad", lambda: torch.arange(3).requires_grad_())
show("long grad", lambda: torch.tensor([1, 2], dtype=torch.long, requires_grad=True))
show("float ok", lambda: torch.tensor([1, 2], dtype=torch.float32, requires_grad=True))
show("mean of long", lambda: torch.tensor([1, 2, 3]).mean())
show("mean of long float", lambda: torch.tensor([1, 2, 3]).float().mean())
show("item of empty", lambda: torch.tensor([]).item())
show("backward no grad", lambda: torch.tensor(1.0).backward())
