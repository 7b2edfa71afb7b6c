"""torch.distributions in toy RL and VAE code: REINFORCE on a 3-armed bandit, a Gaussian policy on a
1-D target, and the reparametrised ELBO of a tiny VAE-style encoder (Normal + kl_divergence)."""
import torch
import torch.nn as nn
from torch.distributions import Categorical, Independent, Normal, kl_divergence

torch.manual_seed(0)

# --- REINFORCE on a bandit: a softmax policy over 3 arms, reward = arm's mean + noise
arm_means = torch.tensor([0.1, 0.5, 0.9])
logits = torch.zeros(3, requires_grad=True)
opt = torch.optim.Adam([logits], lr=0.1)
for step in range(60):
    dist = Categorical(logits=logits)
    actions = dist.sample((8,))
    rewards = arm_means[actions] + 0.1 * torch.randn(8)
    baseline = rewards.mean()
    loss = -((rewards - baseline) * dist.log_prob(actions)).mean() - 0.01 * dist.entropy()
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 20 == 0:
        print(step, actions.tolist(), round(loss.item(), 4))
print("policy", Categorical(logits=logits).probs)

# --- a Gaussian policy (learned mean and log-std) pushed towards actions near 2.0
policy = nn.Linear(1, 2)
opt = torch.optim.SGD(policy.parameters(), lr=0.05)
state = torch.ones(4, 1)
for _step in range(40):
    out = policy(state)
    dist = Normal(out[:, 0], out[:, 1].exp())
    action = dist.sample()
    reward = -(action - 2.0) ** 2
    loss = -(dist.log_prob(action) * (reward - reward.mean())).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print("gaussian policy mean", policy(torch.ones(1, 1))[0, 0].item())
print(dist, dist.entropy())

# --- VAE-style ELBO with rsample and an analytic KL to the prior
enc = nn.Linear(3, 4)
dec = nn.Linear(2, 3)
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=0.05)
x = torch.randn(5, 3)
prior = Independent(Normal(torch.zeros(2), torch.ones(2)), 1)
for step in range(30):
    h = enc(x)
    q = Independent(Normal(h[:, :2], nn.functional.softplus(h[:, 2:]) + 1e-3), 1)
    z = q.rsample()
    recon = dec(z)
    log_lik = Normal(recon, 1.0).log_prob(x).sum(-1)
    elbo = (log_lik - kl_divergence(q, prior)).mean()
    opt.zero_grad()
    (-elbo).backward()
    opt.step()
    if step % 10 == 0:
        print(step, round(elbo.item(), 4))
print(q, q.batch_shape, q.event_shape)
print(kl_divergence(q, prior))
