"""``torch.utils.hooks``: the handle hooks return, and the machinery behind ``nn.Module`` backward hooks.

A module with full backward hooks (or backward pre-hooks) passes its tensor inputs and its tensor outputs
through :class:`BackwardHookFunction`, an identity custom Function. Its node on the output side sees the
gradients w.r.t. the module's outputs (``grad_output``) and runs the pre-hooks; its node on the input side
sees the gradients w.r.t. the module's inputs (``grad_input``) and runs the full hooks with both. That is why,
as in torch, a hooked module's outputs show ``grad_fn=<BackwardHookFunctionBackward>``.

When no input requires grad, the full hooks run on the output side with ``grad_input`` all None (and
torch's warning); a hook there may only return None.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

from minitorch_scalar.autograd import RemovableHandle, is_grad_enabled
from minitorch_scalar.custom_function import Function
from minitorch_scalar.tensor import Tensor

_NO_INPUT_GRAD_WARNING = (
    "Full backward hook is firing when gradients are computed with respect to module outputs since no inputs "
    "require gradients. See https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html"
    "#torch.nn.Module.register_full_backward_hook for more details."
)


class BackwardHookFunction(Function):
    """Identity on its tensor arguments; the node module backward hooks attach to."""

    @staticmethod
    def forward(ctx: Any, *args: Any) -> Any:
        """Return the inputs (as new tensors); those that do not require grad stay without grad."""
        ctx.mark_non_differentiable(*[a for a in args if not a.requires_grad])
        return args

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        """d in / d out = 1: pass each gradient through."""
        return grads


class BackwardHook:
    """One module call's backward hooks: connects the gradients seen at its outputs and at its inputs.

    Args:
        module: the module, passed to each hook.
        user_hooks: full backward hooks, ``hook(module, grad_input, grad_output)``.
        user_pre_hooks: backward pre-hooks, ``hook(module, grad_output)``.
    """

    def __init__(self, module: Any, user_hooks: list[Callable[..., Any]], user_pre_hooks: list[Callable[..., Any]]):
        self.module = module
        self.user_hooks = user_hooks
        self.user_pre_hooks = user_pre_hooks
        self.grad_outputs: tuple[Any, ...] | None = None
        self.n_inputs = 0
        self.n_outputs = 0
        self.input_index: list[int] | None = None
        self.output_index: list[int] | None = None

    @staticmethod
    def _spread(index: Sequence[int], values: Sequence[Any], size: int) -> tuple[Any, ...]:
        """``values`` placed at ``index`` in a tuple of ``size`` Nones."""
        out: list[Any] = [None] * size
        for i, v in zip(index, values):
            out[i] = v
        return tuple(out)

    def _through_function(self, args: tuple[Any, ...]) -> tuple[tuple[Any, ...], list[int] | None, Any]:
        """Pass the tensors of ``args`` through BackwardHookFunction (when any requires grad and grad mode is
        on); returns the new args, the tensor positions (None when nothing was done) and the node."""
        index = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        tensors = [args[i] for i in index]
        if not (is_grad_enabled() and any(t.requires_grad for t in tensors)):
            return args, None, None
        new = BackwardHookFunction.apply(*tensors)
        node = next(t.grad_fn for t in new if t.grad_fn is not None)
        out = list(args)
        for i, t in zip(index, new):
            out[i] = t
        return tuple(out), index, node

    def setup_input_hook(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """Wrap the module's positional inputs; their node runs the full hooks."""
        new, index, node = self._through_function(args)
        self.n_inputs = len(args)
        self.input_index = index
        if node is not None:
            node.register_hook(self._input_hook)
        return new

    def setup_output_hook(self, result: Any) -> Any:
        """Wrap the module's output(s); their node runs the pre-hooks (and the full hooks when no input
        requires grad)."""
        single = not isinstance(result, tuple)
        outs = (result,) if single else result
        new, index, node = self._through_function(outs)
        self.n_outputs = len(outs)
        self.output_index = index
        if node is not None:
            node.register_hook(self._output_hook)
        return new[0] if single else new

    def _input_hook(self, grad_inputs: tuple[Any, ...], grad_outputs: tuple[Any, ...]) -> Any:
        if self.grad_outputs is None or self.input_index is None:  # reached without passing the outputs
            return None
        res = self._spread(self.input_index, grad_inputs, self.n_inputs)
        for hook in self.user_hooks:
            out = hook(self.module, res, self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(res):
                raise RuntimeError(
                    f"Backward hook returned an invalid number of grad_input, got {len(out)}, but expected {len(res)}"
                )
            res = out
        self.grad_outputs = None
        return tuple(res[i] for i in self.input_index)

    def _output_hook(self, grad_inputs: tuple[Any, ...], grad_outputs: tuple[Any, ...]) -> Any:
        index = self.output_index or []
        self.grad_outputs = self._spread(index, grad_outputs, self.n_outputs)
        for hook in self.user_pre_hooks:
            changed = hook(self.module, self.grad_outputs)
            if changed is None:
                continue
            if len(changed) != len(self.grad_outputs):
                raise RuntimeError(
                    "Backward pre hook returned an invalid number of grad_output, got "
                    f"{len(changed)}, but expected {len(self.grad_outputs)}"
                )
            self.grad_outputs = tuple(changed)
        current = self.grad_outputs
        if self.input_index is None:
            warnings.warn(_NO_INPUT_GRAD_WARNING, UserWarning, stacklevel=2)
            nones = self._spread([], [], self.n_inputs)
            for hook in self.user_hooks:
                res = hook(self.module, nones, self.grad_outputs)
                if res is not None and not (isinstance(res, tuple) and all(r is None for r in res)):
                    raise RuntimeError(
                        "Backward hook for Modules where no input requires gradient should always return None or "
                        "None for all gradients."
                    )
            self.grad_outputs = None
        return tuple(current[i] for i in index)


__all__ = ["BackwardHook", "BackwardHookFunction", "RemovableHandle"]
