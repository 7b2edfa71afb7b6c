"""Curve fitting with L-BFGS and a closure (the classic toy): fit y = a*sin(w*x) + b to noisy data,
first without a line search, then with 'strong_wolfe'."""

import torch

torch.manual_seed(0)
x = torch.linspace(0, 6, 50)
y = 1.7 * torch.sin(1.3 * x) + 0.4 + 0.05 * torch.randn(50)



def make_closure(optimizer, a, w, b):
    def closure():
        optimizer.zero_grad()
        loss = ((a * torch.sin(w * x) + b - y) ** 2).mean()
        loss.backward()
        return loss

    return closure


for line_search in (None, "strong_wolfe"):
    a = torch.tensor(1.0, requires_grad=True)
    w = torch.tensor(1.2, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    optimizer = torch.optim.LBFGS([a, w, b], lr=0.5 if line_search is None else 1, max_iter=20,
                                  line_search_fn=line_search)
    closure = make_closure(optimizer, a, w, b)
    for step in range(4):
        loss = optimizer.step(closure)
        print(f"{line_search} step {step}: loss {loss.item():.5f}")
    print(f"a={a.item():.3f} w={w.item():.3f} b={b.item():.3f}")
    state = optimizer.state[a]
    print(sorted(state), state["n_iter"] > 0)
print(optimizer)
