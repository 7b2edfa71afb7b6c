"""Probability distributions with torch's names, reprs, errors and sampling streams (``torch.distributions``).

After ``manual_seed``, ``sample``/``rsample`` draw the same numbers as torch: each distribution uses the
primitive torch uses (``Normal.sample``: ``torch.normal``; ``rsample``: ``normal_()``; ``Categorical``:
``torch.multinomial``; ``Bernoulli``: ``torch.bernoulli``; ``Uniform``: ``torch.rand``; ``Exponential``:
``exponential_()``; ``Laplace``: ``uniform_(eps - 1, 1)``; ``Gamma``/``Beta``/``Dirichlet``/``Poisson``: torch's
element-by-element rejection samplers, see :mod:`._sampling`). Float32 values computed with log/sin/cos on 16 or
more normals can differ from torch's SIMD results in the last bit (see :mod:`minitorch_scalar.random`).
``log_prob``, ``entropy``, ``rsample`` and ``kl_divergence`` are built from Tensor ops, so gradients flow to
the parameters; the implicit reparametrisation gradients of Gamma/Beta/Dirichlet draws are computed to ~1e-9
(torch approximates them: the two agree to ~1e-3 relative).
"""

from minitorch_scalar.distributions import constraints, kl, transforms, utils
from minitorch_scalar.distributions.bernoulli import Bernoulli
from minitorch_scalar.distributions.beta import Beta
from minitorch_scalar.distributions.categorical import Categorical
from minitorch_scalar.distributions.chi2 import Chi2
from minitorch_scalar.distributions.dirichlet import Dirichlet
from minitorch_scalar.distributions.distribution import Distribution
from minitorch_scalar.distributions.exp_family import ExponentialFamily
from minitorch_scalar.distributions.exponential import Exponential
from minitorch_scalar.distributions.gamma import Gamma
from minitorch_scalar.distributions.geometric import Geometric
from minitorch_scalar.distributions.gumbel import Gumbel
from minitorch_scalar.distributions.half_normal import HalfNormal
from minitorch_scalar.distributions.independent import Independent
from minitorch_scalar.distributions.kl import kl_divergence, register_kl
from minitorch_scalar.distributions.laplace import Laplace
from minitorch_scalar.distributions.log_normal import LogNormal
from minitorch_scalar.distributions.mixture_same_family import MixtureSameFamily
from minitorch_scalar.distributions.multivariate_normal import MultivariateNormal
from minitorch_scalar.distributions.normal import Normal
from minitorch_scalar.distributions.one_hot_categorical import OneHotCategorical, OneHotCategoricalStraightThrough
from minitorch_scalar.distributions.pareto import Pareto
from minitorch_scalar.distributions.poisson import Poisson
from minitorch_scalar.distributions.relaxed_bernoulli import RelaxedBernoulli
from minitorch_scalar.distributions.relaxed_categorical import RelaxedOneHotCategorical
from minitorch_scalar.distributions.transformed_distribution import TransformedDistribution
from minitorch_scalar.distributions.transforms import (
    AbsTransform,
    AffineTransform,
    ComposeTransform,
    ExpTransform,
    PowerTransform,
    SigmoidTransform,
    SoftplusTransform,
    TanhTransform,
    Transform,
    identity_transform,
)
from minitorch_scalar.distributions.uniform import Uniform

__all__ = [
    "AbsTransform",
    "AffineTransform",
    "Bernoulli",
    "Beta",
    "Categorical",
    "Chi2",
    "ComposeTransform",
    "Dirichlet",
    "Distribution",
    "ExpTransform",
    "Exponential",
    "ExponentialFamily",
    "Gamma",
    "Geometric",
    "Gumbel",
    "HalfNormal",
    "Independent",
    "Laplace",
    "LogNormal",
    "MixtureSameFamily",
    "MultivariateNormal",
    "Normal",
    "OneHotCategorical",
    "OneHotCategoricalStraightThrough",
    "Pareto",
    "Poisson",
    "PowerTransform",
    "RelaxedBernoulli",
    "RelaxedOneHotCategorical",
    "SigmoidTransform",
    "SoftplusTransform",
    "TanhTransform",
    "Transform",
    "TransformedDistribution",
    "Uniform",
    "constraints",
    "identity_transform",
    "kl",
    "kl_divergence",
    "register_kl",
    "transforms",
    "utils",
]


def __getattr__(name: str) -> object:
    """A torch distribution this package lacks (Beta, Gamma, Dirichlet, ...): NotImplementedError naming it."""
    from minitorch_scalar import MissingTorchFeature

    if name.startswith("_"):
        raise AttributeError(f"module 'minitorch_scalar.distributions' has no attribute '{name}'")
    raise MissingTorchFeature(
        f"torch.distributions.{name} is not implemented by minitorch_scalar (implemented: {', '.join(__all__)})"
    )
