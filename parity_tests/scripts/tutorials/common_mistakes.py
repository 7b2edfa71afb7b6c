# The usual mistakes from Q&A threads: each prints the exception type and message torch gives.
import torch
import torch.nn as nn


def show(label, fn):
    try:
        result = fn()
        print(label, "ok", result)
    except Exception as e:  # noqa: BLE001 - the point is to print what was raised
        print(label, type(e).__name__, str(e).splitlines()[0])


x = torch.tensor([1.0, 2.0], requires_grad=True)
show("non-scalar backward", lambda: (x * 2).backward())
show("numpy on grad tensor", lambda: x.numpy())
show("item of many", lambda: x.item())
show("int requires grad", lambda: torch.tensor([1, 2], requires_grad=True))
show("shape mismatch", lambda: torch.ones(3) + torch.ones(2))
show("matmul shapes", lambda: torch.ones(2, 3) @ torch.ones(2, 3))
show("view of incompatible", lambda: torch.arange(6).view(4, 2))


def twice():
    w = torch.tensor(3.0, requires_grad=True)
    y = w * w
    y.backward()
    y.backward()


show("backward twice", twice)


def inplace_leaf():
    w = torch.tensor(3.0, requires_grad=True)
    w += 1


show("in-place on leaf", inplace_leaf)


def grad_of_nonleaf():
    w = torch.tensor(3.0, requires_grad=True)
    y = w * 2
    z = y * 3
    z.backward()
    return y.grad


show("non-leaf grad", grad_of_nonleaf)
show("linear wrong in_features", lambda: nn.Linear(3, 2)(torch.ones(1, 4)))
show("cross entropy float target", lambda: nn.CrossEntropyLoss()(torch.ones(2, 3), torch.tensor([0.0, 1.0])))
show("mse float vs long", lambda: nn.MSELoss()(torch.ones(2), torch.tensor([1, 2])))
show("optimizer empty", lambda: torch.optim.SGD([], lr=0.1))
show("no grad_fn", lambda: torch.tensor(2.0).backward())
show("bool of many", lambda: bool(torch.tensor([1.0, 2.0])))
show("index out of range", lambda: torch.zeros(3)[5])
show("cat 0-d", lambda: torch.cat([torch.tensor(1.0), torch.tensor(2.0)]))
show("mean of ints", lambda: torch.tensor([1, 2]).mean())
show("sum dim out of range", lambda: torch.ones(3).sum(dim=1))
show("exp of float", lambda: torch.exp(2.0))
show("add string", lambda: torch.ones(1) + "a")
show("linear fed float64", lambda: nn.Linear(2, 2)(torch.ones(1, 2, dtype=torch.float64)))
show("linear fed int64", lambda: nn.Linear(2, 2)(torch.ones(3, dtype=torch.long)))
show("mm float64 @ float32", lambda: torch.mm(torch.ones(1, 2, dtype=torch.float64), torch.ones(2, 2)))
show("cross entropy (N, 1) target", lambda: nn.CrossEntropyLoss()(torch.ones(3, 4), torch.zeros(3, 1, dtype=torch.long)))
show("nll target size", lambda: nn.NLLLoss()(torch.ones(2, 3, 4), torch.zeros(2, 3, 4, dtype=torch.long)))
show("view of a transpose", lambda: torch.ones(2, 3).t().view(6))
show("reshape of a transpose", lambda: torch.ones(2, 3).t().reshape(6))
