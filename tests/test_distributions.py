"""minitorch_scalar.distributions without torch: hand-derived values, gradients, shapes, validation, KL dispatch."""

from __future__ import annotations

import math

import numpy as np
import pytest

import minitorch_scalar as ms
from minitorch_scalar import distributions as D
from minitorch_scalar.distributions import constraints
from minitorch_scalar.distributions.exp_family import kl_bregman
from minitorch_scalar.distributions.multivariate_normal import cholesky, solve_lower

LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)


def close(t: ms.Tensor, expected: object, tol: float = 1e-5) -> bool:
    return bool(np.allclose(np.asarray(t.tolist(), dtype=float), np.asarray(expected, dtype=float), atol=tol, rtol=tol))


# ---------------------------------------------------------------------------------------------- values


def test_normal_log_prob_entropy_cdf_by_hand() -> None:
    d = D.Normal(1.0, 2.0)
    # log N(3; 1, 2) = -(2**2)/(2*4) - log 2 - log sqrt(2 pi)
    assert close(d.log_prob(ms.tensor(3.0)), -0.5 - math.log(2.0) - LOG_SQRT_2PI)
    assert close(d.entropy(), 0.5 + LOG_SQRT_2PI + math.log(2.0))
    assert close(d.cdf(ms.tensor(1.0)), 0.5)
    assert close(d.variance, 4.0) and close(d.stddev, 2.0) and close(d.mean, 1.0) and close(d.mode, 1.0)


def test_categorical_normalises_probs_and_logits() -> None:
    c = D.Categorical(probs=ms.tensor([1.0, 3.0]))
    assert close(c.probs, [0.25, 0.75])
    assert close(c.log_prob(ms.tensor(1)), math.log(0.75))
    assert close(c.entropy(), -(0.25 * math.log(0.25) + 0.75 * math.log(0.75)))
    c2 = D.Categorical(logits=ms.tensor([0.0, math.log(3.0)]))
    assert close(c2.logits, [math.log(0.25), math.log(0.75)])
    assert close(c2.probs, [0.25, 0.75])
    assert c2.mode.item() == 1
    assert math.isnan(c2.mean.item())


def test_bernoulli_values() -> None:
    b = D.Bernoulli(probs=ms.tensor([0.2, 0.5, 0.9]))
    assert close(b.log_prob(ms.tensor([1.0, 0.0, 0.0])), [math.log(0.2), math.log(0.5), math.log(0.1)])
    assert close(b.entropy()[1], math.log(2.0))
    assert close(b.variance, [0.16, 0.25, 0.09])
    mode = b.mode.tolist()
    assert mode[0] == 0.0 and math.isnan(mode[1]) and mode[2] == 1.0
    assert close(D.Bernoulli(logits=ms.tensor(0.0)).probs, 0.5)


def test_uniform_exponential_laplace_values() -> None:
    u = D.Uniform(1.0, 3.0)
    assert close(u.log_prob(ms.tensor(2.0)), -math.log(2.0))
    assert u.log_prob(ms.tensor(3.0)).item() == -math.inf  # [low, high): high itself has no density
    assert close(u.entropy(), math.log(2.0)) and close(u.variance, 4 / 12) and close(u.cdf(ms.tensor(1.5)), 0.25)
    e = D.Exponential(2.0)
    assert close(e.log_prob(ms.tensor(1.5)), math.log(2.0) - 3.0)
    assert close(e.entropy(), 1 - math.log(2.0)) and close(e.mean, 0.5) and close(e.icdf(e.cdf(ms.tensor(0.7))), 0.7)
    la = D.Laplace(0.0, 2.0)
    assert close(la.log_prob(ms.tensor(-1.0)), -math.log(4.0) - 0.5)
    assert close(la.entropy(), 1 + math.log(4.0)) and close(la.variance, 8.0)
    assert close(la.icdf(la.cdf(ms.tensor(-0.3))), -0.3)


def test_one_hot_categorical_and_independent() -> None:
    o = D.OneHotCategorical(probs=ms.tensor([0.2, 0.8]))
    assert o.event_shape == ms.Size([2]) and o.batch_shape == ms.Size([])
    assert close(o.log_prob(ms.tensor([0.0, 1.0])), math.log(0.8))
    assert o.enumerate_support().tolist() == [[1.0, 0.0], [0.0, 1.0]]
    ind = D.Independent(D.Normal(ms.zeros(2, 3), 1.0), 1)
    assert ind.batch_shape == ms.Size([2]) and ind.event_shape == ms.Size([3])
    assert close(ind.log_prob(ms.zeros(2, 3)), [-3 * LOG_SQRT_2PI] * 2)
    assert repr(ind) == "Independent(Normal(loc: torch.Size([2, 3]), scale: torch.Size([2, 3])), 1)"


def test_multivariate_normal_diagonal_matches_independent_normals() -> None:
    var = ms.tensor([1.0, 4.0])
    mvn = D.MultivariateNormal(ms.tensor([0.5, -1.0]), covariance_matrix=ms.diag(var))
    x = ms.tensor([[0.0, 0.0], [1.0, 2.0]])
    by_hand = D.Independent(D.Normal(ms.tensor([0.5, -1.0]), var.sqrt()), 1)
    assert close(mvn.log_prob(x), by_hand.log_prob(x).tolist())
    assert close(mvn.entropy(), by_hand.entropy().item())
    assert close(mvn.variance, [1.0, 4.0]) and close(mvn.precision_matrix, [[1.0, 0.0], [0.0, 0.25]])


def test_cholesky_and_forward_substitution() -> None:
    a = ms.tensor([[4.0, 2.0], [2.0, 5.0]])
    lower = cholesky(a)
    assert close(lower, [[2.0, 0.0], [1.0, 2.0]])
    assert close(solve_lower(lower, ms.tensor([2.0, 5.0])), [1.0, 2.0])
    with pytest.raises(RuntimeError, match="leading minor of order 2 is not positive-definite"):
        cholesky(ms.tensor([[1.0, 2.0], [2.0, 1.0]]))


# ---------------------------------------------------------------------------------------------- gradients


def test_rsample_is_reparametrised() -> None:
    loc = ms.tensor(0.5, requires_grad=True)
    scale = ms.tensor(2.0, requires_grad=True)
    ms.manual_seed(0)
    x = D.Normal(loc, scale).rsample((5,))
    ms.manual_seed(0)
    eps = ms.randn(5)
    x.sum().backward()
    assert close(x, (0.5 + 2.0 * eps).tolist())
    assert close(loc.grad, 5.0) and close(scale.grad, eps.sum().item())


def test_log_prob_and_entropy_gradients_by_hand() -> None:
    loc = ms.tensor(1.0, requires_grad=True)
    scale = ms.tensor(2.0, requires_grad=True)
    d = D.Normal(loc, scale)
    (d.log_prob(ms.tensor(3.0)) + d.entropy()).backward()
    # d/dloc = (x - loc)/scale**2 = 0.5; d/dscale = (x-loc)**2/scale**3 - 1/scale + 1/scale = 0.5
    assert close(loc.grad, 0.5) and close(scale.grad, 0.5)
    logits = ms.tensor([0.0, 0.0], requires_grad=True)
    D.Categorical(logits=logits).log_prob(ms.tensor(1)).backward()
    assert close(logits.grad, [-0.5, 0.5])  # one-hot minus softmax


def test_kl_normal_normal_formula_and_gradient() -> None:
    mu = ms.tensor(1.0, requires_grad=True)
    kl = D.kl_divergence(D.Normal(mu, 1.0), D.Normal(0.0, 2.0))
    assert close(kl, math.log(2.0) + (1 + 1) / 8 - 0.5)
    kl.backward()
    assert close(mu.grad, 0.25)


def test_bregman_kl_and_entropy_agree_with_closed_forms() -> None:
    p, q = D.Normal(ms.tensor([0.0, 1.0]), ms.tensor([1.0, 0.5])), D.Normal(ms.tensor([0.3, 0.0]), 2.0)
    assert close(kl_bregman(p, q), D.kl_divergence(p, q).tolist(), 1e-4)
    assert close(D.ExponentialFamily.entropy(p), p.entropy().tolist(), 1e-5)
    e1, e2 = D.Exponential(ms.tensor([0.7, 2.0])), D.Exponential(1.5)
    assert close(kl_bregman(e1, e2), D.kl_divergence(e1, e2).tolist(), 1e-5)
    with pytest.raises(NotImplementedError, match="cross KL-divergence between different exponential families"):
        D.kl_divergence(D.Bernoulli(0.5), D.Normal(0.0, 1.0))


def test_kl_inf_where_support_is_not_covered() -> None:
    assert D.kl_divergence(D.Uniform(0.0, 2.0), D.Uniform(0.5, 3.0)).item() == math.inf
    assert close(D.kl_divergence(D.Uniform(0.0, 1.0), D.Uniform(-1.0, 3.0)), math.log(4.0))
    assert D.kl_divergence(D.Normal(0.0, 1.0), D.Exponential(1.0)).item() == math.inf
    half, certain = D.Categorical(ms.tensor([0.5, 0.5])), D.Categorical(ms.tensor([0.0, 1.0]))
    assert D.kl_divergence(half, certain).item() == math.inf


def test_register_kl_dispatches_to_most_specific_pair() -> None:
    class MyNormal(D.Normal):
        pass

    assert close(D.kl_divergence(MyNormal(0.0, 1.0), D.Normal(0.0, 1.0)), 0.0)

    @D.register_kl(MyNormal, D.Normal)
    def _mine(p: D.Normal, q: D.Normal) -> ms.Tensor:
        return ms.tensor(42.0)

    try:
        assert D.kl_divergence(MyNormal(0.0, 1.0), D.Normal(0.0, 1.0)).item() == 42.0
        assert close(D.kl_divergence(D.Normal(0.0, 1.0), D.Normal(0.0, 1.0)), 0.0)
    finally:
        del D.kl._KL_REGISTRY[MyNormal, D.Normal]
        D.kl._KL_MEMOIZE.clear()
    with pytest.raises(TypeError, match="Expected type_p to be a Distribution subclass"):
        D.register_kl(int, D.Normal)
    with pytest.raises(NotImplementedError, match="No KL"):
        D.kl_divergence(D.Categorical(ms.tensor([0.5, 0.5])), D.Normal(0.0, 1.0))


# ---------------------------------------------------------------------------------------------- shapes, sampling


def test_sample_shapes() -> None:
    n = D.Normal(ms.zeros(3), 1.0)
    assert n.sample().shape == ms.Size([3]) and n.sample((4, 2)).shape == ms.Size([4, 2, 3])
    c = D.Categorical(logits=ms.zeros(2, 5))
    s = c.sample((7,))
    assert s.shape == ms.Size([7, 2]) and s.dtype == ms.int64 and 0 <= s.min().item() and s.max().item() < 5
    assert D.OneHotCategorical(logits=ms.zeros(2, 5)).sample((3,)).shape == ms.Size([3, 2, 5])
    assert D.MultivariateNormal(ms.zeros(2), ms.eye(2)).sample((6,)).shape == ms.Size([6, 2])
    assert D.Normal(0.0, 1.0).expand((2, 3)).sample().shape == ms.Size([2, 3])
    assert not D.Normal(0.0, ms.tensor(1.0, requires_grad=True)).sample().requires_grad


def test_sample_means_are_plausible() -> None:
    ms.manual_seed(123)
    assert abs(D.Normal(2.0, 0.5).sample((4000,)).mean().item() - 2.0) < 0.05
    assert abs(D.Bernoulli(0.3).sample((4000,)).mean().item() - 0.3) < 0.03
    assert abs(D.Exponential(4.0).sample((4000,)).mean().item() - 0.25) < 0.02
    u = D.Uniform(-1.0, 3.0).sample((4000,))
    assert -1.0 <= u.min().item() and u.max().item() < 3.0 and abs(u.mean().item() - 1.0) < 0.08
    counts = ms.bincount(D.Categorical(ms.tensor([0.1, 0.6, 0.3])).sample((4000,)), minlength=3).tolist()
    assert abs(counts[1] / 4000 - 0.6) < 0.03


def test_sampling_continues_the_default_stream() -> None:
    ms.manual_seed(7)
    first = D.Uniform(0.0, 1.0).sample((3,)).tolist()
    ms.manual_seed(7)
    assert first == ms.rand(3).tolist()


# ---------------------------------------------------------------------------------------------- validation, reprs


def test_validation_messages() -> None:
    with pytest.raises(ValueError, match=r"Expected parameter scale \(Tensor of shape \(\)\) of distribution "
                                         r"Normal\(loc: 0.0, scale: -1.0\) to satisfy the constraint "
                                         r"GreaterThan\(lower_bound=0.0\), but found invalid values:\n-1.0"):
        D.Normal(0.0, -1.0)
    with pytest.raises(ValueError, match="The value argument to log_prob must be a Tensor"):
        D.Normal(0.0, 1.0).log_prob(0.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"to be within the support \(Boolean\(\)\)"):
        D.Bernoulli(ms.tensor([0.2])).log_prob(ms.tensor([0.5]))
    with pytest.raises(ValueError, match="Either `probs` or `logits` must be specified, but not both."):
        D.Categorical()
    with pytest.raises(ValueError, match="Value is not broadcastable"):
        D.Normal(ms.zeros(2), 1.0).log_prob(ms.zeros(3))
    assert D.Normal(0.0, -1.0, validate_args=False).scale.item() == -1.0


def test_reprs_and_lazy_parameters() -> None:
    assert repr(D.Normal(0.0, 1.0)) == "Normal(loc: 0.0, scale: 1.0)"
    b = D.Bernoulli(logits=ms.tensor([0.0, 1.0]))
    assert repr(b) == "Bernoulli(logits: torch.Size([2]))"
    _ = b.probs  # computed once, then stored and shown
    assert repr(b) == "Bernoulli(probs: torch.Size([2]), logits: torch.Size([2]))"
    assert repr(constraints.interval(0, 1)) == "Interval(lower_bound=0, upper_bound=1)"
    assert repr(constraints.real_vector) == "IndependentConstraint(Real(), 1)"
    assert constraints.simplex.check(ms.tensor([[0.5, 0.5], [0.5, 0.6]])).tolist() == [True, False]
    assert constraints.positive_definite.check(ms.tensor([[2.0, 1.0], [1.0, 2.0]])).item()
    assert not constraints.positive_definite.check(ms.tensor([[1.0, 2.0], [2.0, 1.0]])).item()


def test_submodules_import_like_torch() -> None:
    from minitorch_scalar.distributions.categorical import Categorical
    from minitorch_scalar.distributions.kl import kl_divergence
    from minitorch_scalar.distributions.normal import Normal

    assert ms.distributions.Normal is Normal and Categorical is D.Categorical and kl_divergence is D.kl_divergence


def test_missing_distribution_names_itself() -> None:
    with pytest.raises(NotImplementedError, match=r"torch.distributions.Cauchy is not implemented by minitorch_scalar"):
        _ = D.Cauchy  # type: ignore[attr-defined]
    assert not hasattr(D, "StudentT")


# ---------------------------------------------------------------------------------------------- transforms, mixtures


def test_lognormal_change_of_variables() -> None:
    ln = D.LogNormal(0.0, 1.0)
    # log p(y) = log N(log y; 0, 1) - log y
    assert close(ln.log_prob(ms.tensor(2.0)), -0.5 * math.log(2.0) ** 2 - LOG_SQRT_2PI - math.log(2.0))
    assert close(ln.mean, math.exp(0.5)) and close(ln.entropy(), 0.5 + LOG_SQRT_2PI)
    ms.manual_seed(3)
    z = D.Normal(0.0, 1.0).sample((4,))
    ms.manual_seed(3)
    assert close(ln.sample((4,)), z.exp().tolist())


def test_tanh_squashed_normal_scores_its_own_samples_through_the_cache() -> None:
    loc = ms.tensor(0.3, requires_grad=True)
    squash = D.transforms.TanhTransform(cache_size=1)
    d = D.TransformedDistribution(D.Normal(loc, 1.0), [squash])
    a = d.rsample()
    x = squash.inv(a)
    assert x is squash._cached_x_y[0]  # the pre-tanh sample itself, not atanh(a)
    lp = d.log_prob(a)
    expected = D.Normal(0.3, 1.0).log_prob(x.detach()) - (1 - a.detach() ** 2).log()
    assert close(lp, expected.item(), 1e-4)
    lp.backward()
    assert loc.grad is not None


def test_transform_jacobians_by_hand() -> None:
    tr = D.transforms
    x = ms.tensor([0.5, 2.0])
    assert close(tr.ExpTransform().log_abs_det_jacobian(x, x.exp()), [0.5, 2.0])
    aff = tr.AffineTransform(1.0, -3.0)
    assert close(aff(x), [-0.5, -5.0]) and close(aff.inv(aff(x)), [0.5, 2.0])
    assert close(aff.log_abs_det_jacobian(x, aff(x)), [math.log(3.0)] * 2) and aff.sign == -1
    sig = tr.SigmoidTransform()
    s = 1 / (1 + math.exp(-0.5))
    assert close(sig.log_abs_det_jacobian(ms.tensor(0.5), sig(ms.tensor(0.5))), math.log(s * (1 - s)))
    assert close(tr.ComposeTransform([tr.ExpTransform(), tr.PowerTransform(2.0)])(ms.tensor(1.0)), math.exp(2.0))
    assert tr.ExpTransform().inv.inv == tr.ExpTransform()


def test_gaussian_mixture_by_hand() -> None:
    mix = D.MixtureSameFamily(D.Categorical(ms.tensor([0.25, 0.75])), D.Normal(ms.tensor([-1.0, 1.0]), 1.0))
    n = lambda v: math.exp(-0.5 * v * v) / math.sqrt(2 * math.pi)  # noqa: E731
    assert close(mix.log_prob(ms.tensor(0.5)), math.log(0.25 * n(1.5) + 0.75 * n(-0.5)))
    assert close(mix.mean, 0.5) and close(mix.variance, 1.0 + 0.25 * 2.25 + 0.75 * 0.25)
    ms.manual_seed(11)
    draws = mix.sample((3000,))
    assert abs(draws.mean().item() - 0.5) < 0.1


def test_geometric_pareto_halfnormal_gumbel_by_hand() -> None:
    assert close(D.Geometric(0.25).log_prob(ms.tensor(2.0)), 2 * math.log(0.75) + math.log(0.25))
    assert close(D.Geometric(0.25).mean, 3.0)
    # Pareto(scale 2, alpha 3): log(3 * 2**3 / 4**4)
    assert close(D.Pareto(2.0, 3.0).log_prob(ms.tensor(4.0)), math.log(3 * 8 / 256), 1e-4)
    assert close(D.HalfNormal(2.0).log_prob(ms.tensor(1.0)), math.log(2.0) - 0.125 - math.log(2.0) - LOG_SQRT_2PI)
    assert D.HalfNormal(2.0, validate_args=False).log_prob(ms.tensor(-1.0)).item() == -math.inf
    assert close(D.Gumbel(1.0, 2.0).mean, 1.0 + 2.0 * 0.5772156649)
    z = 0.5  # Gumbel(0, 1) at x: log p = -x - exp(-x)
    assert close(D.Gumbel(0.0, 1.0).log_prob(ms.tensor(z)), -z - math.exp(-z))


def test_relaxed_samples_sharpen_as_temperature_drops() -> None:
    ms.manual_seed(0)
    cold = D.RelaxedOneHotCategorical(ms.tensor(0.01), logits=ms.zeros(4)).sample((50,))
    assert close(cold.sum(-1), [1.0] * 50)
    assert (cold.max(-1)[0] > 0.99).sum().item() >= 40  # nearly one-hot, bar near-ties of the Gumbel noise
    hot = D.RelaxedBernoulli(ms.tensor(100.0), probs=ms.tensor(0.9)).sample((50,))
    assert abs(hot.mean().item() - 0.5) < 0.05  # a high temperature flattens towards 1/2


def test_straight_through_gradient_is_the_probs_gradient() -> None:
    logits = ms.tensor([0.0, 0.0], requires_grad=True)
    sample = D.OneHotCategoricalStraightThrough(logits=logits).rsample()
    assert sorted(sample.tolist()) == [0.0, 1.0]
    (sample * ms.tensor([1.0, 3.0])).sum().backward()
    assert close(logits.grad, [-0.5, 0.5])  # d/dlogits of (p0 + 3 p1) at p = (1/2, 1/2)


# ---------------------------------------------------------------------------------------------- gamma family


def test_lgamma_digamma_composites() -> None:
    from minitorch_scalar.distributions._special import digamma, lgamma

    x = ms.tensor([0.5, 1.0, 2.0, 4.0, 30.0], dtype=ms.float64, requires_grad=True)
    assert close(lgamma(x), [0.5 * math.log(math.pi), 0.0, 0.0, math.log(6.0), math.lgamma(30.0)], 1e-12)
    assert lgamma(ms.tensor([1.0, 2.0])).tolist() == [0.0, 0.0]  # exact zeros, as torch
    euler = 0.5772156649015329
    psi = [-euler - 2 * math.log(2.0), -euler, 1 - euler, 1 + 1 / 2 + 1 / 3 - euler]
    assert close(digamma(x)[:4], psi, 1e-12)
    lgamma(x).sum().backward()
    assert close(x.grad[:4], psi, 1e-12)  # d lgamma / dx = digamma


def test_gamma_beta_dirichlet_values_by_hand() -> None:
    g = D.Gamma(3.0, 2.0)  # 2**3 x**2 e**(-2x) / 2!
    assert close(g.log_prob(ms.tensor(1.5)), math.log(8 * 2.25 * math.exp(-3.0) / 2), 1e-5)
    assert close(g.mean, 1.5) and close(g.variance, 0.75) and close(g.mode, 1.0)
    assert close(D.Gamma(1.0, 2.0).entropy(), D.Exponential(2.0).entropy().item())
    b = D.Beta(2.0, 3.0)  # 12 x (1 - x)**2
    assert close(b.log_prob(ms.tensor(0.25)), math.log(12 * 0.25 * 0.5625), 1e-5)
    assert close(b.mean, 0.4) and close(b.variance, 6 / (25 * 6))
    d = D.Dirichlet(ms.tensor([1.0, 1.0, 1.0]))  # uniform on the simplex: density 2
    assert close(d.log_prob(ms.tensor([0.2, 0.3, 0.5])), math.log(2.0), 1e-5)
    assert close(D.Chi2(2.0).log_prob(ms.tensor(1.0)), math.log(0.5 * math.exp(-0.5)), 1e-5)
    assert close(D.kl_divergence(D.Beta(2.0, 3.0), D.Beta(2.0, 3.0)), 0.0, 1e-6)


def test_gamma_and_dirichlet_sampling_moments() -> None:
    ms.manual_seed(5)
    assert abs(D.Gamma(3.0, 2.0).sample((3000,)).mean().item() - 1.5) < 0.05
    assert abs(D.Gamma(0.3, 1.0).sample((3000,)).mean().item() - 0.3) < 0.03
    draws = D.Dirichlet(ms.tensor([1.0, 2.0, 5.0])).sample((2000,))
    assert close(draws.sum(-1), [1.0] * 2000) and close(draws.mean(0), [0.125, 0.25, 0.625], 0.02)


def test_implicit_reparametrisation_gradients_are_unbiased() -> None:
    # E[x] = alpha for Gamma(alpha, 1), so the mean of dx/dalpha over many draws is about 1
    ms.manual_seed(1)
    alpha = ms.tensor(2.5, requires_grad=True)
    D.Gamma(alpha, 1.0).rsample((400,)).mean().backward()
    assert abs(alpha.grad.item() - 1.0) < 0.1
    # E[x_0] = a_0 / (a_0 + a_1) for Beta(a_0, a_1): d/da_0 = a_1 / (a_0 + a_1)**2 = 0.1875 at (1, 3)
    a0 = ms.tensor(1.0, requires_grad=True)
    D.Beta(a0, 3.0).rsample((400,)).mean().backward()
    assert abs(a0.grad.item() - 0.1875) < 0.03


def test_poisson_by_hand() -> None:
    p = D.Poisson(3.0)
    assert close(p.log_prob(ms.tensor(2.0)), 2 * math.log(3.0) - 3.0 - math.log(2.0), 1e-5)
    rate = ms.tensor(3.0, requires_grad=True)
    D.Poisson(rate).log_prob(ms.tensor(5.0)).backward()
    assert close(rate.grad, 5 / 3 - 1)
    ms.manual_seed(2)
    assert abs(D.Poisson(ms.tensor([2.0, 40.0])).sample((2000,)).mean(0)[1].item() - 40.0) < 0.6


def test_bregman_forms_agree_with_gamma_family_closed_forms() -> None:
    # the Bregman forms differentiate the lgamma composite, so this also checks digamma against its gradient
    g = D.Gamma(ms.tensor([2.0, 3.0]), ms.tensor([1.0, 0.5]))
    assert close(D.ExponentialFamily.entropy(g), g.entropy().tolist(), 1e-5)
    b, q = D.Beta(ms.tensor([2.0, 3.0]), ms.tensor([1.0, 0.5])), D.Beta(1.5, 2.5)
    assert close(kl_bregman(b, q), D.kl_divergence(b, q).tolist(), 1e-4)
    d, u = D.Dirichlet(ms.tensor([2.0, 3.0, 1.0])), D.Dirichlet(ms.ones(3))
    assert close(kl_bregman(d, u), D.kl_divergence(d, u).item(), 1e-4)
    p = D.Poisson(ms.tensor([2.0, 5.0]))
    assert close(kl_bregman(p, D.Poisson(3.0)), D.kl_divergence(p, D.Poisson(3.0)).tolist(), 1e-5)
