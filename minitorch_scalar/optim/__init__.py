"""Optimizers (``torch.optim``): SGD, Adam, AdamW, RMSprop, Adagrad, and ``optim.lr_scheduler``.

Each optimizer updates parameters in place with the same float32 arithmetic as torch 2.13's
single-tensor CPU path, so a training loop written for ``torch.optim`` gives the same numbers.
"""

from minitorch_scalar.optim import lr_scheduler
from minitorch_scalar.optim.adagrad import Adagrad
from minitorch_scalar.optim.adam import Adam, AdamW
from minitorch_scalar.optim.optimizer import Optimizer
from minitorch_scalar.optim.rmsprop import RMSprop
from minitorch_scalar.optim.sgd import SGD

__all__ = ["SGD", "Adagrad", "Adam", "AdamW", "Optimizer", "RMSprop", "lr_scheduler"]
