"""Bayesian toys with torch.distributions: Thompson sampling with Beta posteriors, a 1-D Gaussian mixture
fitted by maximum likelihood (MixtureSameFamily), and a Dirichlet-Categorical posterior update."""
import torch
from torch.distributions import Beta, Categorical, Dirichlet, MixtureSameFamily, Normal, kl_divergence

torch.manual_seed(0)

# --- Thompson sampling on a 3-armed Bernoulli bandit
true_p = torch.tensor([0.25, 0.5, 0.75])
alpha, beta = torch.ones(3), torch.ones(3)
for _t in range(60):
    theta = Beta(alpha, beta).sample()
    arm = int(theta.argmax())
    reward = torch.bernoulli(true_p[arm])
    alpha[arm] += reward
    beta[arm] += 1 - reward
print("posterior means", Beta(alpha, beta).mean)
print("pulls", (alpha + beta - 2).tolist())

# --- a two-component Gaussian mixture fitted with Adam
data = torch.cat([Normal(-2.0, 0.5).sample((40,)), Normal(1.5, 1.0).sample((60,))])
logits = torch.zeros(2, requires_grad=True)
locs = torch.tensor([-0.5, 0.5], requires_grad=True)
log_scales = torch.zeros(2, requires_grad=True)
opt = torch.optim.Adam([logits, locs, log_scales], lr=0.05)
for step in range(150):
    gmm = MixtureSameFamily(Categorical(logits=logits), Normal(locs, log_scales.exp()))
    nll = -gmm.log_prob(data).mean()
    opt.zero_grad()
    nll.backward()
    opt.step()
    if step % 50 == 0:
        print(step, round(nll.item(), 4))
print("weights", torch.softmax(logits, 0), "locs", locs, "scales", log_scales.exp())
print(gmm.sample((5,)))

# --- Dirichlet prior over 4 categories, updated with counts
prior = Dirichlet(torch.ones(4))
counts = torch.bincount(Categorical(torch.tensor([0.1, 0.2, 0.3, 0.4])).sample((50,)), minlength=4).float()
posterior = Dirichlet(1.0 + counts)
print(counts, posterior.mean, posterior.entropy())
print(kl_divergence(posterior, prior), posterior.log_prob(torch.tensor([0.1, 0.2, 0.3, 0.4])))
print(posterior.sample((2,)))
