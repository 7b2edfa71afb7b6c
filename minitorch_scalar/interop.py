"""Copy tensors, state_dicts and modules between this library and real PyTorch.

``to_torch(obj)`` and ``from_torch(obj)`` convert, by copying (nothing is shared between engines):

* a Tensor: same values, dtype, shape and ``requires_grad``, and its ``.grad`` when it has one. The
  copy is always a leaf (a computed tensor's graph stays behind, as with ``detach().clone()``). An
  ``nn.Parameter`` becomes the other engine's ``nn.Parameter``.
* a module: ``Linear``, ``ReLU``, ``Tanh``, ``Sigmoid``, ``Identity``, ``Flatten``, ``Dropout`` and
  ``Sequential`` of these (nested too). The counterpart gets the same hyperparameters, a copy of every
  parameter (with its ``requires_grad`` and grad) and the same ``training`` flag. Building it draws
  no random numbers: torch's ``skip_init`` on the torch side, the RNG state restored on ours, so a
  seeded run stays reproducible around a conversion.
* a ``dict`` / ``OrderedDict`` / ``list`` / ``tuple`` of the above (a ``state_dict()``, an optimizer's
  ``state_dict()``): the same container types and order; numbers, strings and None are kept.

A module's weights go into an *existing* module of the other engine with that engine's own method::

    torch_model.load_state_dict(to_torch(model.state_dict()))
    model.load_state_dict(from_torch(torch_model.state_dict()))

PyTorch is imported only when one of these functions runs; without it they raise ``ImportError``
naming the extra to install: ``pip install 'minitorch-scalar[parity]'``.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np

INSTALL_HINT = "pip install 'minitorch-scalar[parity]'"

# Layer class name -> (positional args, keyword args) that rebuild it; the same in both engines.
_LAYERS: dict[str, Callable[[Any], tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "Linear": lambda m: ((m.in_features, m.out_features), {"bias": m.bias is not None}),
    "ReLU": lambda m: ((), {}),
    "Tanh": lambda m: ((), {}),
    "Sigmoid": lambda m: ((), {}),
    "Identity": lambda m: ((), {}),
    "Flatten": lambda m: ((), {"start_dim": m.start_dim, "end_dim": m.end_dim}),
    "Dropout": lambda m: ((), {"p": m.p}),
}


def _torch() -> Any:
    """Real torch, imported now; ImportError naming the extra when it is not installed."""
    try:
        return importlib.import_module("torch")
    except ImportError as err:
        raise ImportError(f"converting to or from PyTorch needs PyTorch installed: {INSTALL_HINT}") from err


class _Engine(ABC):
    """What the converter needs to know about one engine (its module namespace and types)."""

    def __init__(self, name: str, root: Any, nn: Any) -> None:
        self.name = name
        self.tensor_type: type = root.Tensor
        self.module_type: type = nn.Module
        self.parameter_type: type = nn.Parameter
        self.nn = nn
        self.root = root

    @abstractmethod
    def array(self, t: Any) -> np.ndarray:
        """A fresh numpy copy of a tensor's values."""

    @abstractmethod
    def tensor(self, array: np.ndarray, requires_grad: bool, parameter: bool) -> Any:
        """A leaf tensor (or Parameter) holding ``array``."""

    @abstractmethod
    def build(self, cls_name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """A new layer, drawing no random numbers."""


class _Torch(_Engine):
    def __init__(self) -> None:
        torch = _torch()
        super().__init__("torch", torch, torch.nn)

    def array(self, t: Any) -> np.ndarray:
        try:
            return np.array(t.detach().cpu().numpy(), copy=True)
        except TypeError as err:
            raise TypeError(f"from_torch(): a tensor of dtype {t.dtype} has no counterpart here ({err})") from None

    def tensor(self, array: np.ndarray, requires_grad: bool, parameter: bool) -> Any:
        t = self.root.from_numpy(np.asarray(array, order="C"))
        if parameter:
            return self.nn.Parameter(t, requires_grad=requires_grad)
        return t.requires_grad_(requires_grad) if requires_grad else t

    def build(self, cls_name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        cls = getattr(self.nn, cls_name)
        if cls_name == "Linear":
            return self.root.nn.utils.skip_init(cls, *args, **kwargs)
        return cls(*args, **kwargs)


class _Ours(_Engine):
    def __init__(self) -> None:
        import minitorch_scalar
        from minitorch_scalar import nn
        from minitorch_scalar.tensor import Tensor, from_array

        super().__init__("minitorch_scalar", minitorch_scalar, nn)
        self.tensor_type = Tensor
        self.from_array = from_array

    def array(self, t: Any) -> np.ndarray:
        return np.array(t.detach().numpy(), copy=True)

    def tensor(self, array: np.ndarray, requires_grad: bool, parameter: bool) -> Any:
        t = self.from_array(np.asarray(array, order="C"))
        if parameter:
            return self.nn.Parameter(t, requires_grad=requires_grad)
        return t.requires_grad_(requires_grad) if requires_grad else t

    def build(self, cls_name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        from minitorch_scalar import random

        state = random.get_rng_state()
        try:
            return getattr(self.nn, cls_name)(*args, **kwargs)
        finally:
            random.set_rng_state(state)


class _Converter:
    """Copies objects from engine ``src`` to engine ``dst``.

    A post-order walk with an explicit stack (no recursion): containers and Sequentials are rebuilt
    after their children; an object met twice (a tied weight) is converted once.
    """

    def __init__(self, src: _Engine, dst: _Engine, fn: str) -> None:
        self.src, self.dst, self.fn = src, dst, fn
        self.done: dict[int, Any] = {}

    def convert(self, root: Any) -> Any:
        stack: list[tuple[Any, bool]] = [(root, False)]
        while stack:
            obj, children_done = stack.pop()
            if id(obj) in self.done:
                continue
            children = self._children(obj)
            if children is None:
                self.done[id(obj)] = self._leaf(obj)
            elif children_done:
                self.done[id(obj)] = self._rebuild(obj, [self.done[id(c)] for c in children])
            else:
                stack.append((obj, True))
                stack.extend((c, False) for c in reversed(children))
        return self.done[id(root)]

    def _children(self, obj: Any) -> list[Any] | None:
        if type(obj) in (list, tuple):
            return list(obj)
        if type(obj) in (dict, OrderedDict):
            return [x for pair in obj.items() for x in pair]
        if isinstance(obj, self.src.nn.Sequential):
            return list(obj.children())
        return None

    def _rebuild(self, obj: Any, children: list[Any]) -> Any:
        if type(obj) in (list, tuple):
            return type(obj)(children)
        if type(obj) in (dict, OrderedDict):
            return type(obj)(zip(children[0::2], children[1::2]))
        names = [name for name, _ in obj.named_children()]
        container = self.dst.nn.Sequential(OrderedDict(zip(names, children)))
        return container.train(obj.training)

    def _leaf(self, obj: Any) -> Any:
        if isinstance(obj, self.src.tensor_type):
            return self._tensor(obj)
        if isinstance(obj, self.src.module_type):
            return self._module(obj)
        if obj is None or type(obj) in (bool, int, float, str):
            return obj
        raise TypeError(f"{self.fn}(): cannot convert a {type(obj).__module__}.{type(obj).__qualname__}; expected "
                        f"a {self.src.name} Tensor, a supported module, or a dict/list/tuple of them")

    def _tensor(self, t: Any) -> Any:
        parameter = isinstance(t, self.src.parameter_type)
        out = self.dst.tensor(self.src.array(t), bool(t.requires_grad), parameter)
        grad = t.grad if t.is_leaf else None
        if grad is not None:
            out.grad = self.dst.tensor(self.src.array(grad), False, False)
        return out

    def _module(self, module: Any) -> Any:
        name = type(module).__name__
        if name not in _LAYERS or not isinstance(module, getattr(self.src.nn, name)):
            raise TypeError(f"{self.fn}(): cannot convert the module {type(module).__qualname__}; supported: "
                            f"{', '.join(sorted(_LAYERS))} and Sequential of them")
        if list(module.named_buffers()):
            raise TypeError(f"{self.fn}(): {name} has buffers, which are not converted")
        args, kwargs = _LAYERS[name](module)
        first = next(module.parameters(), None)
        if first is not None:
            kwargs["dtype"] = getattr(self.dst.root, str(first.dtype).rpartition(".")[2])
        out = self.dst.build(name, args, kwargs)
        for pname, param in module.named_parameters(recurse=False):
            setattr(out, pname, self._tensor(param))
        return out.train(module.training)


def to_torch(obj: Any) -> Any:
    """A real-torch copy of ``obj`` (a Tensor, a supported module, or a container of them).

    Raises:
        ImportError: torch is not installed (names the extra to install).
        TypeError: ``obj`` holds something that has no torch counterpart here.
    """
    return _Converter(_Ours(), _Torch(), "to_torch").convert(obj)


def from_torch(obj: Any) -> Any:
    """A minitorch_scalar copy of ``obj`` (a torch Tensor, a supported module, or a container of them).

    Raises:
        ImportError: torch is not installed (names the extra to install).
        TypeError: ``obj`` holds something that has no counterpart here (e.g. a bfloat16 tensor).
    """
    return _Converter(_Torch(), _Ours(), "from_torch").convert(obj)
