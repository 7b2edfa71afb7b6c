"""Optimizers (``torch.optim``): SGD, Adam, AdamW, Adamax, NAdam, RAdam, RMSprop, Adagrad, Adadelta, ASGD,
Rprop, LBFGS, ``optim.lr_scheduler`` and ``optim.swa_utils``.

Each optimizer updates parameters in place with the same float32 arithmetic as torch 2.13's
single-tensor CPU path, so a training loop written for ``torch.optim`` gives the same numbers.
"""

from minitorch_scalar.optim import lr_scheduler, swa_utils
from minitorch_scalar.optim.adadelta import Adadelta
from minitorch_scalar.optim.adagrad import Adagrad
from minitorch_scalar.optim.adam import Adam, AdamW
from minitorch_scalar.optim.adamax import Adamax
from minitorch_scalar.optim.asgd import ASGD
from minitorch_scalar.optim.lbfgs import LBFGS
from minitorch_scalar.optim.nadam import NAdam
from minitorch_scalar.optim.optimizer import Optimizer
from minitorch_scalar.optim.radam import RAdam
from minitorch_scalar.optim.rmsprop import RMSprop
from minitorch_scalar.optim.rprop import Rprop
from minitorch_scalar.optim.sgd import SGD

__all__ = [
    "ASGD", "LBFGS", "SGD", "Adadelta", "Adagrad", "Adam", "AdamW", "Adamax", "NAdam", "Optimizer", "RAdam", "RMSprop",
    "Rprop", "lr_scheduler", "swa_utils",
]
