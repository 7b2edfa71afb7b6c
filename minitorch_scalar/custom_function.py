"""Custom autograd Functions (``torch.autograd.Function``): ops whose forward and backward the user writes.

``Fn.apply(*args)`` runs ``Fn.forward(ctx, *args)`` with grad mode off, then records one graph node of
class ``<Fn>Backward`` (:class:`BackwardCFunction`). As in torch, that node *is* the ``ctx`` the forward
saw, so ``y.grad_fn.saved_tensors`` and ``y.grad_fn.needs_input_grad`` work, and every output of one call
shares it (``a.grad_fn is b.grad_fn``). The backward pass calls ``Fn.backward(ctx, *grad_outputs)`` once,
with one gradient per forward output, and expects one gradient per forward input.

Several outputs
---------------
The engine keys gradients by node, so a node with several outputs needs the gradient of each output kept
apart. Each differentiable output ``j`` gets a small routing node (:class:`OutputEdge`, same class name
as the shared node) as its engine-level ``_grad_fn``; its backward tags the gradient with ``j``
(:class:`OutputGrads`), and tagged gradients add slot by slot when the engine sums what reaches the shared
node. ``Tensor.grad_fn`` shows the shared node. A function with a single differentiable output skips the
routing node. What differs from torch: ``next_functions`` of an op *consuming* output ``j`` lists the
routing node as ``(<FnBackward>, 0)`` where torch lists ``(<FnBackward>, j)``.

What torch checks, checked here with torch's messages: the number of gradients returned (extra trailing
``None`` allowed), a gradient for a non-tensor input, a gradient that is not a Tensor, and a gradient
whose shape is not the input's (one that broadcasts to it is summed down to it).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import warnings
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from minitorch_scalar.autograd import (
    _NO_EDGE,
    OUTPUT,
    Node,
    RemovableHandle,
    _accumulator,
    is_grad_enabled,
    no_grad,
    record,
)

_R = TypeVar("_R")
_tensor_mod = importlib.import_module("minitorch_scalar.tensor")

_LEGACY_MESSAGE = (
    "Legacy autograd function with non-static forward method is deprecated. Please use new-style autograd "
    "function with static forward method. (Example: https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)"
)
_ONCE_MESSAGE = "trying to differentiate twice a function that was marked with @once_differentiable"


class OutputGrads:
    """The gradients of a multi-output node, one slot per forward output (None where none arrived).

    ``a + b`` adds slot by slot, so the engine's ``table[node] + grad`` keeps outputs apart.
    """

    __slots__ = ("grads",)

    def __init__(self, grads: list[Any]) -> None:
        self.grads = grads

    def __add__(self, other: OutputGrads) -> OutputGrads:
        return OutputGrads([b if a is None else a if b is None else a + b for a, b in zip(self.grads, other.grads)])


class FunctionCtx:
    """What ``forward`` hands to ``backward``: saved tensors and flags, with torch's method names."""

    needs_input_grad: tuple[bool, ...]

    def save_for_backward(self, *tensors: Any) -> None:
        """Keep tensors (or None) for ``backward``; read them back as ``ctx.saved_tensors``.

        Raises:
            TypeError: for anything that is not a Tensor or None (torch's message).
        """
        Tensor = _tensor_mod.Tensor
        for i, t in enumerate(tensors):
            if t is not None and not isinstance(t, Tensor):
                raise TypeError(
                    f"save_for_backward can only save variables, but argument {i} is of type {type(t).__name__}"
                )
        self.to_save = tensors

    def mark_dirty(self, *args: Any) -> None:
        """Declare inputs that ``forward`` modified in place (and returns): they become the outputs."""
        self.dirty_tensors = args

    def mark_non_differentiable(self, *args: Any) -> None:
        """Declare outputs that get no gradient (indices, masks): they do not require grad."""
        self.non_differentiable = args

    def set_materialize_grads(self, value: bool) -> None:
        """With False, ``backward`` receives None (instead of zeros) for outputs that got no gradient."""
        self.materialize_grads = value


class BackwardCFunction(Node, FunctionCtx):
    """The graph node of one custom Function call; it is also that call's ``ctx``.

    Subclassed once per Function as ``<Fn>Backward`` (``_forward_cls`` is the Function).
    """

    _forward_cls: type[Function]

    def __repr__(self) -> str:
        return f"<torch.autograd.function.{type(self).__name__} object at {id(self):#x}>"

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def _resolve(self, graph: bool) -> tuple[Any, ...]:
        """Nothing for the engine: the user's backward reads ``ctx.saved_tensors``, which does the checks."""
        return ()

    @property
    def saved_tensors(self) -> tuple[Any, ...]:
        """The tensors given to ``save_for_backward``, version-checked.

        Raises:
            RuntimeError: once a backward without ``retain_graph`` freed them, or when one was modified
                in place since it was saved (torch's messages).
        """
        if "_recorded" not in self.__dict__:  # still in forward, or the call was not recorded
            return tuple(self.__dict__.get("to_save", ()))
        return Node._resolve(self, True)

    def register_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """Run ``hook(grad_inputs, grad_outputs)`` after this node's backward; a returned tuple replaces
        ``grad_inputs`` (one entry per tensor input)."""
        hooks = self.__dict__.setdefault("_post_hooks", {})
        handle = RemovableHandle(hooks)
        hooks[handle.id] = hook
        return handle

    def register_prehook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """Run ``hook(grad_outputs)`` before this node's backward; a returned tuple replaces ``grad_outputs``."""
        hooks = self.__dict__.setdefault("_call_pre_hooks", {})
        handle = RemovableHandle(hooks)
        hooks[handle.id] = hook
        return handle

class OutputEdge(Node):
    """Routes the gradient of output ``j`` of a multi-output Function node into that node's slot ``j``."""

    __slots__ = ("_public",)
    _public: BackwardCFunction

    def __repr__(self) -> str:
        return f"<torch.autograd.function.{type(self).__name__} object at {id(self):#x}>"


def _route(index: int, count: int, m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any]:
    """The routing node's backward: ``g`` placed in slot ``index`` of ``count``."""
    grads: list[Any] = [None] * count
    grads[index] = g
    return (OutputGrads(grads),)


def _init_node(node: Node, edges: list[tuple[Node | None, int]], backward: Any, out_meta: Any) -> None:
    """Give a node built outside ``record`` the fields the engine reads."""
    node.next_functions = tuple(edges)
    node._backward = backward
    node._saved = ()
    node._versions = ()
    node._frees = False
    node._freed = False
    node._needs = tuple(e[0] is not None for e in edges)
    node._out = None
    node._out_vbox = None
    node._out_meta = out_meta
    node._pre_hooks = None
    node._retained = None
    node._metadata = None


class Function:
    """Base class of custom autograd ops: subclass with static ``forward`` and ``backward``.

    ``forward(ctx, *args)`` computes the outputs (a Tensor, or a tuple that may hold non-Tensors);
    ``backward(ctx, *grad_outputs)`` returns one gradient (or None) per forward argument. Alternatively
    ``forward(*args)`` without ctx plus ``setup_context(ctx, inputs, output)`` (torch 2 style).
    """

    _backward_cls: type[BackwardCFunction]
    _edge_cls: type[OutputEdge]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = f"{cls.__name__}Backward"
        attrs = {"_forward_cls": cls, "__module__": "torch.autograd.function", "__qualname__": name}
        cls._backward_cls = type(name, (BackwardCFunction,), attrs)
        cls._edge_cls = type(name, (OutputEdge,), {"__slots__": (), **attrs})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        warnings.warn(
            f"{type(self)} should not be instantiated. Methods on autograd functions are all static, so you "
            "should invoke them on the class itself. Instantiating an autograd function will raise an error in "
            "a future version of PyTorch.",
            DeprecationWarning,
            stacklevel=2,
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Old-style (pre-0.4) use of an instance; torch refuses it."""
        raise RuntimeError(_LEGACY_MESSAGE)

    @staticmethod
    def forward(*args: Any, **kwargs: Any) -> Any:
        """Compute the outputs from the inputs (override)."""
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Any) -> Any:
        """Save what backward needs, when ``forward`` takes no ctx (override)."""
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx: Any, *grad_outputs: Any) -> Any:
        """d loss / d input for each forward input, given d loss / d output for each output (override)."""
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom autograd.Function to use it "
            "with backward mode AD."
        )

    vjp = backward

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        """Run the function on ``args`` and, when an input requires grad, record its node.

        Keyword arguments are bound to ``forward``'s parameters (with ``setup_context``, defaults too), so
        they count as inputs, as in torch.
        """
        Tensor = _tensor_mod.Tensor
        with_setup = cls.setup_context is not Function.setup_context
        if with_setup or kwargs:
            bound = inspect.signature(cls.forward).bind(*((None,) if not with_setup else ()), *args, **kwargs)
            if with_setup:
                bound.apply_defaults()
            args = bound.args if with_setup else bound.args[1:]
            kwargs = bound.kwargs
        ctx = cls._backward_cls()
        _init_node(ctx, [], None, None)
        needs = tuple(isinstance(a, Tensor) and a._requires_grad for a in args)
        ctx.needs_input_grad = needs
        recording = is_grad_enabled() and True in needs
        edges: list[tuple[Node | None, int]] = []
        if recording:
            for a in args:
                if isinstance(a, Tensor):
                    edges.append((a._grad_fn or _accumulator(a), 0) if a._requires_grad else _NO_EDGE)
        with no_grad():
            if with_setup:
                out = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, out)
            else:
                out = cls.forward(ctx, *args, **kwargs)
        dirty = ctx.__dict__.get("dirty_tensors", ())
        for t in dirty:
            if recording and t._grad_fn is None and t._requires_grad:
                raise RuntimeError("a leaf Variable that requires grad has been used in an in-place operation.")
            t._vbox[0] += 1
        if not recording:
            return out
        return _connect(cls, ctx, args, out, edges, dirty)


def _connect(
    cls: type[Function], ctx: BackwardCFunction, args: tuple[Any, ...], out: Any,
    edges: list[tuple[Node | None, int]], dirty: tuple[Any, ...],
) -> Any:
    """Make the forward's tensor outputs the outputs of ``ctx`` (the node) and return them."""
    Tensor = _tensor_mod.Tensor
    outs = list(out) if isinstance(out, tuple) else [out]
    non_diff = {id(t) for t in ctx.__dict__.get("non_differentiable", ())}
    dirty_ids = {id(t) for t in dirty}
    arg_ids = {id(a) for a in args if isinstance(a, Tensor)}
    metas: list[tuple[tuple[int, ...], np.dtype] | None] = []
    diff: list[int] = []
    for j, o in enumerate(outs):
        if not isinstance(o, Tensor):
            metas.append(None)
            continue
        metas.append((o._data.shape, o._data.dtype))
        if id(o) not in non_diff and o._dtype.is_floating_point:
            diff.append(j)
        if id(o) in arg_ids and id(o) not in dirty_ids:  # an input returned as is: a new tensor, as torch's view
            view = _tensor_mod.Tensor._wrap(o._data)
            view._vbox = o._vbox
            outs[j] = view
    if not diff:
        return out
    ctx._out_metas = metas  # type: ignore[attr-defined]
    ctx._n_args = len(args)  # type: ignore[attr-defined]
    ctx._arg_is_tensor = [isinstance(a, Tensor) for a in args]  # type: ignore[attr-defined]
    ctx._arg_metas = [(a._data.shape, a._dtype) for a in args if isinstance(a, Tensor)]  # type: ignore[attr-defined]
    first = outs[diff[0]]
    single = diff[0] if len(diff) == 1 else None
    ref = weakref.ref(ctx)
    _init_node(ctx, edges, functools.partial(_function_backward, ref, single), (first._data.shape, first._dtype))
    for j in diff:
        o = outs[j]
        o._requires_grad = True
        if single is not None:
            o._grad_fn = ctx
            continue
        edge = cls._edge_cls()
        _init_node(edge, [(ctx, j)], functools.partial(_route, j, len(outs)), (o._data.shape, o._dtype))
        edge._public = ctx
        o._grad_fn = edge
    _save(ctx, outs[single] if single is not None else None)
    return tuple(outs) if isinstance(out, tuple) else outs[0]


def _save(ctx: BackwardCFunction, single_out: Any) -> None:
    """Move ``ctx.to_save`` into the node's version-checked saved values (the output without a cycle)."""
    Tensor = _tensor_mod.Tensor
    saved: list[Any] = []
    versions = []
    ctx._recorded = True  # type: ignore[attr-defined]
    for i, t in enumerate(ctx.__dict__.get("to_save", ())):
        if t is not None and t is single_out:
            ctx._out = t._data
            ctx._out_vbox = t._vbox
            versions.append((-1, (t._vbox, t._vbox[0])))
            saved.append(OUTPUT)
        else:
            if isinstance(t, Tensor):
                versions.append((i, (t._vbox, t._vbox[0])))
            saved.append(t)
    ctx._saved = tuple(saved)
    ctx._versions = tuple(versions)
    ctx._frees = bool(versions)


def _zeros(meta: tuple[tuple[int, ...], np.dtype]) -> Any:
    return _tensor_mod.Tensor._wrap(np.zeros(meta[0], meta[1]))


def _function_backward(
    ref: weakref.ref[BackwardCFunction], single: int | None, m: Any, g: Any, saved: tuple[Any, ...],
    needs: tuple[bool, ...],
) -> tuple[Any, ...]:
    """The node's backward: gradients per output in, the user's backward, checked gradients per input out."""
    ctx = ref()
    if ctx is None:  # the engine holds the node while it runs
        raise RuntimeError("custom Function node was freed before its backward ran")
    Tensor = _tensor_mod.Tensor
    graph = is_grad_enabled()
    metas = ctx._out_metas  # type: ignore[attr-defined]
    if single is None:
        raw = list(g.grads)
    else:
        raw = [None] * len(metas)
        raw[single] = g
    raw = [r if r is None or isinstance(r, Tensor) else Tensor._wrap(np.asarray(r)) for r in raw]
    pre = ctx.__dict__.get("_call_pre_hooks")
    if pre:
        raw = _run_pre_hooks(pre, raw)
    materialize = ctx.__dict__.get("materialize_grads", True)
    grads = [r if r is not None or meta is None or not materialize else _zeros(meta) for r, meta in zip(raw, metas)]
    cls = ctx._forward_cls
    user = cls.vjp if cls.backward is Function.backward else cls.backward
    result = user(ctx, *grads)
    per_input = _check_count(ctx, result if isinstance(result, tuple) else (result,))
    out = _per_tensor_input(ctx, per_input)
    post = ctx.__dict__.get("_post_hooks")
    if post:
        out = _run_post_hooks(post, out, tuple(raw))
    return tuple(None if r is None or not need else (r if graph else r._data) for r, need in zip(out, needs))


def _run_pre_hooks(hooks: dict[int, Callable[..., Any]], grads: list[Any]) -> list[Any]:
    for hook in list(hooks.values()):
        res = hook(tuple(grads))
        if res is not None:
            grads = list(res)
    return grads


def _run_post_hooks(hooks: dict[int, Callable[..., Any]], grads: list[Any], grad_outputs: tuple[Any, ...]) -> list[Any]:
    for hook in list(hooks.values()):
        res = hook(tuple(grads), grad_outputs)
        if res is not None:
            grads = list(res)
    return grads


def _check_count(ctx: BackwardCFunction, result: tuple[Any, ...]) -> tuple[Any, ...]:
    """torch's check of how many gradients ``backward`` returned (trailing extra Nones are dropped)."""
    n = ctx._n_args  # type: ignore[attr-defined]
    if len(result) > n and all(r is None for r in result[n:]):
        result = result[:n]
    if len(result) != n:
        raise RuntimeError(
            f"function {type(ctx).__name__} returned an incorrect number of gradients (expected {n}, got {len(result)})"
        )
    return result


def _per_tensor_input(ctx: BackwardCFunction, result: tuple[Any, ...]) -> list[Any]:
    """One gradient per tensor input, type- and shape-checked, cast to the input's dtype (torch's rules)."""
    Tensor = _tensor_mod.Tensor
    name = type(ctx).__name__
    tensor_grads: list[Any] = []
    is_tensor: list[bool] = ctx._arg_is_tensor  # type: ignore[attr-defined]
    for i, (a_is_tensor, r) in enumerate(zip(is_tensor, result)):
        if not a_is_tensor:
            if r is not None:
                raise RuntimeError(
                    f"function {name} returned a gradient different than None at position {i + 1}, but the "
                    "corresponding forward input was not a Variable"
                )
            continue
        if r is not None and not isinstance(r, Tensor):
            raise RuntimeError(f"expected Variable or None (got {type(r).__name__})")
        tensor_grads.append(r)
    out: list[Any] = []
    for k, (r, (shape, dt)) in enumerate(zip(tensor_grads, ctx._arg_metas)):  # type: ignore[attr-defined]
        if r is None:
            out.append(None)
            continue
        if r._data.shape != shape:
            r = _sum_to(r, shape, name, k)
        out.append(r if r._dtype is dt else r.to(dt))
    return out


def _sum_to(r: Any, shape: tuple[int, ...], name: str, index: int) -> Any:
    """``r`` summed down to ``shape`` when ``shape`` broadcasts to ``r``'s shape, else torch's error."""
    have = r._data.shape
    lead = len(have) - len(shape)
    if lead < 0 or any(s != h and s != 1 for s, h in zip(shape, have[lead:])):
        raise RuntimeError(
            f"Function {name} returned an invalid gradient at index {index} - got {list(have)} but expected shape "
            f"compatible with {list(shape)}"
        )
    dims = tuple(range(lead)) + tuple(lead + i for i, s in enumerate(shape) if s == 1 and have[lead + i] != 1)
    return r.sum(dims, keepdim=True).reshape(shape) if dims else r.reshape(shape)


def once_differentiable(fn: Callable[..., _R]) -> Callable[..., _R]:
    """Decorate a ``backward`` that cannot itself be differentiated.

    It runs without recording; under ``create_graph`` its results get a node that raises torch's
    "trying to differentiate twice" error if a later backward reaches it.
    """

    @functools.wraps(fn)
    def wrapper(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        with no_grad():
            outputs: Any = fn(ctx, *args, **kwargs)
        Tensor = _tensor_mod.Tensor
        if not is_grad_enabled() or not any(isinstance(a, Tensor) and a._requires_grad for a in args):
            return outputs
        many = isinstance(outputs, tuple)
        wrapped = tuple(_delayed_error(o) for o in (outputs if many else (outputs,)))
        return wrapped if many else wrapped[0]

    return wrapper


def _raise_once(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    raise RuntimeError(_ONCE_MESSAGE)


def _delayed_error(o: Any) -> Any:
    """``o`` as the output of an ``Error`` node, torch's DelayedError: backpropagating through it raises."""
    Tensor = _tensor_mod.Tensor
    if not isinstance(o, Tensor):
        return o
    leaf = Tensor._wrap(o._data, requires_grad=True)
    return record("Error", o._data, (leaf,), (), _raise_once)


__all__ = ["BackwardCFunction", "Function", "FunctionCtx", "OutputGrads", "once_differentiable"]
