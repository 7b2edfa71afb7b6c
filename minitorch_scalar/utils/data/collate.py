"""``default_collate``, ``collate`` (with its rule map) and ``default_convert``: how a DataLoader turns
samples into batches (``torch.utils.data._utils.collate``).

torch's rules, by the type of the first sample: tensors are stacked along a new first dimension;
numpy arrays become tensors (their dtype kept) and are stacked; numpy scalars become a tensor of their
dtype; Python floats a float64 tensor; ints (and bools) an int64 (bool) tensor; strings and bytes stay
as they are; mappings are collated key by key (keeping the mapping's type); namedtuples field by
field; other sequences position by position (tuples give a list, lists a list).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping, MutableMapping, MutableSequence, Sequence
from typing import Any

import numpy as np

from minitorch_scalar import dtypes
from minitorch_scalar.tensor import Tensor, as_tensor, stack, tensor

_NON_NUMERIC = re.compile(r"[SaUO]")  # numpy dtype codes of strings, bytes and Python objects
_ERROR = "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found {}"


CollateFnMap = dict[Any, Callable[..., Any]]


def collate(batch: Sequence[Any], *, collate_fn_map: CollateFnMap | None = None) -> Any:
    """Merge a list of samples into a batch, torch's general form: a sample type found in ``collate_fn_map``
    (exactly, else by ``isinstance`` in the map's order) is merged by its function; mappings,
    namedtuples and sequences are merged element-wise by recursion.

    Raises:
        RuntimeError: for sequences of different lengths.
        TypeError: for a sample type with no rule (``default_collate: batch must contain ...``).
    """
    elem = batch[0]
    if collate_fn_map is not None:
        rule = collate_fn_map.get(type(elem))
        if rule is None:
            rule = next((fn for kind, fn in collate_fn_map.items() if isinstance(elem, kind)), None)
        if rule is not None:
            return rule(batch, collate_fn_map=collate_fn_map)
    if isinstance(elem, Mapping):
        return _collate_mapping(elem, batch, collate_fn_map)
    if isinstance(elem, tuple) and hasattr(elem, "_fields"):
        return type(elem)(*(collate(field, collate_fn_map=collate_fn_map) for field in zip(*batch)))
    if isinstance(elem, Sequence):
        return _collate_sequence(elem, batch, collate_fn_map)
    raise TypeError(_ERROR.format(type(elem)))


def collate_tensor_fn(batch: Sequence[Tensor], *, collate_fn_map: CollateFnMap | None = None) -> Tensor:
    """Tensors are stacked along a new first dimension."""
    return stack(list(batch), 0)


def collate_numpy_array_fn(batch: Sequence[np.ndarray], *, collate_fn_map: CollateFnMap | None = None) -> Any:
    """Numeric numpy arrays become tensors of their dtype, then are collated as tensors.

    Raises:
        TypeError: for arrays of strings or objects.
    """
    if _NON_NUMERIC.search(batch[0].dtype.str) is not None:
        raise TypeError(_ERROR.format(batch[0].dtype))
    return collate([as_tensor(b) for b in batch], collate_fn_map=collate_fn_map)


def collate_numpy_scalar_fn(batch: Sequence[Any], *, collate_fn_map: CollateFnMap | None = None) -> Tensor:
    """numpy scalars become one tensor of their dtype."""
    return as_tensor(np.array(batch))


def collate_float_fn(batch: Sequence[float], *, collate_fn_map: CollateFnMap | None = None) -> Tensor:
    """Python floats become a float64 tensor."""
    return tensor(list(batch), dtype=dtypes.float64)


def collate_int_fn(batch: Sequence[int], *, collate_fn_map: CollateFnMap | None = None) -> Tensor:
    """Python ints become an int64 tensor (bools a bool tensor)."""
    return tensor(list(batch))


def collate_str_fn(batch: Sequence[Any], *, collate_fn_map: CollateFnMap | None = None) -> Sequence[Any]:
    """Strings and bytes are left as they are."""
    return batch


default_collate_fn_map: CollateFnMap = {
    Tensor: collate_tensor_fn,
    np.ndarray: collate_numpy_array_fn,
    (np.bool_, np.number, np.object_): collate_numpy_scalar_fn,
    float: collate_float_fn,
    int: collate_int_fn,
    str: collate_str_fn,
    bytes: collate_str_fn,
}


def default_collate(batch: Sequence[Any]) -> Any:
    """Merge a list of samples into a batch with torch's default rules (see the module docstring).

    Raises:
        RuntimeError: for sequences of different lengths, or tensors of different shapes.
        TypeError: for a sample type torch cannot collate (``default_collate: batch must contain ...``).
    """
    return collate(batch, collate_fn_map=default_collate_fn_map)


def _collate_mapping(elem: Mapping[Any, Any], batch: Sequence[Any], collate_fn_map: CollateFnMap | None) -> Any:
    """Collate key by key, keeping the mapping's type where it can be rebuilt."""
    merged = {key: collate([sample[key] for sample in batch], collate_fn_map=collate_fn_map) for key in elem}
    try:
        if isinstance(elem, MutableMapping):
            clone = copy.copy(elem)
            clone.update(merged)
            return clone
        return type(elem)(merged)  # type: ignore[call-arg]
    except TypeError:
        return merged


def _collate_sequence(elem: Sequence[Any], batch: Sequence[Any], collate_fn_map: CollateFnMap | None) -> Any:
    """Collate position by position: a list for tuples, the sequence's own type otherwise."""
    size = len(elem)
    if any(len(sample) != size for sample in batch):
        raise RuntimeError("each element in list of batch should be of equal size")
    fields = list(zip(*batch))
    if isinstance(elem, tuple):
        return [collate(field, collate_fn_map=collate_fn_map) for field in fields]
    try:
        if isinstance(elem, MutableSequence):
            clone = copy.copy(elem)
            for i, field in enumerate(fields):
                clone[i] = collate(field, collate_fn_map=collate_fn_map)
            return clone
        return type(elem)([collate(field, collate_fn_map=collate_fn_map) for field in fields])  # type: ignore[call-arg]
    except TypeError:
        return [collate(field, collate_fn_map=collate_fn_map) for field in fields]


def default_convert(data: Any) -> Any:
    """What a DataLoader with ``batch_size=None`` applies to each sample: numpy arrays and scalars become
    tensors (recursively inside mappings, namedtuples and sequences); everything else is returned as is."""
    if isinstance(data, np.ndarray):
        return data if _NON_NUMERIC.search(data.dtype.str) is not None else as_tensor(data)
    if isinstance(data, (np.bool_, np.number)):
        return as_tensor(np.array(data))
    if isinstance(data, Mapping):
        converted = {key: default_convert(value) for key, value in data.items()}
        try:
            if isinstance(data, MutableMapping):
                clone = copy.copy(data)
                clone.update(converted)
                return clone
            return type(data)(converted)  # type: ignore[call-arg]
        except TypeError:
            return converted
    if isinstance(data, tuple) and hasattr(data, "_fields"):
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]
    if isinstance(data, Sequence) and not isinstance(data, (str, bytes)):
        items = [default_convert(d) for d in data]
        try:
            if isinstance(data, MutableSequence):
                copied = copy.copy(data)
                for i, item in enumerate(items):
                    copied[i] = item
                return copied
            return type(data)(items)  # type: ignore[call-arg]
        except TypeError:
            return items
    return data
