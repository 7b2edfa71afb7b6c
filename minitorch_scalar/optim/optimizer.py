"""``optim.Optimizer``: parameter groups, per-parameter state, ``zero_grad`` and state dicts.

An optimizer holds ``param_groups``, a list of dicts: ``'params'`` (the tensors to update) plus one
entry per hyper-parameter (``lr``, ``momentum`` ...), filled from the optimizer's ``defaults``
where a group does not set it. ``state`` maps each parameter to its own dict of running buffers
(``momentum_buffer``, ``exp_avg`` ...). Subclasses implement ``step()``; the update formulas and
their float rounding live in :mod:`minitorch_scalar.optim.kernels`.
"""

from __future__ import annotations

import copy
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from minitorch_scalar.autograd import enable_grad
from minitorch_scalar.nn.module import typename
from minitorch_scalar.tensor import Tensor, from_array

_DUPLICATE_WARNING = (
    "optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; "
    "see github.com/pytorch/pytorch/issues/40967 for more information"
)


class _RequiredParameter:
    """Marker for a hyper-parameter every group must set (torch's ``required``)."""

    def __repr__(self) -> str:
        return "<required parameter>"


required = _RequiredParameter()


def _cast_state(param: Tensor, value: Any, key: str | None) -> Any:
    """A loaded state value converted to ``param``'s dtype (``'step'`` counters keep theirs)."""
    if isinstance(value, Tensor):
        if key != "step" and param.is_floating_point() and value.is_floating_point():
            return value.to(param.dtype)
        return value
    if isinstance(value, dict):
        return {k: _cast_state(param, v, k) for k, v in value.items()}
    return value


class Optimizer:
    """Base class of the optimizers (``torch.optim.Optimizer``).

    Args:
        params: an iterable of tensors, of ``(name, tensor)`` pairs, or of dicts each describing a
            parameter group (``{'params': [...], 'lr': 0.1}``).
        defaults: the hyper-parameters a group gets when it does not set them.

    Raises:
        TypeError: when ``params`` is a single tensor, a set, or holds something that is not a tensor.
        ValueError: for an empty parameter list, a non-leaf tensor, or a tensor in two groups.
    """

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self.state: defaultdict[Tensor, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or dicts, "
                f"but got {typename(params)}"
            )
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters (with its own hyper-parameters) to optimize.

        Raises:
            TypeError: for a group that is not a dict, parameters in a set, or a non-tensor.
            ValueError: for a non-leaf tensor, a missing required hyper-parameter, or a tensor
                already in another group.
        """
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the ordering of tensors "
                "in sets will change between runs. Please use a list instead."
            )
        params = list(params)
        names = [p[0] for p in params if isinstance(p, tuple)]
        if names:
            if len(names) != len(params):
                raise ValueError("all optimizer params should be with/without names. Some param names are missing")
            params = [p[1] for p in params]
        param_group["params"] = params
        if names:
            param_group["param_names"] = names
        for param in params:
            self._check_param(param)
        for key, default in self.defaults.items():
            if default is required and key not in param_group:
                raise ValueError(f"parameter group didn't specify a value of required optimization parameter {key}")
            param_group.setdefault(key, default)
        if len({id(p) for p in params}) != len(params):
            warnings.warn(_DUPLICATE_WARNING, UserWarning, stacklevel=3)
        taken = {id(p) for group in self.param_groups for p in group["params"]}
        if any(id(p) in taken for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def _check_param(self, param: Any) -> None:
        """torch's checks on one tensor given to an optimizer."""
        if not isinstance(param, Tensor):
            raise TypeError(f"optimizer can only optimize Tensors, but one of the params is {typename(param)}")
        if not self.defaults.get("differentiable") and not (param.is_leaf or param.retains_grad):
            raise ValueError("can't optimize a non-leaf Tensor")

    # ------------------------------------------------------------------ grads
    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget every parameter's gradient: ``grad = None`` (default) or zero it in place."""
        for group in self.param_groups:
            for param in group["params"]:
                grad = param.grad
                if grad is None:
                    continue
                if set_to_none:
                    param.grad = None
                    continue
                if grad.grad_fn is not None:
                    grad.detach_()
                else:
                    grad.requires_grad_(False)
                grad.zero_()

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Update every parameter that has a gradient; returns ``closure()``'s loss if given."""
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        for group in self.param_groups:
            self._update_group(group)
        return loss

    def _update_group(self, group: dict[str, Any]) -> None:
        """Apply this optimizer's rule to one parameter group (subclasses implement it)."""
        raise NotImplementedError(f"{type(self).__name__} does not implement _update_group")

    # ------------------------------------------------------------ state dicts
    def state_dict(self) -> dict[str, Any]:
        """``{'state': {index: buffers}, 'param_groups': [group without tensors]}``.

        Parameters are replaced by their position across all groups, so the dict can be loaded
        into an optimizer over other tensors of the same shapes.
        """
        index: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            packed = {key: value for key, value in group.items() if key != "params"}
            for param in group["params"]:
                index.setdefault(id(param), len(index))
            packed["params"] = [index[id(p)] for p in group["params"]]
            groups.append(packed)
        state = {(index[id(k)] if isinstance(k, Tensor) else k): v for k, v in self.state.items()}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore hyper-parameters and buffers saved by :meth:`state_dict`.

        Raises:
            ValueError: when the number of groups or of parameters per group differs.
        """
        saved_groups = copy.deepcopy(state_dict["param_groups"])
        if len(saved_groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        for group, saved in zip(self.param_groups, saved_groups):
            if len(group["params"]) != len(saved["params"]):
                raise ValueError(
                    "loaded state dict contains a parameter group that doesn't match the size of optimizer's group"
                )
        by_index = {
            index: param
            for group, saved in zip(self.param_groups, saved_groups)
            for index, param in zip(saved["params"], group["params"])
        }
        state: defaultdict[Any, dict[str, Any]] = defaultdict(dict)
        for key, value in state_dict["state"].items():
            if key in by_index:
                param = by_index[key]
                state[param] = _cast_state(param, value, None)
            else:
                state[key] = value
        new_groups = []
        for group, saved in zip(self.param_groups, saved_groups):
            saved["params"] = group["params"]
            if "param_names" in group and "param_names" not in saved:
                saved["param_names"] = group["param_names"]
            new_groups.append(saved)
        self.state = state
        self.param_groups = new_groups

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"

    # --------------------------------------------------- helpers for subclasses
    @staticmethod
    def _with_grad(group: dict[str, Any]) -> list[Tensor]:
        """The group's parameters that received a gradient (the others are skipped, as in torch)."""
        return [p for p in group["params"] if p._grad is not None]

    @staticmethod
    def _zeros_like(param: Tensor) -> Tensor:
        """A zero state buffer with the parameter's shape and dtype."""
        return from_array(np.zeros_like(param._data))

    @staticmethod
    def _step_counter() -> Tensor:
        """torch's ``state['step']``: a float32 0-d tensor counting the updates."""
        return from_array(np.array(0.0, dtype=np.float32))

    @staticmethod
    def _grad_array(param: Tensor, maximize: bool) -> np.ndarray:
        """The parameter's gradient as an array (negated when maximizing)."""
        grad: np.ndarray = param.grad._data  # type: ignore[union-attr]
        return -grad if maximize else grad

    @staticmethod
    def _bump(param: Tensor) -> None:
        """Count an in-place update in the parameter's version (graphs that saved it will refuse to backward)."""
        param._vbox[0] += 1

    @staticmethod
    def _tick(step: Tensor) -> float:
        """``step += 1`` in float32 and return the new count as a Python float."""
        step._data[...] = step._data + np.float32(1.0)
        return float(step._data)
