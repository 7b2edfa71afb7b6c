"""Recurrent layers: ``RNN``, ``LSTM``, ``GRU`` and their one-step cells, built from Tensor ops.

One time step, with ``x`` the input and ``h`` (and ``c``) the state (torch's gate order):

* RNN: ``h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)`` (or ``relu``).
* LSTM: ``i, f, g, o = split(x W_ih^T + b_ih + h W_hh^T + b_hh)``;
  ``c' = sigmoid(f) c + sigmoid(i) tanh(g)``, ``h' = sigmoid(o) tanh(c')``.
* GRU: ``r = sigmoid(x_r + h_r)``, ``z = sigmoid(x_z + h_z)``, ``n = tanh(x_n + r h_n)`` (``x_* = x W_i*^T +
  b_i*``, ``h_* = h W_h*^T + b_h*``); ``h' = (1 - z) n + z h``.

The multi-layer modules run each layer over the whole sequence (both directions when bidirectional,
concatenated), with dropout between layers in training mode. Every weight and bias starts at
``U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))``, drawn in parameter order from the shared generator, so after
``manual_seed(s)`` the parameters are torch's. The graph is built from ordinary ops (its grad_fn names are
those ops', not torch's fused kernels').
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from minitorch_scalar import tensor_ops
from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, get_default_dtype
from minitorch_scalar.nn import _packing, init
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn._packing import PackedSequence
from minitorch_scalar.nn.module import Module
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor, from_array

_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}


def _split(t: Tensor, parts: int) -> list[Tensor]:
    """``t``'s last dimension cut into ``parts`` equal slices (the gates, in torch's order)."""
    size = t.shape[-1] // parts
    return [t[..., k * size : (k + 1) * size] for k in range(parts)]


def _rnn_step(
    x_part: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None, relu: bool
) -> tuple[Tensor, ...]:
    """``h' = tanh(x_part + h W_hh^T + b_hh)`` (or relu)."""
    total = x_part + F.linear(state[0], w_hh, b_hh)
    return (total.relu() if relu else total.tanh(),)


def _lstm_step(x_part: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None) -> tuple[Tensor, ...]:
    """``c' = sigmoid(f) c + sigmoid(i) tanh(g)``, ``h' = sigmoid(o) tanh(c')``."""
    h, c = state
    i, f, g, o = _split(x_part + F.linear(h, w_hh, b_hh), 4)
    c_new = f.sigmoid() * c + i.sigmoid() * g.tanh()
    return o.sigmoid() * c_new.tanh(), c_new


def _gru_step(x_part: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None) -> tuple[Tensor, ...]:
    """``h' = (1 - z) n + z h`` with reset ``r``, update ``z`` and candidate ``n = tanh(x_n + r h_n)``."""
    h = state[0]
    xr, xz, xn = _split(x_part, 3)
    hr, hz, hn = _split(F.linear(h, w_hh, b_hh), 3)
    r = (xr + hr).sigmoid()
    z = (xz + hz).sigmoid()
    n = (xn + r * hn).tanh()
    return ((1 - z) * n + z * h,)


def _step(
    mode: str, x_part: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None
) -> tuple[Tensor, ...]:
    """One time step of ``mode`` given ``x_part = x W_ih^T + b_ih``; returns the new state."""
    if mode == "LSTM":
        return _lstm_step(x_part, state, w_hh, b_hh)
    if mode == "GRU":
        return _gru_step(x_part, state, w_hh, b_hh)
    return _rnn_step(x_part, state, w_hh, b_hh, mode == "RNN_RELU")


def _uniform_parameter(shape: tuple[int, ...], np_dtype: Any) -> Parameter:
    return Parameter(from_array(np.empty(shape, np_dtype)))


class RNNBase(Module):
    """Shared parameters and forward of ``RNN``, ``LSTM`` and ``GRU`` (``torch.nn.RNNBase``).

    Args:
        mode: ``'RNN_TANH'``, ``'RNN_RELU'``, ``'LSTM'`` or ``'GRU'``.
        input_size: features per time step.
        hidden_size: size of the hidden state.
        num_layers: stacked layers (each reads the previous one's output sequence).
        bias: whether each layer has ``b_ih`` and ``b_hh``.
        batch_first: input and output as ``(N, L, H)`` instead of ``(L, N, H)``.
        dropout: dropout on every layer's output but the last, in training mode.
        bidirectional: also run each layer backwards in time and concatenate the two outputs.
        proj_size: must be 0 (LSTM projections are not supported here).
        device: ``None`` or the CPU.
        dtype: the parameters' dtype (default float32).

    Raises:
        ValueError: for a dropout outside [0, 1] or a nonzero ``proj_size``.
    """

    def __init__(
        self,
        mode: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        dropout: float = 0.0,
        bidirectional: bool = False,
        proj_size: int = 0,
        device: object = None,
        dtype: dtype | None = None,
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        if not 0 <= dropout <= 1 or isinstance(dropout, bool):
            raise ValueError(
                "dropout should be a number in range [0, 1] representing the probability of an element being zeroed"
            )
        if proj_size != 0:
            raise ValueError("proj_size > 0 (LSTM projections) is not supported by minitorch_scalar")
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        directions = 2 if bidirectional else 1
        gate_size = _GATES[mode] * hidden_size
        np_dtype = (dtype or get_default_dtype()).np
        self._flat_weights_names: list[str] = []
        for layer in range(num_layers):
            layer_input = input_size if layer == 0 else hidden_size * directions
            for direction in range(directions):
                suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
                shapes: list[tuple[str, tuple[int, ...]]] = [
                    ("weight_ih", (gate_size, layer_input)),
                    ("weight_hh", (gate_size, hidden_size)),
                ]
                if bias:
                    shapes += [("bias_ih", (gate_size,)), ("bias_hh", (gate_size,))]
                for name, shape in shapes:
                    setattr(self, name + suffix, _uniform_parameter(shape, np_dtype))
                    self._flat_weights_names.append(name + suffix)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Every parameter ``~ U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))``, in parameter order."""
        bound = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0.0
        for param in self.parameters():
            init.uniform_(param, -bound, bound)

    def _layer_params(self, layer: int, direction: int) -> tuple[Tensor, Tensor, Tensor | None, Tensor | None]:
        suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
        get = self._parameters.get
        w_ih, w_hh = get("weight_ih" + suffix), get("weight_hh" + suffix)
        return w_ih, w_hh, get("bias_ih" + suffix), get("bias_hh" + suffix)  # type: ignore[return-value]

    def _run_direction(
        self, seq: Tensor, state: tuple[Tensor, ...], layer: int, direction: int, running: list[Tensor] | None = None
    ) -> tuple[Tensor, tuple[Tensor, ...]]:
        """One layer, one direction over ``seq`` of shape ``(L, N, H_in)``; returns outputs ``(L, N, H)``.

        With ``running`` (packed input: ``running[t]`` is True for the sequences still running at step ``t``),
        a sequence's state only changes at its own steps, so the final state is the one after its last step
        (forwards) or after step 0 having started from the initial state at its last step (backwards).
        """
        w_ih, w_hh, b_ih, b_hh = self._layer_params(layer, direction)
        x_parts = F.linear(seq, w_ih, b_ih)
        steps = range(seq.shape[0] - 1, -1, -1) if direction == 1 else range(seq.shape[0])
        outputs: list[Tensor] = []
        for t in steps:
            new = _step(self.mode, x_parts[t], state, w_hh, b_hh)
            if running is not None:
                new = tuple(tensor_ops.where(running[t], n, s) for n, s in zip(new, state, strict=True))
            state = new
            outputs.append(state[0])
        if direction == 1:
            outputs.reverse()
        return tensor_ops.stack(outputs, 0), state

    def _check_input(self, input: Tensor) -> None:  # noqa: A002
        if input.dim() not in (2, 3):
            raise ValueError(f"{type(self).__name__}: Expected input to be 2D or 3D, got {input.dim()}D tensor instead")
        if input.shape[-1] != self.input_size:
            raise RuntimeError(
                f"input.size(-1) must be equal to input_size. Expected {self.input_size}, got {input.shape[-1]}"
            )

    def _forward_states(
        self, input: Tensor | PackedSequence, hx: tuple[Tensor, ...] | None  # noqa: A002
    ) -> tuple[Tensor | PackedSequence, tuple[Tensor, ...]]:
        """The output sequence and the final states, each ``(layers * directions, N, H)``."""
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx)
        self._check_input(input)
        unbatched = input.dim() == 2
        seq = input.unsqueeze(1) if unbatched else (input.transpose(0, 1) if self.batch_first else input)
        directions = 2 if self.bidirectional else 1
        count = 2 if self.mode == "LSTM" else 1
        if hx is None:
            zeros = from_array(
                np.zeros((self.num_layers * directions, seq.shape[1], self.hidden_size), seq._data.dtype)
            )
            states = tuple(zeros for _ in range(count))
        else:
            states = tuple(h.unsqueeze(1) if unbatched else h for h in hx)
        finals: list[list[Tensor]] = [[] for _ in range(count)]
        for layer in range(self.num_layers):
            outs = []
            for direction in range(directions):
                k = layer * directions + direction
                out, last = self._run_direction(seq, tuple(s[k] for s in states), layer, direction)
                outs.append(out)
                for i in range(count):
                    finals[i].append(last[i])
            seq = outs[0] if directions == 1 else tensor_ops.cat(outs, 2)
            if self.dropout and self.training and layer < self.num_layers - 1:
                seq = F.dropout(seq, self.dropout, True)
        result = tuple(tensor_ops.stack(f, 0) for f in finals)
        if unbatched:
            return seq.squeeze(1), tuple(r.squeeze(1) for r in result)
        return (seq.transpose(0, 1) if self.batch_first else seq), result

    def _forward_packed(
        self, packed: PackedSequence, hx: tuple[Tensor, ...] | None
    ) -> tuple[PackedSequence, tuple[Tensor, ...]]:
        """The packed path: unpack to a padded ``(L, N, H)`` batch (sorted order), run every layer with each
        sequence's state frozen outside its steps, pack the last layer's output. Between layers dropout acts
        on the packed data, as torch's (so its draws are torch's). ``hx`` and the final states are in the
        caller's batch order (permuted through ``sorted_indices`` / ``unsorted_indices``).
        """
        data = packed.data
        if data.shape[-1] != self.input_size:
            raise RuntimeError(
                f"input.size(-1) must be equal to input_size. Expected {self.input_size}, got {data.shape[-1]}"
            )
        sizes = packed.batch_sizes._data.astype(np.int64)
        batch = int(sizes[0])
        running = [from_array(np.arange(batch)[:, None] < b) for b in sizes]
        directions = 2 if self.bidirectional else 1
        count = 2 if self.mode == "LSTM" else 1
        if hx is None:
            zeros = from_array(np.zeros((self.num_layers * directions, batch, self.hidden_size), data._data.dtype))
            states = tuple(zeros for _ in range(count))
        elif packed.sorted_indices is not None:
            states = tuple(h.index_select(1, packed.sorted_indices) for h in hx)
        else:
            states = tuple(hx)
        finals: list[list[Tensor]] = [[] for _ in range(count)]
        seq = _packing.unpack(data, sizes, len(sizes), 0.0)
        for layer in range(self.num_layers):
            outs = []
            for direction in range(directions):
                k = layer * directions + direction
                out, last = self._run_direction(seq, tuple(s[k] for s in states), layer, direction, running)
                outs.append(out)
                for i in range(count):
                    finals[i].append(last[i])
            seq = outs[0] if directions == 1 else tensor_ops.cat(outs, 2)
            if self.dropout and self.training and layer < self.num_layers - 1:
                dropped = F.dropout(_packing.pack(seq, sizes, False), self.dropout, True)
                seq = _packing.unpack(dropped, sizes, len(sizes), 0.0)
        result = tuple(tensor_ops.stack(f, 0) for f in finals)
        if packed.unsorted_indices is not None:
            result = tuple(r.index_select(1, packed.unsorted_indices) for r in result)
        output = PackedSequence(_packing.pack(seq, sizes, False), packed.batch_sizes, packed.sorted_indices,
                                packed.unsorted_indices)
        return output, result

    def extra_repr(self) -> str:
        text = f"{self.input_size}, {self.hidden_size}"
        if self.num_layers != 1:
            text += f", num_layers={self.num_layers}"
        if not self.bias:
            text += ", bias=False"
        if self.batch_first:
            text += ", batch_first=True"
        if self.dropout != 0:
            text += f", dropout={self.dropout}"
        if self.bidirectional:
            text += ", bidirectional=True"
        return text


class RNN(RNNBase):
    """Elman RNN: ``h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)`` (``nonlinearity='relu'`` for relu).

    ``forward(input, hx=None) -> (output, h_n)``.

    Raises:
        ValueError: for an unknown nonlinearity.
    """

    def __init__(
        self, input_size: int, hidden_size: int, num_layers: int = 1, nonlinearity: str = "tanh", **kwargs: Any
    ) -> None:
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'.")
        self.nonlinearity = nonlinearity
        super().__init__(
            "RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU", input_size, hidden_size, num_layers, **kwargs
        )

    def forward(
        self, input: Tensor | PackedSequence, hx: Tensor | None = None  # noqa: A002
    ) -> tuple[Tensor | PackedSequence, Tensor]:
        out, (h_n,) = self._forward_states(input, None if hx is None else (hx,))
        return out, h_n


class LSTM(RNNBase):
    """Long short-term memory; ``forward(input, (h_0, c_0)=None) -> (output, (h_n, c_n))``."""

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, **kwargs: Any) -> None:
        super().__init__("LSTM", input_size, hidden_size, num_layers, **kwargs)

    def forward(
        self, input: Tensor | PackedSequence, hx: tuple[Tensor, Tensor] | None = None  # noqa: A002
    ) -> tuple[Tensor | PackedSequence, tuple[Tensor, Tensor]]:
        out, (h_n, c_n) = self._forward_states(input, hx)
        return out, (h_n, c_n)


class GRU(RNNBase):
    """Gated recurrent unit; ``forward(input, hx=None) -> (output, h_n)``."""

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, **kwargs: Any) -> None:
        super().__init__("GRU", input_size, hidden_size, num_layers, **kwargs)

    def forward(
        self, input: Tensor | PackedSequence, hx: Tensor | None = None  # noqa: A002
    ) -> tuple[Tensor | PackedSequence, Tensor]:
        out, (h_n,) = self._forward_states(input, None if hx is None else (hx,))
        return out, h_n


class _CellBase(Module):
    """One step of a recurrent layer: parameters ``weight_ih``, ``weight_hh`` (and biases), no sequence loop."""

    _mode = ""

    def __init__(
        self, input_size: int, hidden_size: int, bias: bool = True, device: object = None, dtype: dtype | None = None
    ) -> None:
        super().__init__()
        if device is not None:
            check_device(device)
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        gate_size = _GATES[self._mode] * hidden_size
        np_dtype = (dtype or get_default_dtype()).np
        self.weight_ih = _uniform_parameter((gate_size, input_size), np_dtype)
        self.weight_hh = _uniform_parameter((gate_size, hidden_size), np_dtype)
        if bias:
            self.bias_ih = _uniform_parameter((gate_size,), np_dtype)
            self.bias_hh = _uniform_parameter((gate_size,), np_dtype)
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Every parameter ``~ U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))``, in parameter order."""
        bound = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0.0
        for param in self.parameters():
            init.uniform_(param, -bound, bound)

    def _cell(self, input: Tensor, states: tuple[Tensor, ...] | None, count: int) -> tuple[Tensor, ...]:  # noqa: A002
        """The new state(s) for a ``(N, H_in)`` or unbatched ``(H_in,)`` input (zeros when no state is given)."""
        if input.dim() not in (1, 2):
            raise ValueError(f"{type(self).__name__}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        unbatched = input.dim() == 1
        x = input.unsqueeze(0) if unbatched else input
        if states is None:
            zeros = from_array(np.zeros((x.shape[0], self.hidden_size), x._data.dtype))
            states = tuple(zeros for _ in range(count))
        elif unbatched:
            states = tuple(s.unsqueeze(0) for s in states)
        new = _step(self._mode, F.linear(x, self.weight_ih, self.bias_ih), states, self.weight_hh, self.bias_hh)
        return tuple(s.squeeze(0) for s in new) if unbatched else new

    def extra_repr(self) -> str:
        return f"{self.input_size}, {self.hidden_size}" + ("" if self.bias else ", bias=False")


class RNNCell(_CellBase):
    """``h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)`` (or relu)."""

    def __init__(
        self, input_size: int, hidden_size: int, bias: bool = True, nonlinearity: str = "tanh", **kwargs: Any
    ) -> None:
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity: {nonlinearity}")
        self.nonlinearity = nonlinearity
        self._mode = "RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU"
        super().__init__(input_size, hidden_size, bias, **kwargs)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:  # noqa: A002
        return self._cell(input, None if hx is None else (hx,), 1)[0]

    def extra_repr(self) -> str:
        return super().extra_repr() + (f", nonlinearity={self.nonlinearity}" if self.nonlinearity != "tanh" else "")


class LSTMCell(_CellBase):
    """One LSTM step; ``forward(input, (h, c)=None) -> (h', c')``."""

    _mode = "LSTM"

    def forward(self, input: Tensor, hx: tuple[Tensor, Tensor] | None = None) -> tuple[Tensor, Tensor]:  # noqa: A002
        h, c = self._cell(input, hx, 2)
        return h, c


class GRUCell(_CellBase):
    """One GRU step; ``forward(input, h=None) -> h'``."""

    _mode = "GRU"

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:  # noqa: A002
        return self._cell(input, None if hx is None else (hx,), 1)[0]
