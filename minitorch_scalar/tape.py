"""Replay: record a Value computation once, then re-run its forward and backward on new inputs.

Building a Value graph costs Python work for every node, every step. :func:`trace` calls your
function once, records the graph it builds, and compiles it into flat index arrays: the nodes are
grouped into *levels* (a node's level is one more than its deepest input's) and, within a level, by
registry op. Replaying runs each group as one numpy call of the registry's own formulas (forward
and local derivatives, evaluated with the :data:`~minitorch_scalar.math_backends.FLOAT_ARRAY` backend),
so a step costs a few hundred numpy calls instead of tens of thousands of Python objects.

The results are bit-identical to rebuilding the graph and calling ``backward()``: the forward
uses the same formulas with the same rounding, and each node's gradient adds its contributions in
exactly the order the Value engine adds them (reverse creation order, inputs in argument order).

The lecture's training loop switches with one line::

    import minitorch_scalar as ms
    from minitorch_scalar.nn import MLP

    model = MLP(2, [16, 16, 1], seed=0)
    def loss_fn():
        return sum((model(x) - y) ** 2 for x, y in zip(xs, ys))

    loss_fn = ms.tape.trace(loss_fn)      # <- the switch: record once, replay every step
    for k in range(100):
        loss = loss_fn()
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.05 * p.grad

Inputs that change between calls (a mini-batch) are passed as arguments: ``step = ms.tape.trace(fn,
(X, Y))`` records ``fn(X, Y)`` and ``step(X2, Y2)`` replays it. Arguments are numbers, Values, or
(nested) lists/tuples/numpy arrays of them, with the same structure on every call; numbers become
``requires_grad=False`` leaves and arrays arrive in ``fn`` as nested lists.

What a tape freezes, like ``torch.jit.trace``: the graph's structure and every branch ``fn`` took
on its example inputs (data-dependent ``if``/``while`` are not re-decided), which leaves require
grad, and the objects it captured. What it re-reads on every call: the ``data`` of every leaf
Value it captured (so parameter updates are seen). A backward adds into ``grad`` of those leaves
and of input Values that require grad; intermediate nodes live only inside the tape.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np

from minitorch_scalar.math_backends import FLOAT_ARRAY
from minitorch_scalar.ops import Op
from minitorch_scalar.value import Value, topological_order

Index = slice | np.ndarray
Spec = Any


def _is_number(x: Any) -> bool:
    return isinstance(x, (numbers.Real, np.bool_)) and not isinstance(x, Value)


def _flatten(obj: Any, flat: list[Any]) -> Spec:
    """Append the scalars of ``obj`` to ``flat`` and return its structure (for checking later calls)."""
    if isinstance(obj, Value) or _is_number(obj):
        flat.append(obj)
        return None
    if isinstance(obj, np.ndarray):
        flat.extend(np.asarray(obj, dtype=np.float64).ravel().tolist())
        return ("array", obj.shape)
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, tuple(_flatten(item, flat) for item in obj))
    raise TypeError(
        f"trace: inputs must be numbers, Values, or lists/tuples/numpy arrays of them, got {type(obj).__name__}"
    )


def _rebuild(spec: Spec, leaves: Any) -> Any:
    """The structure ``spec`` with its scalars taken in order from the iterator ``leaves``."""
    if spec is None:
        return next(leaves)
    kind, shape_or_items = spec
    if kind == "array":
        return np.array(list(_take(leaves, int(np.prod(shape_or_items)))), dtype=object).reshape(
            shape_or_items
        ).tolist()
    items = [_rebuild(item, leaves) for item in shape_or_items]
    return tuple(items) if kind == "tuple" else items


def _take(it: Any, n: int) -> Any:
    for _ in range(n):
        yield next(it)


def _index(slots: list[int]) -> Index:
    """A slice when the slots are consecutive (a view, no gather), else an index array."""
    if slots and slots[-1] - slots[0] == len(slots) - 1 and slots == list(range(slots[0], slots[-1] + 1)):
        return slice(slots[0], slots[-1] + 1)
    return np.asarray(slots, dtype=np.intp)


class _Group:
    """Nodes of one level that share an op and the same inputs requiring grad: one numpy call each way.

    Attributes:
        op: the registry entry.
        out: slice of the nodes' own slots.
        inputs: per argument position, where its values are.
        edges: per position ``i`` whose input requires grad, ``(i, slice of edge numbers)``.
    """

    __slots__ = ("op", "out", "inputs", "edges")

    def __init__(self, op: Op, out: slice, inputs: list[Index], edges: list[tuple[int, slice]]) -> None:
        self.op = op
        self.out = out
        self.inputs = inputs
        self.edges = edges


class _Sums:
    """Nodes of one level with the same number ``d`` of gradient contributions, summed in engine order.

    ``nodes`` are their slots; ``columns[j]`` the edge number of each node's j-th contribution.
    """

    __slots__ = ("nodes", "columns")

    def __init__(self, nodes: np.ndarray, columns: list[np.ndarray]) -> None:
        self.nodes = nodes
        self.columns = columns


class Tape:
    """A recorded Value computation, compiled for replay. Build one with :func:`trace`.

    Calling the tape with new inputs (the same structure as the example inputs) runs the forward
    and returns a :class:`Replayed` result whose ``backward()`` runs the recorded backward.
    """

    def __init__(self, fn: Callable[..., Any], example_inputs: Sequence[Any] = ()) -> None:
        if not callable(fn):
            raise TypeError(f"trace: fn must be callable, got {type(fn).__name__}")
        if not isinstance(example_inputs, (list, tuple)):
            raise TypeError(
                f"trace: example_inputs must be a tuple of fn's arguments, got {type(example_inputs).__name__}"
            )
        flat: list[Any] = []
        self._spec = _flatten(tuple(example_inputs), flat)
        placeholders = [x if isinstance(x, Value) else Value(x, requires_grad=False) for x in flat]
        if len({id(p) for p in placeholders}) != len(placeholders):
            raise ValueError("trace: the same Value appears twice in example_inputs; pass each input once")
        root = fn(*_rebuild(self._spec, iter(placeholders)))
        if not isinstance(root, Value):
            raise TypeError(f"trace: fn must return a Value, got {type(root).__name__}")
        self._compile(root, placeholders)

    # ---- compilation --------------------------------------------------------------------------
    def _compile(self, root: Value, placeholders: list[Value]) -> None:
        nodes = _all_nodes(root)
        args = {n: n._args for n in nodes}
        level = {n: 0 for n in nodes if n._fn is None}
        for node in nodes:  # creation order: an op's inputs are always numbered first
            if node._fn is not None:
                below = (level[a] for a in args[node] if isinstance(a, Value))
                level[node] = 1 + max(below, default=0)
        backward_set = topological_order(root)
        needs_grad = set(backward_set)

        # Slots: inputs, then other leaves, then plain-number arguments, then op nodes by group.
        slot: dict[Value, int] = {p: i for i, p in enumerate(placeholders)}
        self._n_inputs = len(placeholders)
        self._input_grads = [p.requires_grad for p in placeholders]
        self._leaves = [n for n in nodes if n._fn is None and n not in slot]
        for leaf in self._leaves:
            slot[leaf] = len(slot)
        raw_values: list[float] = []
        raw_slot: dict[tuple[Value, int], int] = {}
        op_nodes = [n for n in nodes if n._fn is not None]
        for node in op_nodes:
            for i, a in enumerate(args[node]):
                if not isinstance(a, Value):
                    raw_slot[(node, i)] = len(slot) + len(raw_values)
                    raw_values.append(float(a))
        self._raw_start = len(slot)
        self._raw = np.asarray(raw_values, dtype=np.float64)

        def key(n: Value) -> tuple[int, str, tuple[bool, ...]]:
            mask = tuple(isinstance(a, Value) and a.requires_grad and n in needs_grad for a in args[n])
            return (level[n], cast(Op, n._fn).name, mask)

        keys = {n: key(n) for n in op_nodes}
        op_nodes.sort(key=lambda n: (keys[n], n._seq))
        first_op_slot = self._raw_start + len(raw_values)
        for i, node in enumerate(op_nodes):
            slot[node] = first_op_slot + i
        self._size = first_op_slot + len(op_nodes)
        self._root = slot[root]
        self._root_needs_grad = root in needs_grad

        # Edges in the Value engine's order: parents in reverse creation order, inputs in order.
        contributions: dict[Value, list[tuple[Value, int]]] = {n: [] for n in backward_set}
        for parent in reversed(backward_set):
            if parent._fn is None:
                continue
            for i, a in enumerate(args[parent]):
                if isinstance(a, Value) and a.requires_grad:
                    contributions[a].append((parent, i))

        # Groups, with each group's edges of one position numbered consecutively.
        self._groups: list[list[_Group]] = []
        edge_number: dict[tuple[Value, int], int] = {}
        start = 0
        while start < len(op_nodes):
            k = keys[op_nodes[start]]
            stop = start
            while stop < len(op_nodes) and keys[op_nodes[stop]] == k:
                stop += 1
            members = op_nodes[start:stop]
            fn = cast(Op, members[0]._fn)
            inputs = [
                _index([_slot_of(m, args[m][i], i, slot, raw_slot) for m in members]) for i in range(fn.arity)
            ]
            edges = []
            for i, flag in enumerate(k[2]):
                if flag:
                    first = len(edge_number)
                    for m in members:
                        edge_number[(m, i)] = len(edge_number)
                    edges.append((i, slice(first, len(edge_number))))
            while len(self._groups) <= k[0]:
                self._groups.append([])
            self._groups[k[0]].append(_Group(fn, slice(first_op_slot + start, first_op_slot + stop), inputs, edges))
            start = stop
        self._n_edges = len(edge_number)

        # Per level, the nodes whose gradient is a sum of contributions, bucketed by their count.
        self._sums: list[list[_Sums]] = [[] for _ in range(max(len(self._groups), 1))]
        by_level: dict[tuple[int, int], list[Value]] = {}
        for n in backward_set:
            d = len(contributions[n])
            if d:
                by_level.setdefault((level[n], d), []).append(n)
        for (lv, d), members in sorted(by_level.items()):
            columns = [
                np.asarray([edge_number[contributions[m][j]] for m in members], dtype=np.intp) for j in range(d)
            ]
            self._sums[lv].append(_Sums(np.asarray([slot[m] for m in members], dtype=np.intp), columns))

        # Leaves whose .grad a backward updates (the engine updates every node it visits).
        self._grad_leaves = [(leaf, slot[leaf]) for leaf in self._leaves if leaf in needs_grad]
        self._n_nodes = len(nodes)

    # ---- replay -------------------------------------------------------------------------------
    def __call__(self, *inputs: Any) -> Replayed:
        """Run the recorded forward on new inputs (same structure as the example inputs)."""
        flat: list[Any] = []
        spec = _flatten(tuple(inputs), flat)
        if spec != self._spec:
            raise ValueError(
                "trace: the inputs do not have the structure of the example inputs "
                f"(expected {self._describe(self._spec)}, got {self._describe(spec)})"
            )
        vals = np.empty(self._size, dtype=np.float64)
        vals[: self._n_inputs] = [x.data if isinstance(x, Value) else float(x) for x in flat]
        vals[self._n_inputs : self._raw_start] = [leaf.data for leaf in self._leaves]
        vals[self._raw_start : self._raw_start + len(self._raw)] = self._raw
        gathered: list[list[np.ndarray]] = []
        with np.errstate(all="ignore"):
            for groups in self._groups:
                for g in groups:
                    args = [vals[i] for i in g.inputs]
                    vals[g.out] = g.op.forward(FLOAT_ARRAY, *args)
                    gathered.append(args)
        return Replayed(self, vals, gathered, flat)

    def _backward(self, vals: np.ndarray, gathered: list[list[np.ndarray]], inputs: list[Any]) -> None:
        """The recorded backward from the root, adding into leaves' (and input Values') ``grad``."""
        if not self._root_needs_grad:
            return
        grads = np.zeros(self._size, dtype=np.float64)
        grads[self._root] = 1.0
        edges = np.empty(self._n_edges, dtype=np.float64)
        position = len(gathered)
        with np.errstate(all="ignore"):
            for lv in range(len(self._groups) - 1, -1, -1):
                self._sum_into(grads, edges, lv)
                for g in reversed(self._groups[lv]):
                    position -= 1
                    if not g.edges:
                        continue
                    args = gathered[position]
                    out, upstream = vals[g.out], grads[g.out]
                    for i, where in g.edges:
                        edges[where] = upstream * g.op.local[i](FLOAT_ARRAY, out, *args)
            if not self._groups:
                self._sum_into(grads, edges, 0)
        for leaf, s in self._grad_leaves:
            leaf.grad += float(grads[s])
        for i, x in enumerate(inputs):
            if self._input_grads[i] and isinstance(x, Value) and x.requires_grad:
                x.grad += float(grads[i])

    def _sum_into(self, grads: np.ndarray, edges: np.ndarray, lv: int) -> None:
        """Each node's gradient at level ``lv``: ``((0 + c_1) + c_2) + ...`` in the engine's order."""
        for s in self._sums[lv]:
            total = np.zeros(len(s.nodes), dtype=np.float64)
            for column in s.columns:
                total += edges[column]
            grads[s.nodes] = total

    # ---- description --------------------------------------------------------------------------
    @staticmethod
    def _describe(spec: Spec) -> str:
        if spec is None:
            return "a scalar"
        kind, items = spec
        if kind == "array":
            return f"an array of shape {tuple(items)}"
        return f"a {kind} of {len(items)}"

    def __len__(self) -> int:
        """The number of recorded nodes (leaves included)."""
        return self._n_nodes

    def __repr__(self) -> str:
        n_groups = sum(len(g) for g in self._groups)
        return f"Tape(nodes={self._n_nodes}, levels={len(self._groups)}, groups={n_groups}, edges={self._n_edges})"


class Replayed:
    """The result of one replay: the output's ``data`` and a ``backward()`` for that forward.

    It answers what the lecture's loop asks of a loss Value: ``data``, ``item()``, ``float()`` and
    ``backward()``; ``backward()`` may be called again and adds the same gradients again, like
    ``Value.backward()``.
    """

    __slots__ = ("data", "_tape", "_vals", "_gathered", "_inputs")

    def __init__(self, tape: Tape, vals: np.ndarray, gathered: list[list[np.ndarray]], inputs: list[Any]) -> None:
        self.data = float(vals[tape._root])
        self._tape = tape
        self._vals = vals
        self._gathered = gathered
        self._inputs = inputs

    def item(self) -> float:
        """The output as a Python float."""
        return self.data

    def __float__(self) -> float:
        return self.data

    def backward(self) -> None:
        """Backpropagate from the output: recorded leaves and input Values get ``grad += d out / d leaf``."""
        self._tape._backward(self._vals, self._gathered, self._inputs)

    def __repr__(self) -> str:
        return f"Replayed(data={self.data})"


def _slot_of(node: Value, a: Any, i: int, slot: dict[Value, int], raw_slot: dict[tuple[Value, int], int]) -> int:
    """Where the replay keeps ``node``'s i-th input ``a``: a node's slot, or a plain number's own slot."""
    return slot[a] if isinstance(a, Value) else raw_slot[(node, i)]


def _all_nodes(root: Value) -> list[Value]:
    """Every Value ``root`` is computed from (constants included), in creation order."""
    seen = {root}
    found = [root]
    stack = [root]
    while stack:
        for a in stack.pop()._args:
            if isinstance(a, Value) and a not in seen:
                seen.add(a)
                found.append(a)
                stack.append(a)
    found.sort(key=lambda n: n._seq)
    return found


def trace(fn: Callable[..., Any], example_inputs: Sequence[Any] = ()) -> Tape:
    """Record ``fn(*example_inputs)`` once and return a :class:`Tape` that replays it.

    Args:
        fn: builds a Value (a loss, usually) from its arguments and whatever it captures.
        example_inputs: fn's arguments for the recording: numbers, Values, or nested
            lists/tuples/numpy arrays of them. Later calls pass the same structure.

    Returns:
        A Tape: ``tape(*inputs)`` runs the forward and returns a :class:`Replayed` result whose
        ``backward()`` accumulates into the captured leaves' ``grad``, bit-identical to building
        the graph again and calling ``Value.backward()``.

    Raises:
        TypeError: fn is not callable, returns something other than a Value, or an input is not a
            number, Value, list, tuple or array.
        ValueError: the same Value is passed twice.
    """
    return Tape(fn, example_inputs)
