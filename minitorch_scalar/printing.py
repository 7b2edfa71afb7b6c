"""torch's tensor printing, reproduced character for character.

:func:`tensor_repr` turns a numpy array plus a tensor's metadata into the text torch 2.13 prints for
``repr(t)`` (which is also ``str(t)``). The rules (torch_semantics.md §2.1-2.2):

* **Number format.** Floating tensors choose one mode from their *nonzero finite* values, read as doubles:
  ``int`` when every such value is integral (``2.``), ``sci`` when ``max|v| / min|v| > 1000`` or
  ``max|v| > 1e8`` or ``min|v| < 1e-4`` (``1.0000e-05``), fixed otherwise (``0.3333``). ``sci`` wins over
  ``int``. The width is the longest formatted nonzero finite value (plus one for the ``.`` in int mode);
  every element is right-aligned to it. Integer and bool tensors print ``str(v)`` right-aligned.
* **Layout.** Rows are joined by ``",\\n"`` plus an indent; a tensor of dim ``d`` puts ``d - 1`` newlines
  between its slices, so dim-3 blocks are separated by a blank line. A 1-D row wraps after
  ``floor((linewidth - indent) / (width + 2))`` elements.
* **Summaries.** Past ``threshold`` elements only ``edgeitems`` items at each end of every dimension are
  shown, with ``...`` between; the number format is then chosen from the shown items only.
* **Suffixes.** ``dtype=torch.X`` unless the dtype is the default dtype (float32 unless
  ``set_default_dtype`` changed it), int64 or bool (empty tensors show every dtype but the default, and
  their size unless they are 1-D), then ``grad_fn=<Name>`` or
  ``requires_grad=True``. A suffix goes on a new line when ``last_line_len + len(suffix) + 2 > linewidth``,
  where ``last_line_len = len(s) - s.rfind("\\n") + 1``: torch's formula, which counts two characters too
  many when ``s`` has no newline (``rfind`` gives -1). We keep the quirk because torch's output has it.

:func:`set_printoptions` changes these knobs for every later repr, as ``torch.set_printoptions`` does.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from minitorch_scalar.dtypes import get_default_dtype

__all__ = ["get_printoptions", "set_printoptions", "tensor_repr"]

_DTYPES_WITHOUT_SUFFIX = frozenset({"int64", "bool"})
"""Besides the default dtype (``torch.get_default_dtype()``, float32 unless set), which never shows either."""


@dataclasses.dataclass
class _PrintOptions:
    """The knobs of torch's printer (torch's defaults)."""

    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: bool | None = None


_PROFILES: dict[str, _PrintOptions] = {
    "default": _PrintOptions(),
    "short": _PrintOptions(precision=2, edgeitems=2),
    "full": _PrintOptions(threshold=math.inf),
}

_OPTIONS = _PrintOptions()


def set_printoptions(
    precision: int | None = None,
    threshold: float | None = None,
    edgeitems: int | None = None,
    linewidth: int | None = None,
    profile: str | None = None,
    sci_mode: bool | None = None,
) -> None:
    """Set the options every later tensor repr uses, with ``torch.set_printoptions``'s semantics.

    A ``profile`` (``"default"``, ``"short"`` or ``"full"``) first resets precision, threshold, edgeitems and
    linewidth; the explicit arguments then override it. Arguments left as None keep their current value,
    except ``sci_mode``, which is always assigned (None means "choose from the values").

    Args:
        precision: digits after the point in fixed and scientific notation (default 4).
        threshold: a tensor with more elements than this is summarised (default 1000).
        edgeitems: items shown at each end of a summarised dimension (default 3).
        linewidth: characters per line used to wrap rows and suffixes (default 80).
        profile: a named preset: ``"default"``, ``"short"`` (precision 2, edgeitems 2) or ``"full"``
            (never summarise). Any other name is ignored, as in torch.
        sci_mode: True or False forces scientific notation on or off; None lets the values decide.
    """
    preset = _PROFILES.get(profile) if profile is not None else None
    if preset is not None:
        _OPTIONS.precision = preset.precision
        _OPTIONS.threshold = preset.threshold
        _OPTIONS.edgeitems = preset.edgeitems
        _OPTIONS.linewidth = preset.linewidth
    if precision is not None:
        _OPTIONS.precision = precision
    if threshold is not None:
        _OPTIONS.threshold = threshold
    if edgeitems is not None:
        _OPTIONS.edgeitems = edgeitems
    if linewidth is not None:
        _OPTIONS.linewidth = linewidth
    _OPTIONS.sci_mode = sci_mode


def get_printoptions() -> dict[str, Any]:
    """Return the current print options as keyword arguments for :func:`set_printoptions`."""
    return dataclasses.asdict(_OPTIONS)


class _NumberFormat:
    """How every element of one tensor is written: a mode chosen once, and a common width.

    Args:
        shown: the elements that will be printed (already summarised).
        floating: whether the tensor's dtype is a floating type.
        options: the print options in force.
    """

    def __init__(self, shown: np.ndarray, floating: bool, options: _PrintOptions) -> None:
        self.floating = floating
        self.precision = options.precision
        self.int_mode = True
        self.sci_mode = False
        self.width = 1
        if not floating:
            self.width = max([1, *(len(str(v)) for v in shown.ravel().tolist())])
            return
        flat = shown.ravel()
        with np.errstate(invalid="ignore"):
            picked = flat[np.isfinite(flat) & (flat != 0)]
        if picked.size == 0:
            return
        values = picked.astype(np.float64)
        magnitudes = np.abs(values)
        largest, smallest = float(magnitudes.max()), float(magnitudes.min())
        self.int_mode = bool(np.all(values == np.ceil(values)))
        if options.sci_mode is None:
            self.sci_mode = largest / smallest > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4
        else:
            self.sci_mode = options.sci_mode
        extra = 1 if self.int_mode and not self.sci_mode else 0
        self.width = max(len(self._text(v)) + extra for v in values.tolist())

    def _text(self, value: float) -> str:
        """A nonzero finite value in the tensor's mode, without the int-mode point or padding."""
        if self.sci_mode:
            return f"{value:.{self.precision}e}"
        if self.int_mode:
            return f"{value:.0f}"
        return f"{value:.{self.precision}f}"

    def format(self, value: float | int | bool) -> str:
        """One element, right-aligned to the common width (wider values are not cut)."""
        if not self.floating:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:.{self.precision}e}"
        elif self.int_mode:
            text = f"{value:.0f}"
            if math.isfinite(value):
                text += "."
        else:
            text = f"{value:.{self.precision}f}"
        return text.rjust(self.width)


def _edge_indices(size: int, edgeitems: int) -> np.ndarray | None:
    """The indices a summary keeps along one dimension, or None when the dimension is shown whole."""
    if size <= 2 * edgeitems:
        return None
    return np.concatenate([np.arange(edgeitems), np.arange(size - edgeitems, size)])


def _summarise(data: np.ndarray, edgeitems: int) -> tuple[np.ndarray, list[bool]]:
    """Keep the edge items of every long dimension.

    Returns:
        the kept elements, and for each dimension whether a ``...`` goes in its middle.
    """
    cut: list[bool] = []
    for axis, size in enumerate(data.shape):
        keep = _edge_indices(size, edgeitems)
        cut.append(keep is not None)
        if keep is not None:
            data = np.take(data, keep, axis=axis)
    return data, cut


def _vector(values: list[Any], fmt: _NumberFormat, indent: int, cut: bool, edgeitems: int, linewidth: int) -> str:
    """One 1-D row: ``[a, b, c]`` wrapped after as many items as fit in ``linewidth - indent``."""
    items = [fmt.format(v) for v in values]
    if cut:
        items = [*items[:edgeitems], " ...", *items[edgeitems:]]
    per_line = max(1, (linewidth - indent) // (fmt.width + 2))
    lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _body(data: np.ndarray, fmt: _NumberFormat, indent: int, options: _PrintOptions, summarize: bool) -> str:
    """The bracketed contents of a non-empty tensor, built from the innermost rows outwards.

    A tensor of dim ``d`` at nesting depth ``k`` (indent ``indent + k``) joins its slices with
    ``"," + "\\n" * (d - 1) + " " * (indent + k + 1)``.
    """
    ndim = data.ndim
    if ndim == 0:
        return fmt.format(data.item())
    edge = options.edgeitems
    if summarize and edge == 0:
        return "[...]"
    if summarize:
        data, cut = _summarise(data, edge)
    else:
        cut = [False] * ndim
    rows = data.reshape(-1, data.shape[-1]).tolist()
    pieces = [_vector(row, fmt, indent + ndim - 1, cut[-1], edge, options.linewidth) for row in rows]
    for axis in range(ndim - 2, -1, -1):
        size = data.shape[axis]
        separator = "," + "\n" * (ndim - axis - 1) + " " * (indent + axis + 1)
        grouped = []
        for start in range(0, len(pieces), size):
            group = pieces[start : start + size]
            if cut[axis]:
                group = [*group[:edge], "...", *group[edge:]]
            grouped.append("[" + separator.join(group) + "]")
        pieces = grouped
    return pieces[0]


def _add_suffixes(text: str, suffixes: list[str], indent: int, linewidth: int) -> str:
    """Append ``, suffix`` for each suffix, breaking the line where torch does (see the module docstring)."""
    last_line_len = len(text) - text.rfind("\n") + 1
    parts = [text]
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > linewidth:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def tensor_repr(
    data: np.ndarray,
    *,
    dtype_name: str,
    grad_fn: str | None,
    requires_grad: bool,
    prefix: str = "tensor(",
) -> str:
    """The text torch prints for a tensor holding ``data``.

    Args:
        data: the tensor's values (any shape; float16/32/64, signed or unsigned ints, or bool).
        dtype_name: torch's dtype name without ``torch.``, e.g. ``"float32"``, ``"int64"``, ``"bool"``.
        grad_fn: the name of the tensor's grad_fn class (``"MulBackward0"``), or None for a leaf.
        requires_grad: whether the tensor requires grad (shown only when there is no grad_fn).
        prefix: the text before the contents; its length is the indent of continuation lines.

    Returns:
        e.g. ``"tensor([1.0000, 2.5000], dtype=torch.float64, grad_fn=<MulBackward0>)"``.

    Raises:
        TypeError: if ``data`` is not a numpy array of a real number or bool dtype.
    """
    if not isinstance(data, np.ndarray) or data.dtype.kind not in "biuf":
        got = data.dtype if isinstance(data, np.ndarray) else type(data).__name__
        raise TypeError(f"tensor_repr() expects a numpy array of bool, int or float values, got {got}")
    options = _OPTIONS
    indent = len(prefix)
    suffixes: list[str] = []
    default_float = get_default_dtype().name
    if data.size == 0:
        if data.ndim != 1:
            suffixes.append(f"size={tuple(data.shape)}")
        if dtype_name != default_float:
            suffixes.append(f"dtype=torch.{dtype_name}")
        body = "[]"
    else:
        if not options.edgeitems:
            suffixes.append(f"size={tuple(data.shape)}")
        if dtype_name != default_float and dtype_name not in _DTYPES_WITHOUT_SUFFIX:
            suffixes.append(f"dtype=torch.{dtype_name}")
        summarize = data.size > options.threshold
        shown = _summarise(data, options.edgeitems)[0] if summarize else data
        fmt = _NumberFormat(shown, data.dtype.kind == "f", options)
        body = _body(data, fmt, indent, options, summarize)
    if grad_fn is not None:
        suffixes.append(f"grad_fn=<{grad_fn}>")
    elif requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent, options.linewidth)
