"""Autograd for the Tensor engine: graph nodes, the backward pass, ``grad()`` and grad mode.

Defining an op with its own backward (the internal API other modules build on)
-----------------------------------------------------------------------------
::

    record(name, out, inputs, saved=(), backward=None, frees=None, unchecked=frozenset()) -> Tensor

* ``name``: the grad_fn class name torch shows (``"AddmmBackward0"``, ``"MseLossBackward0"``).
* ``out``: the forward result, a numpy array already computed in the result dtype.
* ``inputs``: one entry per *tensor* input of the op, in torch's order; ``None`` for an operand that
  torch wraps from a Python scalar (it shows as ``(None, 0)`` in ``next_functions``).
* ``saved``: values the backward needs. A :class:`Tensor` in it is version-checked (torch's
  "modified by an inplace operation" error) and is handed to the backward as its numpy array, or
  as the Tensor itself when the backward runs with ``create_graph=True``. The marker
  :data:`OUTPUT` stands for the op's own result (saved without a reference cycle). Anything else
  (shapes, Python numbers, index arrays) is passed through unchanged.
* ``backward(m, grad, saved, needs) -> tuple``: one gradient per entry of ``inputs`` (``None``
  where ``needs[i]`` is False). ``m`` is the backend: :data:`minitorch_scalar.tensor_ops.ARRAY_VJP`
  (numpy arrays) for an ordinary backward, :data:`minitorch_scalar.tensor_ops.TENSOR` (Tensors,
  so the backward itself is recorded) under ``create_graph=True``. A backward written with ``m``'s
  functions and arithmetic supports higher-order gradients for free. It defaults to the rule
  registered under ``name`` in :data:`minitorch_scalar.tensor_ops.VJP`.
* ``frees``: whether running the node frees its saved values (torch's second-backward error).
  Defaults to "``saved`` holds a Tensor or OUTPUT".
* ``unchecked``: positions in ``saved`` handed to the backward without the version check (values
  torch would not save, so changing them in place is no error).

Example (a squaring op with its own node name)::

    def square_backward(m, grad, saved, needs):
        (x,) = saved
        return (grad * x * 2.0,)

    y = record("SquareBackward0", x._data ** 2, (x,), (x,), square_backward)

When grad mode is off or no input requires grad, ``record`` just wraps ``out`` (no node). Subclasses
of Tensor (``nn.Parameter``) are built with ``Tensor._make_subclass(cls, data, requires_grad)``;
every op returns a plain Tensor.

The backward pass
-----------------
One iterative algorithm (no recursion): collect the nodes reachable from the roots with an explicit
stack, count each node's consumers, then run nodes in topological order (a node runs once all its
consumers have sent their gradient). Gradients of one pass live in a per-pass table keyed by node;
only leaves' ``.grad`` (and ``retain_grad()`` tensors) keep them, accumulating across passes.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import sys
import types
import warnings
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

if TYPE_CHECKING:
    from minitorch_scalar.tensor import Tensor

Backward = Callable[[Any, Any, tuple[Any, ...], tuple[bool, ...]], tuple[Any, ...]]
F = TypeVar("F", bound=Callable[..., Any])

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors after they have "
    "already been freed). Saved intermediate values of the graph are freed when you call .backward() or "
    "autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if "
    "you need to access saved tensors after calling backward."
)
_NO_GRAD_MESSAGE = "element {} of tensors does not require grad and does not have a grad_fn"


class _Output:
    """Marker for "the op's own result" inside ``saved``."""

    def __repr__(self) -> str:
        return "OUTPUT"


OUTPUT = _Output()
_NO_EDGE: tuple[None, int] = (None, 0)

# ----------------------------------------------------------------------------------------------
# Grad mode
# ----------------------------------------------------------------------------------------------

_grad_enabled: list[bool] = [True]


def is_grad_enabled() -> bool:
    """Whether ops currently record a graph."""
    return _grad_enabled[0]


class _DecoratorContextManager:
    """A context manager that also decorates functions (each call runs inside the context)."""

    def __call__(self, func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.clone():
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    def clone(self) -> _DecoratorContextManager:
        """A fresh instance with the same settings (contexts are not re-entrant)."""
        return type(self)()

    def __enter__(self) -> None:
        raise NotImplementedError

    def __exit__(self, *exc: object) -> None:
        raise NotImplementedError


class _NoParamDecoratorContextManager(_DecoratorContextManager):
    """Allows both ``@no_grad`` and ``@no_grad()``."""

    def __new__(cls, orig_func: Callable[..., Any] | None = None) -> Any:
        if orig_func is None:
            return super().__new__(cls)
        return cls()(orig_func)


class no_grad(_NoParamDecoratorContextManager):  # noqa: N801 - torch's name
    """Context manager / decorator that turns graph recording off."""

    def __init__(self) -> None:
        self.prev = False

    def __enter__(self) -> None:
        self.prev = _grad_enabled[0]
        _grad_enabled[0] = False

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self.prev


class enable_grad(_NoParamDecoratorContextManager):  # noqa: N801 - torch's name
    """Context manager / decorator that turns graph recording on (inside a no_grad block)."""

    def __init__(self) -> None:
        self.prev = False

    def __enter__(self) -> None:
        self.prev = _grad_enabled[0]
        _grad_enabled[0] = True

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self.prev


_inference_enabled = [False]
"""Whether an ``inference_mode()`` block is active (``torch.is_inference_mode_enabled()``)."""


def is_inference_mode_enabled() -> bool:
    """Whether code runs inside ``torch.inference_mode()`` (and not inside ``inference_mode(False)``)."""
    return _inference_enabled[0]


class inference_mode(_NoParamDecoratorContextManager):  # noqa: N801 - torch's name
    """Like no_grad (here inference tensors are ordinary tensors); ``inference_mode(False)`` turns grad mode on."""

    def __new__(cls, mode: Any = True) -> Any:
        if callable(mode):  # used bare, as ``@inference_mode``
            return cls()(mode)
        return object.__new__(cls)

    def __init__(self, mode: bool = True) -> None:
        self.mode = mode
        self.prev = False
        self.prev_inference = False

    def __enter__(self) -> None:
        self.prev = _grad_enabled[0]
        self.prev_inference = _inference_enabled[0]
        _grad_enabled[0] = not self.mode  # torch's InferenceMode(False) turns grad mode on
        _inference_enabled[0] = self.mode

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self.prev
        _inference_enabled[0] = self.prev_inference

    def clone(self) -> inference_mode:
        """A fresh instance with the same mode."""
        return type(self)(self.mode)


class set_grad_enabled(_DecoratorContextManager):  # noqa: N801 - torch's name
    """Turn grad mode on or off. Takes effect at once; as a context manager it restores the old mode."""

    def __init__(self, mode: bool) -> None:
        self.prev = _grad_enabled[0]
        self.mode = bool(mode)
        _grad_enabled[0] = self.mode

    def __call__(self, func: F) -> F:
        _grad_enabled[0] = self.prev
        return super().__call__(func)

    def __enter__(self) -> None:
        _grad_enabled[0] = self.mode

    def __exit__(self, *exc: object) -> None:
        _grad_enabled[0] = self.prev

    def __repr__(self) -> str:
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self.mode})"

    def clone(self) -> set_grad_enabled:
        """A fresh instance with the same mode."""
        return type(self)(self.mode)


# ----------------------------------------------------------------------------------------------
# Nodes
# ----------------------------------------------------------------------------------------------


class RemovableHandle:
    """Handle returned by ``register_hook``; ``remove()`` unregisters the hook."""

    __slots__ = ("_hooks", "id")
    _next_id = 0

    def __init__(self, hooks: dict[int, Callable[..., Any]]) -> None:
        self._hooks = hooks
        self.id = RemovableHandle._next_id
        RemovableHandle._next_id += 1

    def remove(self) -> None:
        """Unregister the hook (a no-op when already removed)."""
        self._hooks.pop(self.id, None)

    def __enter__(self) -> RemovableHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()


class Node:
    """A grad_fn: one recorded op. Its class name is torch's (``MulBackward0``).

    Attributes:
        next_functions: ``((node, 0), ...)``, one per tensor input; ``(None, 0)`` for an input
            that needs no grad.
        metadata: an empty dict users may fill, as torch's.
    """

    __slots__ = (
        "next_functions", "_backward", "_saved", "_versions", "_frees", "_freed", "_needs",
        "_out", "_out_vbox", "_out_meta", "_pre_hooks", "_retained", "_metadata", "__weakref__",
    )

    next_functions: tuple[tuple[Node | None, int], ...]
    _backward: Backward
    _saved: tuple[Any, ...]
    _versions: tuple[Any, ...]
    _frees: bool
    _freed: bool
    _needs: tuple[bool, ...]
    _out: Any
    _out_vbox: Any
    _out_meta: Any
    _pre_hooks: dict[int, Callable[..., Any]] | None
    _retained: Any
    _metadata: dict[str, Any] | None

    @property
    def metadata(self) -> dict[str, Any]:
        """A dict users may fill (created on first access), as torch's ``grad_fn.metadata``."""
        if self._metadata is None:
            self._metadata = {}
        return self._metadata

    def name(self) -> str:
        """The node's class name (torch's ``grad_fn.name()``)."""
        return type(self).__name__

    def __repr__(self) -> str:
        return f"<{type(self).__name__} object at {id(self):#x}>"

    def __call__(self, *grads: Any) -> tuple[Any, ...]:
        """Apply this node's backward to ``grads[0]`` (a Tensor), returning one Tensor or None per input."""
        Tensor = _tensor_mod.Tensor
        ARRAY_VJP = _tensor_ops.ARRAY_VJP

        out = self._backward(ARRAY_VJP, grads[0]._data, self._resolve(False), self._needs)
        return tuple(None if g is None else Tensor._wrap(np.asarray(g)) for g in out)

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of the op's output (for graph drawers)."""
        return tuple(self._out_meta[0])

    def __getattr__(self, name: str) -> Any:
        """``_saved_self`` / ``_saved_other`` / ``_saved_result``: the saved values (an error once freed)."""
        if not name.startswith("_saved_"):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        if self._freed:
            raise RuntimeError(FREED_MESSAGE)
        Tensor = _tensor_mod.Tensor
        if name == "_saved_result" and any(s is OUTPUT for s in self._saved):
            return self._resolve(True)[[s is OUTPUT for s in self._saved].index(True)]
        tensors = [s for s in self._saved if isinstance(s, Tensor)]
        pick = {"_saved_self": 0, "_saved_other": 1}.get(name)
        if pick is None or pick >= len(tensors):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return tensors[pick]

    def register_prehook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """Register ``hook(grad)`` run on the gradient reaching this node before it runs."""
        if self._pre_hooks is None:
            self._pre_hooks = {}
        handle = RemovableHandle(self._pre_hooks)
        self._pre_hooks[handle.id] = hook
        return handle

    def register_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """Register ``hook(grad_inputs, grad_outputs)`` run after this node's backward; a returned tuple
        replaces ``grad_inputs`` (one entry per ``next_functions`` edge)."""
        backward = self._backward
        if not isinstance(backward, _PostHooked):
            backward = _PostHooked(backward)
            self._backward = backward
        handle = RemovableHandle(backward.hooks)
        backward.hooks[handle.id] = hook
        return handle

    def _resolve(self, graph: bool) -> tuple[Any, ...]:
        """The saved values, version-checked, as arrays (or Tensors when ``graph``)."""
        if self._freed:
            raise RuntimeError(FREED_MESSAGE)
        Tensor = _tensor_mod.Tensor
        saved = self._saved
        for i, (box, version) in self._versions:
            if box[0] != version:
                _raise_modified(saved[i] if i >= 0 else None, self, box[0], version)
        if not graph:
            return tuple([s._data if isinstance(s, Tensor) else (self._out if s is OUTPUT else s) for s in saved])
        out: list[Any] = []
        for s in saved:
            if s is OUTPUT:
                t = Tensor._wrap(self._out, requires_grad=True)
                t._grad_fn = self
                t._vbox = self._out_vbox
                out.append(t)
            else:
                out.append(s)
        return tuple(out)


class _PostHooked:
    """A node's backward followed by its ``register_hook`` hooks (which see and may replace its results)."""

    __slots__ = ("inner", "hooks")

    def __init__(self, inner: Backward) -> None:
        self.inner = inner
        self.hooks: dict[int, Callable[..., Any]] = {}

    def __call__(self, m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        grads = self.inner(m, g, saved, needs)
        if not self.hooks:
            return grads
        graph = m is _tensor_ops.TENSOR
        Tensor = _tensor_mod.Tensor

        def shown(a: Any) -> Any:
            return a if graph or a is None else Tensor._wrap(np.asarray(a))

        grad_inputs = tuple(shown(a) for a in grads)
        for hook in list(self.hooks.values()):
            res = hook(grad_inputs, (shown(g),))
            if res is not None:
                grad_inputs = tuple(res)
        return tuple(a if graph or a is None else a._data for a in grad_inputs)


def _raise_modified(t: Tensor | None, node: Node, now: int, expected: int) -> None:
    """torch's error for a saved tensor changed by an in-place op since it was saved."""
    from minitorch_scalar.dtypes import legacy_name

    if t is None:
        shape, dt = node._out_meta
        producer: Node | None = node
    else:
        shape, dt, producer = t.shape, t.dtype, t._grad_fn
    desc = f"[{legacy_name(dt)} [{', '.join(str(s) for s in shape)}]]"
    if producer is not None:
        op = type(producer).__name__
        op = op[: op.index("Backward")] if "Backward" in op else op
        desc += f", which is output 0 of {op},"
    raise RuntimeError(
        "one of the variables needed for gradient computation has been modified by an inplace operation: "
        f"{desc} is at version {now}; expected version {expected} instead. Hint: enable anomaly detection to "
        "find the operation that failed to compute its gradient, with "
        "torch.autograd.set_detect_anomaly(True, check_nan=False)."
    )


class AccumulateGrad(Node):
    """The node that adds a gradient into a leaf's ``.grad``; ``variable`` is the leaf."""

    __slots__ = ("variable",)
    variable: Any


_NODE_CLASSES: dict[str, type[Node]] = {}


def node_class(name: str) -> type[Node]:
    """The Node subclass called ``name`` (created once, so ``type(a) is type(b)`` for equal names)."""
    cls = _NODE_CLASSES.get(name)
    if cls is None:
        cls = type(name, (Node,), {"__slots__": (), "__module__": "torch.autograd"})
        _NODE_CLASSES[name] = cls
    return cls


def _accumulator(t: Tensor) -> AccumulateGrad:
    """The leaf's AccumulateGrad node (shared while any graph holds it)."""
    ref = t._acc
    node = ref() if ref is not None else None
    if node is None:
        node = AccumulateGrad()
        node.variable = t
        node.next_functions = ()
        node._pre_hooks = None
        node._retained = None
        node._saved = ()
        node._versions = ()
        node._freed = False
        node._frees = False
        node._needs = ()
        node._out_meta = (t._data.shape, t.dtype)
        node._metadata = None
        t._acc = weakref.ref(node)
    return node


def record(
    name: str,
    out: np.ndarray,
    inputs: Sequence[Tensor | None],
    saved: tuple[Any, ...] = (),
    backward: Backward | None = None,
    frees: bool | None = None,
    unchecked: frozenset[int] = frozenset(),
) -> Tensor:
    """Wrap ``out`` as the result of op ``name`` and, if grad mode needs it, record its node.

    See the module docstring for the meaning of each argument; ``unchecked`` lists positions in
    ``saved`` whose Tensors (or OUTPUT) are passed to the backward without a version check, because
    the backward's math does not actually read them (torch does not save them).
    """
    Tensor = _tensor_mod.Tensor
    if type(out) is not np.ndarray:
        out = np.asarray(out)
    if not _grad_enabled[0]:
        return Tensor._wrap(out)
    edges = [
        _NO_EDGE if t is None or not t._requires_grad
        else (t._grad_fn if t._grad_fn is not None else _accumulator(t), 0)
        for t in inputs
    ]
    needs = [e is not _NO_EDGE for e in edges]
    if True not in needs:
        return Tensor._wrap(out)
    if backward is None:
        backward = _tensor_ops.VJP[name]
    cls = _NODE_CLASSES.get(name)
    node = (cls if cls is not None else node_class(name))()
    node.next_functions = tuple(edges)
    node._backward = backward
    node._saved = saved
    node._needs = tuple(needs)
    node._freed = False
    node._pre_hooks = None
    node._retained = None
    node._metadata = None
    result = Tensor._fill(object.__new__(Tensor), out, True)
    result._grad_fn = node
    node._out_meta = (out.shape, result.dtype)
    versions = []
    has_tensor = False
    for i, s in enumerate(saved):
        if isinstance(s, Tensor):
            if i not in unchecked:
                versions.append((i, (s._vbox, s._vbox[0])))
            has_tensor = True
        elif s is OUTPUT:
            node._out = out
            node._out_vbox = result._vbox
            if i not in unchecked:
                versions.append((-1, (result._vbox, 0)))
            has_tensor = True
    node._versions = tuple(versions)
    node._frees = has_tensor if frees is None else frees
    return result


# ----------------------------------------------------------------------------------------------
# The backward pass
# ----------------------------------------------------------------------------------------------


def _collect(roots: list[Node]) -> list[Node]:
    """Every node reachable from ``roots``, in postorder (inputs before consumers), iteratively."""
    order: list[Node] = []
    seen: set[Node] = set()
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        stack: list[tuple[Node, int]] = [(root, 0)]
        while stack:
            node, i = stack[-1]
            nexts = node.next_functions
            while i < len(nexts):
                child = nexts[i][0]
                i += 1
                if child is not None and child not in seen:
                    seen.add(child)
                    stack[-1] = (node, i)
                    stack.append((child, 0))
                    break
            else:
                stack.pop()
                order.append(node)
    return order


def _count_consumers(roots: list[Node]) -> dict[Node, int]:
    """For every node reachable from ``roots``: how many edges of reachable nodes point at it (iterative)."""
    deps: dict[Node, int] = {}
    stack = list(dict.fromkeys(roots))
    seen = set(stack)
    while stack:
        for child, _ in stack.pop().next_functions:
            if child is not None:
                deps[child] = deps.get(child, 0) + 1
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
    return deps


def _hook_result(hook: Callable[..., Any], grad: Tensor) -> Tensor:
    """Run one tensor hook with torch's checks on what it returns."""
    Tensor = _tensor_mod.Tensor
    res = hook(grad)
    if res is None:
        return grad
    if not isinstance(res, Tensor):
        raise TypeError(f"expected Variable, but hook returned '{type(res).__name__}'")
    if res.shape != grad.shape:
        raise RuntimeError(f"hook '{getattr(hook, '__name__', repr(hook))}' has changed the size of value")
    return res


POST_ACCUMULATE_KEY = -1
"""Key of a leaf's :class:`PostAccumulateHooks` in its ``_hooks`` table (handle ids are >= 0)."""


class PostAccumulateHooks:
    """A leaf's ``register_post_accumulate_grad_hook`` hooks, kept in its ``_hooks`` table.

    As a tensor hook it changes nothing (returns None); being there sends the leaf down the engine's
    hook path, which calls :meth:`fire` right after the gradient is added into ``.grad``.
    """

    __slots__ = ("hooks",)

    def __init__(self) -> None:
        self.hooks: dict[int, Callable[..., Any]] = {}

    def __call__(self, grad: Any) -> None:
        return None

    def fire(self, leaf: Tensor) -> None:
        """Call each hook with the leaf, with torch's checks that it returned None."""
        for hook in list(self.hooks.values()):
            res = hook(leaf)
            if res is None:
                continue
            if isinstance(res, _tensor_mod.Tensor):
                raise RuntimeError("Tensor post accumulate grad hooks should return None.")
            raise TypeError(f"expected Variable, but hook returned '{type(res).__name__}'")


def _run_hooks(hooks: dict[int, Callable[..., Any]], grad: Any, graph: bool) -> Any:
    """Apply hooks in registration order; arrays are shown to hooks as Tensors."""
    Tensor = _tensor_mod.Tensor
    t = grad if graph else Tensor._wrap(grad)
    for hook in list(hooks.values()):
        t = _hook_result(hook, t)
    return t if graph else t._data


def _accumulate_leaf(t: Tensor, g: Any, graph: bool) -> None:
    """Add ``g`` into ``t.grad``: in place normally, out of place when the grad carries a graph."""
    Tensor = _tensor_mod.Tensor
    if graph:
        g = record("CopyBackwards", g._data.astype(t._data.dtype), (g,), (), _identity_backward)
        t._grad = g if t._grad is None else t._grad + g
        return
    old = t._grad
    if old is None:
        # always a copy (the pass's arrays may be shared), and an array even for a 0-d numpy scalar
        new = g.astype(t._data.dtype) if type(g) is np.ndarray else np.array(g, dtype=t._data.dtype)
        t._grad = Tensor._wrap(new if new.shape == t._data.shape else new.reshape(t._data.shape))
    elif old._requires_grad:
        t._grad = Tensor._wrap(old._data + g)
    else:
        np.add(old._data, g, out=old._data, casting="unsafe")
        old._vbox[0] += 1


def _identity_backward(m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
    """d out / d in = 1."""
    return (g,)


def _add_grads(a: Any, b: Any) -> Any:
    return a + b


def run_backward(
    roots: Sequence[Tensor],
    grads: Sequence[Any],
    retain_graph: bool,
    create_graph: bool,
    targets: Sequence[Tensor] | None = None,
    accumulate: bool = True,
) -> list[Any]:
    """The backward pass.

    Args:
        roots: the output tensors (each with a grad_fn, or a leaf requiring grad).
        grads: the upstream gradient of each root: arrays, or Tensors when ``create_graph``.
        retain_graph: keep saved values so the graph can be run again.
        create_graph: record the backward itself (gradients are Tensors with grad_fn).
        targets: only these tensors' gradients are wanted (``inputs=`` / ``autograd.grad``).
        accumulate: add into leaves' ``.grad`` (backward) or not (``autograd.grad``).

    Returns:
        The gradient reaching each target (None where none arrived), in ``targets`` order.
    """
    m = _tensor_ops.TENSOR if create_graph else _tensor_ops.ARRAY_VJP
    table: dict[Node, Any] = {}
    root_nodes: list[Node] = []
    for t, g in zip(roots, grads):
        node = t._grad_fn if t._grad_fn is not None else _accumulator(t)
        root_nodes.append(node)
        table[node] = _add_grads(table[node], g) if node in table else g
    target_nodes: dict[Node, int] = {}
    needed: set[Node] | None = None
    if targets is None:
        deps = _count_consumers(root_nodes)
    else:
        order = _collect(root_nodes)
        for j, t in enumerate(targets):
            if t._grad_fn is not None:
                target_nodes[t._grad_fn] = j
            elif t._acc is not None and t._acc() is not None:
                target_nodes[t._acc()] = j  # type: ignore[index]
        needed = set()
        for node in order:
            if node in target_nodes or any(c in needed for c, _ in node.next_functions if c is not None):
                needed.add(node)
        deps = {}
        for node in order:
            if node in needed:
                for child, _ in node.next_functions:
                    if child is not None and child in needed:
                        deps[child] = deps.get(child, 0) + 1
    captured: list[Any] = [None] * (len(targets) if targets is not None else 0)
    ready = [n for n in dict.fromkeys(root_nodes) if deps.get(n, 0) == 0 and (needed is None or n in needed)]
    prev_mode = _grad_enabled[0]
    _grad_enabled[0] = create_graph
    errstate = np.errstate(all="ignore")  # IEEE inf/nan, as torch, without numpy's RuntimeWarnings
    errstate.__enter__()
    plain = targets is None  # no captures and no pruning: nodes without hooks take the short paths below
    try:
        while ready:
            node = ready.pop()
            g = table.pop(node, None)
            if g is None:
                pass
            elif not plain or node._pre_hooks or node._retained is not None:
                _run_node(node, g, m, create_graph, retain_graph, accumulate, target_nodes, captured, table, needed)
            elif type(node) is not AccumulateGrad:
                _propagate(node, g, m, create_graph, retain_graph, table, None)
            elif accumulate and not node.variable._hooks:
                _accumulate_leaf(node.variable, g, create_graph)
            else:
                _run_node(node, g, m, create_graph, retain_graph, accumulate, target_nodes, captured, table, needed)
            for child, _ in node.next_functions:
                if child is None or (needed is not None and child not in needed):
                    continue
                left = deps[child] - 1
                deps[child] = left
                if left == 0:
                    ready.append(child)
    finally:
        errstate.__exit__(None, None, None)
        _grad_enabled[0] = prev_mode
    return captured


def _run_node(
    node: Node,
    g: Any,
    m: Any,
    graph: bool,
    keep: bool,
    accumulate: bool,
    target_nodes: dict[Node, int],
    captured: list[Any],
    table: dict[Node, Any],
    needed: set[Node] | None,
) -> None:
    """Run one node: hooks, retained grads, captures, then its backward into ``table``."""
    if node._pre_hooks:
        g = _run_hooks(node._pre_hooks, g, graph)
    if type(node) is AccumulateGrad:
        leaf = node.variable
        if leaf._hooks:
            g = _run_hooks(leaf._hooks, g, graph)
        j = target_nodes.get(node)
        if j is not None:
            captured[j] = g
        if accumulate and (needed is None or j is not None):
            _accumulate_leaf(leaf, g, graph)
            post = leaf._hooks.get(POST_ACCUMULATE_KEY) if leaf._hooks else None
            if post is not None:
                post.fire(leaf)
        return
    if node._retained is not None:
        kept = node._retained()
        if kept is not None:
            _retain(kept, g, graph)
    j = target_nodes.get(node)
    if j is not None:
        captured[j] = g
        if accumulate:
            _retain_target(node, g, graph)
    if needed is not None and not any(c in needed for c, _ in node.next_functions if c is not None):
        return
    _propagate(node, g, m, graph, keep, table, needed)


def _propagate(
    node: Node, g: Any, m: Any, graph: bool, keep: bool, table: dict[Node, Any], needed: set[Node] | None
) -> None:
    """Run ``node``'s backward on ``g`` and add each input's gradient into ``table`` (freeing saved values
    unless ``keep``); with ``needed``, only gradients of nodes in it are kept."""
    grads = node._backward(m, g, node._resolve(graph), node._needs)
    if not keep and node._frees:
        node._saved = ()
        node._freed = True
        node._out = None
    for (child, _), cg in zip(node.next_functions, grads):
        if child is None or cg is None or (needed is not None and child not in needed):
            continue
        table[child] = table[child] + cg if child in table else cg


def _retain(t: Tensor, g: Any, graph: bool) -> None:
    """Store the gradient of a ``retain_grad()`` tensor (accumulating across passes)."""
    Tensor = _tensor_mod.Tensor
    if graph:
        t._grad = g if t._grad is None else t._grad + g
    else:
        new = np.array(g, dtype=t._data.dtype, copy=True).reshape(t._data.shape)
        t._grad = Tensor._wrap(new if t._grad is None else t._grad._data + new)


def _retain_target(node: Node, g: Any, graph: bool) -> None:
    """``backward(inputs=[y])`` with a non-leaf ``y`` fills ``y.grad`` (when ``y`` is still alive)."""
    kept = node._retained() if node._retained is not None else None
    if kept is None:
        return
    _retain(kept, g, graph)


# ----------------------------------------------------------------------------------------------
# Public entry points
# ----------------------------------------------------------------------------------------------


def _as_tuple(x: Any) -> tuple[Any, ...]:
    Tensor = _tensor_mod.Tensor
    if x is None:
        return ()
    if isinstance(x, Tensor):
        return (x,)
    return tuple(x)


def _make_grads(outputs: tuple[Tensor, ...], grad_outputs: tuple[Any, ...], graph: bool) -> list[Any]:
    """Check or create the upstream gradient of each output (torch's implicit-ones rule and shape checks)."""
    Tensor = _tensor_mod.Tensor
    grads: list[Any] = []
    for i, out in enumerate(outputs):
        g = grad_outputs[i] if i < len(grad_outputs) else None
        if g is None:
            if out._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            arr = np.ones(out._data.shape, dtype=out._data.dtype)
            grads.append(Tensor._wrap(arr) if graph else arr)
            continue
        if not isinstance(g, Tensor):
            raise TypeError(f"'{type(g).__name__}' object is not iterable")
        if g.shape != out.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {g.shape} and output[{i}] has a shape of "
                f"{out.shape}."
            )
        if graph:
            grads.append(g if g.dtype is out.dtype else g.to(out.dtype))
        else:
            grads.append(g._data.astype(out._data.dtype, copy=False))
    return grads


def _check_outputs(outputs: tuple[Tensor, ...]) -> None:
    for i, out in enumerate(outputs):
        if not out._requires_grad:
            raise RuntimeError(_NO_GRAD_MESSAGE.format(i))


_create_graph_warned: list[bool] = [False]

anomaly_state: list[bool] = [False, True]
"""[anomaly detection on, check for NaN]: set by ``torch.autograd.set_detect_anomaly`` / ``detect_anomaly``."""


class _NanChecked:
    """A node's backward that raises torch's anomaly-mode error when a gradient it returns holds NaN."""

    __slots__ = ("inner", "name")

    def __init__(self, inner: Backward, name: str) -> None:
        self.inner = inner
        self.name = name

    def __call__(self, m: Any, g: Any, saved: tuple[Any, ...], needs: tuple[bool, ...]) -> tuple[Any, ...]:
        grads = self.inner(m, g, saved, needs)
        for i, gr in enumerate(grads):
            arr = gr._data if isinstance(gr, _tensor_mod.Tensor) else gr
            if isinstance(arr, np.ndarray) and arr.dtype.kind in "fc" and np.isnan(arr).any():
                warnings.warn(
                    f"Error detected in {self.name}. No forward pass information available. Enable detect anomaly "
                    "during forward pass for more information.",
                    UserWarning,
                    stacklevel=2,
                )
                raise RuntimeError(f"Function '{self.name}' returned nan values in its {i}th output.")
        return grads


@contextlib.contextmanager
def _nan_checks(outputs: tuple[Tensor, ...]) -> Iterator[None]:
    """During one backward pass (anomaly mode), check every node's gradients for NaN."""
    nodes = [n for n in _collect([t._grad_fn for t in outputs if t._grad_fn is not None])
             if type(n) is not AccumulateGrad]
    originals = [n._backward for n in nodes]
    for n in nodes:
        n._backward = _NanChecked(n._backward, n.name())
    try:
        yield
    finally:
        for n, original in zip(nodes, originals):
            n._backward = original


def backward(
    tensors: Tensor | Sequence[Tensor],
    grad_tensors: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    grad_variables: Any = None,
    inputs: Tensor | Sequence[Tensor] | None = None,
) -> None:
    """Accumulate d(sum of tensors * grad_tensors)/d leaf into each leaf's ``.grad`` (torch.autograd.backward)."""
    outputs = _as_tuple(tensors)
    grad_outs = _as_tuple(grad_tensors if grad_tensors is not None else grad_variables)
    _check_outputs(outputs)
    grads = _make_grads(outputs, grad_outs, create_graph)
    if create_graph and not _create_graph_warned[0]:
        _create_graph_warned[0] = True
        warnings.warn(
            "Using backward() with create_graph=True will create a reference cycle between the parameter and its "
            "gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to "
            "avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters "
            "to None after use to break the cycle and avoid the leak. (Triggered internally at "
            "/__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)",
            UserWarning,
            stacklevel=3,
        )
    keep = create_graph if retain_graph is None else retain_graph
    targets = _as_tuple(inputs) or None
    if targets is not None:
        for t in targets:
            if t._grad_fn is not None and t._grad_fn._retained is None:
                t._grad_fn._retained = weakref.ref(t)
    if anomaly_state[0] and anomaly_state[1]:
        with _nan_checks(outputs):
            run_backward(outputs, grads, keep, create_graph, targets)
        return
    run_backward(outputs, grads, keep, create_graph, targets)


def grad(
    outputs: Tensor | Sequence[Tensor],
    inputs: Tensor | Sequence[Tensor],
    grad_outputs: Tensor | Sequence[Tensor | None] | None = None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    is_grads_batched: bool = False,
    materialize_grads: bool = False,
) -> tuple[Tensor | None, ...]:
    """The gradients of ``outputs`` w.r.t. ``inputs``, without touching any ``.grad`` (torch.autograd.grad).

    Raises:
        RuntimeError: torch's errors for outputs without a graph, inputs that do not require grad,
            and (unless ``allow_unused``) inputs the outputs do not depend on.
        NotImplementedError: for ``is_grads_batched=True``.
    """
    Tensor = _tensor_mod.Tensor
    if is_grads_batched:
        raise NotImplementedError("torch.autograd.grad(is_grads_batched=True) is not supported by minitorch_scalar")
    outs = _as_tuple(outputs)
    ins = _as_tuple(inputs)
    for t in ins:
        if not t._requires_grad:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    _check_outputs(outs)
    grads = _make_grads(outs, _as_tuple(grad_outputs), create_graph)
    keep = create_graph if retain_graph is None else retain_graph
    if anomaly_state[0] and anomaly_state[1]:
        with _nan_checks(outs):
            captured = run_backward(outs, grads, keep, create_graph, ins, accumulate=False)
    else:
        captured = run_backward(outs, grads, keep, create_graph, ins, accumulate=False)
    allow = materialize_grads if allow_unused is None else allow_unused
    result: list[Any] = []
    for j, (t, g) in enumerate(zip(ins, captured)):
        if g is None:
            if not allow:
                raise RuntimeError(
                    f"The differentiated Tensor at index {j} appears to not have been used in the graph. "
                    "Set allow_unused=True if this is the desired behavior."
                )
            result.append(Tensor._wrap(np.zeros(t._data.shape, t._data.dtype)) if materialize_grads else None)
        elif create_graph:
            result.append(g)
        else:
            result.append(Tensor._wrap(np.array(g, dtype=t._data.dtype).reshape(t._data.shape)))
    return tuple(result)


# The Tensor engine modules import this one; they are bound here as modules (attributes are read
# at call time), so the import order between them does not matter.
# (``importlib``: the package namespace binds ``tensor`` to the torch.tensor function.)
_tensor_mod = importlib.import_module("minitorch_scalar.tensor")
_tensor_ops = importlib.import_module("minitorch_scalar.tensor_ops")

# torch.autograd.Function and its ctx (custom_function.py); torch.autograd.gradcheck / gradgradcheck
# (numerical Jacobian checks; gradcheck.py imports lazily). ``minitorch_scalar.autograd.function`` and the
# other torch.autograd submodules are real files in the ``_autograd`` folder, found through ``__path__``.
from minitorch_scalar.custom_function import Function, FunctionCtx, once_differentiable  # noqa: E402, F401
from minitorch_scalar.gradcheck import gradcheck, gradgradcheck  # noqa: E402, F401 - re-exported

__path__ = [str(Path(__file__).with_name("_autograd"))]
function = importlib.import_module("minitorch_scalar.autograd.function")
anomaly_mode = importlib.import_module("minitorch_scalar.autograd.anomaly_mode")
detect_anomaly = anomaly_mode.detect_anomaly
set_detect_anomaly = anomaly_mode.set_detect_anomaly
grad_mode = importlib.import_module("minitorch_scalar.autograd.grad_mode")


def _zeros_like(t: Tensor) -> Tensor:
    return _tensor_mod.Tensor._wrap(np.zeros(t._data.shape, t._data.dtype))


def jacobian(func: Callable[..., Any], inputs: Any, create_graph: bool = False, strict: bool = False,
             vectorize: bool = False, strategy: str = "reverse-mode") -> Any:
    """``d func(inputs)[i] / d inputs[j]`` for every output and input element (torch.autograd.functional).

    One reverse pass per output element. Each result has shape ``output.shape + input.shape``; with
    several inputs or outputs the results nest as torch's do: a tuple over outputs of tuples over inputs.
    An input the output does not depend on gets zeros.
    """
    single_in = isinstance(inputs, _tensor_mod.Tensor)
    ins = (inputs,) if single_in else tuple(inputs)
    with enable_grad():
        # with create_graph the result stays differentiable w.r.t. inputs that require grad (as torch)
        leaves = tuple(t.view_as(t) if create_graph and t.requires_grad else t.detach().requires_grad_(True)
                       for t in ins)
        out = func(*leaves)
        single_out = isinstance(out, _tensor_mod.Tensor)
        outs = (out,) if single_out else tuple(out)
        rows: list[tuple[Tensor, ...]] = []
        for o in outs:
            flat = o.reshape(-1)
            blocks: list[list[Tensor]] = [[] for _ in leaves]
            for k in range(flat.numel()):
                gs: tuple[Any, ...] = (None,) * len(leaves)
                if flat.requires_grad:
                    gs = grad(flat[k], leaves, retain_graph=True, create_graph=create_graph, allow_unused=True)
                for block, g, t in zip(blocks, gs, leaves):
                    block.append(_zeros_like(t) if g is None else g)
            jacs = []
            for block, t in zip(blocks, leaves):
                shape = tuple(o.shape) + tuple(t.shape)
                jac = _tensor_ops.stack(block, 0).reshape(shape) if block else _tensor_mod.zeros(shape, dtype=t.dtype)
                jacs.append(jac if create_graph else jac.detach())
            rows.append(tuple(jacs))
    if single_out:
        return rows[0][0] if single_in else rows[0]
    return tuple(r[0] for r in rows) if single_in else tuple(rows)


def hessian(func: Callable[..., Any], inputs: Any, create_graph: bool = False, strict: bool = False,
            vectorize: bool = False, outer_jacobian_strategy: str = "reverse-mode") -> Any:
    """Second derivatives of a scalar ``func``: the Jacobian of its gradient (torch.autograd.functional)."""
    single_in = isinstance(inputs, _tensor_mod.Tensor)

    def gradient(*xs: Tensor) -> Any:
        out = func(*xs)
        if not isinstance(out, _tensor_mod.Tensor) or out.numel() != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should contain a single element")
        gs = grad(out.reshape(()), xs, create_graph=True, allow_unused=True)
        full = tuple(_zeros_like(x) if g is None else g for g, x in zip(gs, xs))
        return full[0] if single_in else full

    return jacobian(gradient, inputs, create_graph=create_graph)


functional = types.ModuleType("minitorch_scalar.autograd.functional", "torch.autograd.functional: jacobian, hessian.")
functional.jacobian = jacobian  # type: ignore[attr-defined]
functional.hessian = hessian  # type: ignore[attr-defined]
sys.modules[functional.__name__] = functional


class _VariableMeta(type):
    """``isinstance(t, Variable)`` is true for every Tensor, as in torch."""

    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, _tensor_mod.Tensor)


class Variable(metaclass=_VariableMeta):
    """The pre-0.4 wrapper, kept by torch for old scripts: ``Variable(t, requires_grad=False)``.

    Returns a new leaf Tensor sharing ``t``'s data (``t.detach()``), requiring grad when asked.
    """

    def __new__(cls, data: Any, requires_grad: bool = False) -> Any:  # type: ignore[misc]
        if not isinstance(data, _tensor_mod.Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        out = data.detach()
        return out.requires_grad_(True) if requires_grad else out


variable = importlib.import_module("minitorch_scalar.autograd.variable")
