"""``save`` / ``load``: torch's names, a pickle-free file format that runs no code when it is read.

torch pickles, so ``torch.load`` of an untrusted file can execute anything. Here a file is data: a
table of values, where a saved module or optimizer names its class by import path, and only
``load(..., weights_only=False)`` imports it (see "Whole objects" below). The layout:

=========  =====================================================================================
bytes      content
=========  =====================================================================================
8          magic ``b"\\x89MTS\\r\\n\\x1a\\n"`` (a non-ASCII byte, CR LF and ^Z catch text-mode mangling)
4          format version, unsigned little-endian (``1``)
8          header length ``H``, unsigned little-endian
H          header: ASCII JSON, ``{"format": ..., "version": 1, "root": i, "nodes": [...]}``
8          payload length ``P``, unsigned little-endian
P          payload: the raw little-endian bytes of every array, one after the other
32         sha256 of every byte above
=========  =====================================================================================

The header's ``nodes`` list describes the saved object as a table, children before parents, each
container naming its children by index. The JSON therefore never nests deeper than a few levels,
and both writing and reading are loops (no recursion, whatever the depth of the object). An object
that appears twice (a tied weight) is stored once and loads as one object, as with torch.

What can be saved: ``None``, ``bool``, ``int``, ``float`` (bit-exact, as ``float.hex``), ``str``,
``list``, ``tuple``, ``dict``, ``collections.OrderedDict`` (order and type kept),
``defaultdict(dict)``, numpy arrays and numpy scalars of bool/int/uint/float dtypes, and the Tensor
engine's ``Tensor`` and ``nn.Parameter`` (dtype, shape and ``requires_grad`` kept; a Parameter loads
as a Parameter), ``torch.Size`` and dtypes (``torch.float32``). That covers tensors, module
``state_dict()`` and optimizer ``state_dict()`` (with its int keys, ``betas`` tuples and lists of
parameter indices). Anything else raises ``TypeError`` when saving.

Whole objects, as ``torch.save(model)`` saves them: an ``nn.Module`` (any subclass, also one defined
in the running script) or an ``optim.Optimizer`` is an ``object`` node holding its class as
``module:qualname`` and its ``__dict__`` as key/value children (a set attribute, such as a module's
``_non_persistent_buffers_set``, is stored too). Functions and classes met inside (an
``activation=F.relu`` attribute) are ``global`` nodes, saved by reference as pickle saves them. As
with pickle, saving refuses what could not be found again: a class or function defined inside a
function (``AttributeError``) or a lambda (``pickle.PicklingError``). A module with a registered
hook raises ``TypeError`` naming the hook (torch pickles hooks when they are top-level functions).
Loading such a file needs ``weights_only=False``, because it imports the named modules (running
their code); a module already imported is used as is, so ``__main__`` is the running script. An
object is rebuilt as pickle rebuilds it: ``object.__new__(cls)`` and its ``__setstate__`` (else a
``__dict__`` update); ``__init__`` is not called. Only ``nn.Module`` and ``optim.Optimizer``
subclasses are ever instantiated. With ``weights_only`` True or None (the default, as in torch)
such a file raises torch's ``pickle.UnpicklingError`` ("Weights only load failed ...") before
anything is built, so a weights-only load never runs code. Unlike pickle, an object that refers
back to itself (a cycle through attributes) cannot be saved (``ValueError``).

Errors when loading: a file that is truncated, corrupted (any flipped bit), too long, or not in
this format raises :class:`SerializationError`, a ``RuntimeError`` subclass because torch raises
``RuntimeError`` for a damaged checkpoint (``PytorchStreamReader failed reading zip archive``), so
code written for torch catches ours too. The message names the file and what is wrong. The whole
file is checked (length, magic, checksum) before anything is decoded, so a load either returns the
complete object or raises: never partial data.

Saving to a path is atomic: the bytes go to a temporary file in the same directory, which is
flushed, ``fsync``-ed and then moved over the target with ``os.replace``. If anything fails on the
way, the temporary file is removed and a previous file at the path is left as it was. Saving to an
open file object writes in place (there is no path to replace).

Differences from torch: the files are not torch's (zip + pickle) files, so ``torch.load`` cannot
read them nor we torch's; :mod:`minitorch_scalar.interop` converts objects between the engines. A
tensor's ``.grad`` and graph are not saved (as in torch: a computed tensor loads as a leaf with its
``requires_grad``). Two different tensors that are views of one storage load as two independent
copies; torch keeps the storage shared. The same tensor object saved twice does load as one object.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import os
import secrets
import struct
import sys
import types
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator
from pickle import PicklingError, UnpicklingError
from typing import IO, Any, TypeAlias, Union

import numpy as np

FileLike = Union[str, "os.PathLike[str]", IO[bytes]]

MAGIC = b"\x89MTS\r\n\x1a\n"
FORMAT_NAME = "minitorch_scalar"
VERSION = 1
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
_DIGEST_SIZE = hashlib.sha256().digest_size
_MIN_SIZE = len(MAGIC) + _U32.size + _U64.size + _U64.size + _DIGEST_SIZE

# numpy dtypes a file may hold, by their little-endian ``dtype.str``.
_DTYPES = {
    np.dtype(name).newbyteorder("<").str: np.dtype(name).newbyteorder("<")
    for name in ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                 "float16", "float32", "float64")
}
_CONTAINERS = ("list", "tuple", "dict", "odict", "ddict", "set", "size", "object")
_PAIRED = ("dict", "odict", "ddict", "object")  # children are key, value, key, value, ...
# What a "global" node may name: saved by reference (module + qualname), as pickle saves them.
_GLOBAL_TYPES = (types.FunctionType, types.BuiltinFunctionType, type)


class SerializationError(RuntimeError):
    """A file that :func:`load` cannot read: truncated, corrupted, or not a minitorch_scalar file."""


# ---- the Tensor engine, found lazily (serialization works on numpy alone) -----------------------

def _tensor_class() -> type | None:
    """The Tensor engine's ``Tensor`` class, or None while the engine is not importable."""
    try:
        from minitorch_scalar.tensor import Tensor
    except ImportError:
        return None
    return Tensor


def _parameter_class() -> type | None:
    """``nn.Parameter``, or None while it is not importable."""
    try:
        from minitorch_scalar.nn.parameter import Parameter
    except ImportError:
        return None
    return Parameter


def _dtypes() -> dict[str, Any]:
    """The engine's dtypes by name (``float32``), or none while the engine is not importable."""
    try:
        from minitorch_scalar.dtypes import ALL
    except ImportError:
        return {}
    return {d.name: d for d in ALL}


def _size_class() -> type | None:
    """``torch.Size``, or None while the engine is not importable."""
    try:
        from minitorch_scalar.tensor import Size
    except ImportError:
        return None
    return Size


def _object_classes() -> tuple[type, ...]:
    """``nn.Module`` and ``optim.Optimizer``: the classes whose instances save as objects."""
    classes: list[type] = []
    try:
        from minitorch_scalar.nn.module import Module
        classes.append(Module)
    except ImportError:
        pass
    try:
        from minitorch_scalar.optim.optimizer import Optimizer
        classes.append(Optimizer)
    except ImportError:
        pass
    return tuple(classes)


def _find_global(module_name: str, qualname: str) -> Any:
    """The object called ``qualname`` in module ``module_name``, found as pickle finds a class or function.

    A module already imported is used as it is, so ``__main__`` is the running script (the one
    ``python -m minitorch_scalar run`` executes too); another module is imported, which runs its code.

    Raises:
        ModuleNotFoundError: no module of that name.
        AttributeError: the module has no such attribute (pickle's message), e.g. a class defined
            inside a function (``f.<locals>.Net``).
    """
    module = sys.modules.get(module_name)
    if module is None:
        module = importlib.import_module(module_name)
    found: Any = module
    for part in qualname.split("."):
        if part == "<locals>" or not hasattr(found, part):
            raise AttributeError(f"Can't get attribute {qualname!r} on {module!r}")
        found = getattr(found, part)
    return found


def _global_path(cls: Any) -> str:
    """``module:qualname``, how a file names a saved object's class or a function saved by reference."""
    return f"{cls.__module__}:{cls.__qualname__}"


def _weights_only_error(global_path: str) -> UnpicklingError:
    """torch's error for a file holding a class or function, loaded with ``weights_only`` True or None."""
    module_name, _, qualname = global_path.partition(":")
    return UnpicklingError(
        "Weights only load failed. This file can still be loaded, to do so you have two options, "
        "\x1b[1mdo those steps only if you trust the source of the checkpoint\x1b[0m. \n"
        "\t(1) In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from "
        "`False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it "
        "can result in arbitrary code execution. Do it only if you got the file from a trusted source.\n"
        "\t(2) Alternatively, save the model's `state_dict()` instead of the whole model: a state_dict loads with "
        "`weights_only=True`.\n"
        f"\tWeightsUnpickler error: Unsupported global: GLOBAL {module_name}.{qualname} was not an allowed global "
        "by default. minitorch_scalar has no allowlist of safe globals: loading a whole module or optimizer, "
        "which imports its class, needs `weights_only=False`."
    )


def _tensor_to_array(t: Any) -> np.ndarray:
    """The tensor's values as a numpy array (a copy is not needed: it is only read)."""
    return np.asarray(t.detach().numpy())


def _array_to_tensor(array: np.ndarray, requires_grad: bool, parameter: bool) -> Any:
    """A Tensor (or Parameter) holding ``array``."""
    from minitorch_scalar.tensor import from_array

    tensor = from_array(array, requires_grad=False)
    if parameter:
        param_cls = _parameter_class()
        if param_cls is None:
            raise SerializationError("the file holds an nn.Parameter but minitorch_scalar.nn.Parameter is missing")
        return param_cls(tensor, requires_grad=requires_grad)
    if requires_grad:
        tensor.requires_grad_(True)
    return tensor


# ---- encoding: object -> node table + arrays ------------------------------------------------------

# Where an object sits inside the saved one, for error messages: ``(parent, key, step)`` with step
# ``"item"`` (``[key]``), ``"key"`` (the dict key itself) or ``"attr"`` (an object's attribute), or
# None for the object itself. Built as a linked chain so deep nesting costs O(1) per level.
Path: TypeAlias = "tuple[Any, Any, str] | None"


def _describe(path: Path) -> str:
    """``obj.fc._parameters['weight']`` style text for a path (``key ...`` when it is a dict key)."""
    steps: list[str] = []
    while path is not None:
        path, key, step = path
        steps.append({"item": f"[{key!r}]", "key": f" key {key!r}", "attr": f".{key}"}[step])
    return "obj" + "".join(reversed(steps))


class _Encoder:
    """Turns an object into the header's node table plus the list of arrays to write.

    A post-order walk with an explicit stack: a container is emitted after its children, and the
    indices of finished nodes wait on ``self.results`` until their parent takes them.
    """

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.arrays: list[np.ndarray] = []
        self.offset = 0
        self.memo: dict[int, int] = {}  # id(obj) -> node index, for arrays, tensors and containers
        self.active: set[int] = set()  # containers being encoded (a second visit is a cycle)
        self.results: list[int] = []
        self.tensor_cls = _tensor_class()
        self.param_cls = _parameter_class()
        self.object_classes = _object_classes()
        self.dtypes = _dtypes()
        self.size_cls = _size_class()

    def encode(self, root: object) -> int:
        stack: list[tuple[object, Path, str | None]] = [(root, None, None)]
        while stack:
            obj, path, finishing = stack.pop()
            if finishing is not None:
                self._finish_container(obj, finishing)
                continue
            if id(obj) in self.memo:
                self.results.append(self.memo[id(obj)])
                continue
            kind = self._container_kind(obj, path)
            if kind is None:
                self.results.append(self._leaf(obj, path))
                continue
            if id(obj) in self.active:
                raise ValueError(f"save(): {_describe(path)} contains itself; a self-referencing container "
                                 "cannot be saved")
            self.active.add(id(obj))
            stack.append((obj, path, kind))
            for child, child_path in reversed(list(self._children(obj, kind, path))):
                stack.append((child, child_path, None))
        (root_index,) = self.results
        return root_index

    def _container_kind(self, obj: object, path: Path) -> str | None:
        kinds: dict[type, str] = {list: "list", tuple: "tuple", dict: "dict", OrderedDict: "odict"}
        kind = kinds.get(type(obj))
        if kind is not None:
            return kind
        if type(obj) is defaultdict and obj.default_factory is dict:
            return "ddict"
        if self.size_cls is not None and type(obj) is self.size_cls:
            return "size"
        if type(obj) is set and path is not None and path[2] == "attr":
            return "set"  # only as an object's attribute (a Module's _non_persistent_buffers_set)
        if self.object_classes and isinstance(obj, self.object_classes):
            return "object"
        return None

    @staticmethod
    def _children(obj: Any, kind: str, path: Path) -> Iterator[tuple[object, Path]]:
        if kind in ("list", "tuple", "set", "size"):
            for i, item in enumerate(obj):
                yield item, (path, i, "item")
        elif kind == "object":
            _check_object(obj, path)
            for name, value in vars(obj).items():
                yield name, (path, name, "key")
                yield value, (path, name, "attr")
        else:
            for key, value in obj.items():
                yield key, (path, key, "key")
                yield value, (path, key, "item")

    def _finish_container(self, obj: Any, kind: str) -> None:
        count = 2 * len(vars(obj)) if kind == "object" else len(obj) * (2 if kind in _PAIRED else 1)
        children = self.results[len(self.results) - count:] if count else []
        del self.results[len(self.results) - count:]
        self.active.discard(id(obj))
        node: dict[str, Any] = {"k": kind, "c": children}
        if kind == "object":
            node["cls"] = _global_path(type(obj))
        index = self._add(node)
        self.memo[id(obj)] = index
        self.results.append(index)

    def _add(self, node: dict[str, Any]) -> int:
        self.nodes.append(node)
        return len(self.nodes) - 1

    def _array_node(self, array: np.ndarray, path: Path) -> int:
        dtype = array.dtype.newbyteorder("<")
        if dtype.str not in _DTYPES:
            raise TypeError(f"save(): {_describe(path)} has dtype {array.dtype}, which cannot be saved "
                            f"(supported: bool, int8..int64, uint8..uint64, float16/32/64)")
        le = np.asarray(array, dtype=dtype, order="C")
        self.arrays.append(le)
        node = {"k": "array", "dtype": dtype.str, "shape": list(le.shape), "offset": self.offset,
                "nbytes": le.nbytes}
        self.offset += le.nbytes
        return self._add(node)

    def _leaf(self, obj: object, path: Path) -> int:
        if obj is None:
            return self._add({"k": "none"})
        if type(obj) is bool:
            return self._add({"k": "bool", "v": obj})
        if type(obj) is int:
            return self._add({"k": "int", "v": obj})
        if type(obj) is float:
            return self._add({"k": "float", "v": obj.hex()})
        if type(obj) is str:
            return self._add({"k": "str", "v": obj})
        name = getattr(obj, "name", None)
        if isinstance(name, str) and self.dtypes.get(name) is obj:
            return self._add({"k": "dtype", "v": name})
        if type(obj) is np.ndarray:
            index = self._array_node(obj, path)
        elif isinstance(obj, np.generic):
            index = self._add({"k": "npscalar", "a": self._array_node(np.asarray(obj), path)})
        elif isinstance(obj, _GLOBAL_TYPES):
            _check_findable(obj)
            index = self._add({"k": "global", "name": _global_path(obj)})
        elif self.tensor_cls is not None and isinstance(obj, self.tensor_cls):
            tensor: Any = obj
            parameter = self.param_cls is not None and isinstance(tensor, self.param_cls)
            data = self._array_node(_tensor_to_array(tensor), path)
            index = self._add({"k": "tensor", "a": data, "requires_grad": bool(tensor.requires_grad),
                               "parameter": parameter})
        else:
            raise TypeError(
                f"save(): {_describe(path)} is a {type(obj).__module__}.{type(obj).__qualname__}, which cannot "
                "be saved; supported: None, bool, int, float, str, list, tuple, dict, OrderedDict, numpy arrays and "
                "scalars, Tensor, nn.Parameter, nn.Module and optim.Optimizer"
            )
        self.memo[id(obj)] = index
        return index


def _check_findable(obj: Any) -> None:
    """Refuse a function or class that cannot be found again by its import path, as pickle does.

    Raises:
        AttributeError: it is defined inside a function (pickle's error and message).
        pickle.PicklingError: anything else not found, e.g. a lambda (pickle's message).
    """
    if "<locals>" in obj.__qualname__:
        raise AttributeError(f"Can't pickle local object {obj.__qualname__!r}")
    try:
        found = _find_global(obj.__module__, obj.__qualname__)
    except (ImportError, AttributeError, TypeError, ValueError):
        found = None
    if found is not obj:
        raise PicklingError(f"Can't pickle {obj!r}: attribute lookup {obj.__qualname__} on {obj.__module__} failed")


def _check_object(obj: Any, path: Path) -> None:
    """Refuse a module or optimizer that :func:`load` could not rebuild.

    Raises:
        AttributeError, pickle.PicklingError: its class cannot be found again by its import path
            (see :func:`_check_findable`).
        TypeError: it has a hook registered (hooks are functions: code, which is not saved).
    """
    cls = type(obj)
    _check_findable(cls)
    for name, value in vars(obj).items():
        if "hook" in name and isinstance(value, dict) and value:
            hook = next(iter(value.values()))
            raise TypeError(f"save(): {_describe((path, name, 'attr'))} holds the hook {hook!r}; hooks are code and "
                            f"cannot be saved: remove them (handle.remove()) before saving the {cls.__name__}")


def _array_bytes(array: np.ndarray) -> bytes:
    """The raw bytes of a contiguous little-endian array."""
    return array.tobytes()


# ---- writing ----------------------------------------------------------------------------------

def _write(fh: IO[bytes], header: bytes, arrays: list[np.ndarray], payload_len: int) -> None:
    """Write the container to ``fh``: prefix, header, payload, then the sha256 of all of it."""
    digest = hashlib.sha256()

    def put(chunk: bytes) -> None:
        digest.update(chunk)
        fh.write(chunk)

    put(MAGIC + _U32.pack(VERSION) + _U64.pack(len(header)))
    put(header)
    put(_U64.pack(payload_len))
    for array in arrays:
        put(_array_bytes(array))
    fh.write(digest.digest())


def _file_name(f: Any) -> str:
    if isinstance(f, (str, os.PathLike)):
        return os.fspath(f)
    return str(getattr(f, "name", repr(f)))


def _create_temp(directory: str, base: str) -> tuple[int, str]:
    """Create a new empty file ``.<base>.<random>.tmp`` in ``directory``.

    ``os.open`` with mode 0o666 lets the umask decide the permissions, as ``open(path, "wb")`` would
    (``tempfile.mkstemp`` would make the saved file private, 0o600).
    """
    while True:
        tmp = os.path.join(directory, f".{base}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue


def _atomic_write(path: str, writer: Callable[[IO[bytes]], None]) -> None:
    """Run ``writer`` on a temporary file next to ``path``, fsync it, then move it over ``path``."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = _create_temp(directory, os.path.basename(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            writer(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    """Make the rename durable where the OS allows opening a directory (POSIX); elsewhere skip."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save(obj: object, f: FileLike) -> None:
    """Save ``obj`` to ``f`` (a path or a binary file object), like ``torch.save``.

    Args:
        obj: a tensor, a (nested) dict/list/tuple/OrderedDict of tensors, numpy arrays, Python
            scalars, strings and None, e.g. a module's or an optimizer's ``state_dict()``; or whole
            ``nn.Module`` / ``optim.Optimizer`` objects (``torch.save(model, path)``).
        f: a path (``str`` / ``os.PathLike``), written atomically, or a writable binary file
            object, written in place at its current position.

    Raises:
        TypeError: ``obj`` holds something that cannot be saved (the message names where), or a
            module with a registered hook.
        AttributeError, pickle.PicklingError: a class or function in ``obj`` cannot be found again
            by its import path (defined inside a function; a lambda), pickle's errors.
        ValueError: ``obj`` contains itself.
    """
    encoder = _Encoder()
    root = encoder.encode(obj)
    header = json.dumps(
        {"format": FORMAT_NAME, "version": VERSION, "root": root, "nodes": encoder.nodes},
        ensure_ascii=True, separators=(",", ":"), allow_nan=False,
    ).encode("ascii")

    def writer(fh: IO[bytes]) -> None:
        _write(fh, header, encoder.arrays, encoder.offset)

    if isinstance(f, (str, os.PathLike)):
        _atomic_write(os.fspath(f), writer)
    else:
        writer(f)


# ---- reading ----------------------------------------------------------------------------------

def _read_all(f: FileLike) -> bytes:
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as fh:
            return fh.read()
    data = f.read()
    if not isinstance(data, bytes):
        raise TypeError(f"load(): expected a binary file object, but {_file_name(f)} returned {type(data).__name__}")
    return data


def _split(data: bytes, name: str) -> tuple[bytes, bytes]:
    """Check length, magic, version and checksum; return (header, payload)."""
    if len(data) < _MIN_SIZE:
        raise SerializationError(f"{name}: not a complete minitorch_scalar file ({len(data)} bytes, "
                                 f"at least {_MIN_SIZE} needed); it is truncated or of another format")
    if data[: len(MAGIC)] != MAGIC:
        hint = " (it looks like a torch.save zip archive; load it with torch.load)" if data[:2] == b"PK" else ""
        raise SerializationError(f"{name}: not a minitorch_scalar file: the magic header is "
                                 f"{data[:len(MAGIC)]!r}, expected {MAGIC!r}{hint}")
    pos = len(MAGIC)
    (version,) = _U32.unpack_from(data, pos)
    pos += _U32.size
    (header_len,) = _U64.unpack_from(data, pos)
    pos += _U64.size
    if pos + header_len + _U64.size + _DIGEST_SIZE > len(data):
        raise SerializationError(f"{name}: truncated or corrupted: the header claims {header_len} bytes, "
                                 f"but the file has {len(data)} bytes in all")
    header = data[pos: pos + header_len]
    pos += header_len
    (payload_len,) = _U64.unpack_from(data, pos)
    pos += _U64.size
    expected = pos + payload_len + _DIGEST_SIZE
    if expected != len(data):
        raise SerializationError(f"{name}: truncated or corrupted: expected {expected} bytes from the "
                                 f"lengths it records, found {len(data)}")
    payload = data[pos: pos + payload_len]
    stored = data[pos + payload_len:]
    actual = hashlib.sha256(data[: pos + payload_len]).digest()
    if stored != actual:
        raise SerializationError(f"{name}: corrupted: the sha256 checksum does not match "
                                 f"(stored {stored.hex()[:16]}..., computed {actual.hex()[:16]}...)")
    if version != VERSION:
        raise SerializationError(f"{name}: written by format version {version}; this minitorch_scalar "
                                 f"reads version {VERSION}")
    return header, payload


class _Decoder:
    """Rebuilds objects from a checked header and payload, node by node in table order."""

    def __init__(self, nodes: list[Any], payload: bytes, name: str, weights_only: bool) -> None:
        self.nodes = nodes
        self.payload = payload
        self.name = name
        self.weights_only = weights_only
        self.values: list[Any] = []

    def fail(self, index: int, problem: str) -> SerializationError:
        return SerializationError(f"{self.name}: invalid header: node {index}: {problem}")

    def decode(self, root: Any) -> Any:
        if self.weights_only:
            self._refuse_globals()
        for index, node in enumerate(self.nodes):
            if not isinstance(node, dict) or not isinstance(node.get("k"), str):
                raise self.fail(index, "not an object with a kind 'k'")
            self.values.append(self._node(index, node))
        if type(root) is not int or not 0 <= root < len(self.values):
            raise SerializationError(f"{self.name}: invalid header: root {root!r} is not a node index")
        return self.values[root]

    def _refuse_globals(self) -> None:
        """Raise torch's weights-only error if the file names any class or function, before anything
        is built; the error names the outermost saved object's class (pickle meets it first)."""
        named = [(node["k"] == "object", str(node.get("cls" if node["k"] == "object" else "name")))
                 for node in reversed(self.nodes) if isinstance(node, dict) and node.get("k") in ("object", "global")]
        if named:
            raise _weights_only_error(next((name for is_object, name in named if is_object), named[0][1]))

    def _global(self, index: int, path: Any) -> Any:
        """The class or function a node names by ``module:qualname``, imported (weights_only=False only)."""
        if not isinstance(path, str) or path.count(":") != 1 or path.startswith(":") or path.endswith(":"):
            raise self.fail(index, f"no import path 'module:qualname' ({path!r})")
        found = _find_global(*path.split(":"))
        if not isinstance(found, _GLOBAL_TYPES):
            raise self.fail(index, f"{path} is not a class or function")
        return found

    def _ref(self, index: int, ref: Any) -> Any:
        if type(ref) is not int or not 0 <= ref < index:
            raise self.fail(index, f"child {ref!r} is not the index of an earlier node")
        return self.values[ref]

    def _node(self, index: int, node: dict[str, Any]) -> Any:
        kind = node["k"]
        if kind == "object":
            return self._object(index, node)
        if kind == "global":
            return self._global(index, node.get("name"))
        if kind in _CONTAINERS:
            return self._container(index, kind, node.get("c"))
        if kind == "none":
            return None
        if kind in ("bool", "int", "str"):
            value = node.get("v")
            wanted = {"bool": bool, "int": int, "str": str}[kind]
            if type(value) is not wanted:
                raise self.fail(index, f"{kind} node holds {value!r}")
            return value
        if kind == "float":
            try:
                return float.fromhex(node["v"])
            except (KeyError, TypeError, ValueError):
                raise self.fail(index, f"float node holds {node.get('v')!r}") from None
        if kind == "array":
            return self._array(index, node)
        if kind == "dtype":
            found = _dtypes().get(node.get("v"))  # type: ignore[arg-type]
            if found is None:
                raise self.fail(index, f"unknown dtype {node.get('v')!r}")
            return found
        if kind == "npscalar":
            array = self._ref(index, node.get("a"))
            if not isinstance(array, np.ndarray) or array.shape != ():
                raise self.fail(index, "npscalar does not refer to a 0-d array")
            return array[()]
        if kind == "tensor":
            array = self._ref(index, node.get("a"))
            requires_grad, parameter = node.get("requires_grad"), node.get("parameter")
            if not isinstance(array, np.ndarray) or type(requires_grad) is not bool or type(parameter) is not bool:
                raise self.fail(index, "tensor node needs an array, requires_grad and parameter")
            try:
                return _array_to_tensor(array, requires_grad, parameter)
            except (RuntimeError, TypeError, ValueError) as err:
                raise self.fail(index, f"cannot make a tensor of it ({err})") from None
        raise self.fail(index, f"unknown kind {kind!r}")

    def _container(self, index: int, kind: str, refs: Any) -> Any:
        if not isinstance(refs, list):
            raise self.fail(index, f"{kind} node has no child list")
        items = [self._ref(index, r) for r in refs]
        if kind == "list":
            return items
        if kind == "tuple":
            return tuple(items)
        if kind == "size":
            size_cls = _size_class()
            if size_cls is None or any(type(item) is not int or item < 0 for item in items):
                raise self.fail(index, f"size node holds {items!r}")
            return size_cls(items)
        if kind == "set":
            try:
                return set(items)
            except TypeError as err:
                raise self.fail(index, f"unusable set item ({err})") from None
        if len(items) % 2:
            raise self.fail(index, f"{kind} node has an odd number of key/value children")
        pairs = zip(items[0::2], items[1::2])
        try:
            if kind == "ddict":
                return defaultdict(dict, pairs)
            return dict(pairs) if kind == "dict" else OrderedDict(pairs)
        except TypeError as err:
            raise self.fail(index, f"unusable dict key ({err})") from None

    def _object(self, index: int, node: dict[str, Any]) -> Any:
        """A module or optimizer, rebuilt as pickle does: ``object.__new__`` then its saved ``__dict__``
        (through ``__setstate__`` when the class has one); ``__init__`` is not called."""
        state = self._container(index, "dict", node.get("c"))
        if any(type(key) is not str for key in state):
            raise self.fail(index, "object attribute names must be str")
        cls = self._global(index, node.get("cls"))
        classes = _object_classes()
        if not isinstance(cls, type) or not classes or not issubclass(cls, classes):
            raise self.fail(index, f"{node['cls']} is not an nn.Module or optim.Optimizer class")
        instance = object.__new__(cls)
        if hasattr(instance, "__setstate__"):
            instance.__setstate__(state)
        else:
            instance.__dict__.update(state)
        return instance

    def _array(self, index: int, node: dict[str, Any]) -> np.ndarray:
        dtype = _DTYPES.get(node.get("dtype"))  # type: ignore[arg-type]
        shape, offset, nbytes = node.get("shape"), node.get("offset"), node.get("nbytes")
        if dtype is None:
            raise self.fail(index, f"unsupported dtype {node.get('dtype')!r}")
        if not isinstance(shape, list) or any(type(s) is not int or s < 0 for s in shape):
            raise self.fail(index, f"bad shape {shape!r}")
        if type(offset) is not int or type(nbytes) is not int:
            raise self.fail(index, "array node needs int offset and nbytes")
        count = math.prod(shape)
        if nbytes != count * dtype.itemsize or offset < 0 or offset + nbytes > len(self.payload):
            raise self.fail(index, f"array of shape {shape} and dtype {dtype.str} does not fit "
                                   f"bytes {offset}..{offset + nbytes} of a {len(self.payload)}-byte payload")
        flat = np.frombuffer(self.payload, dtype=dtype, count=count, offset=offset)
        return flat.reshape(shape).astype(dtype.newbyteorder("="))


def _check_map_location(map_location: Any) -> None:
    """Accept what torch accepts for a CPU-only build: None, 'cpu' (or a device printing as 'cpu')."""
    if map_location is None or str(map_location) == "cpu":
        return
    if isinstance(map_location, dict) and all(str(v) == "cpu" for v in map_location.values()):
        return
    raise ValueError(f"load(): map_location={map_location!r} is not supported: minitorch_scalar has only the 'cpu' "
                     "device (use None or 'cpu')")


def load(f: FileLike, map_location: Any = None, *, weights_only: bool | None = None) -> Any:
    """Load an object written by :func:`save`, like ``torch.load``.

    Args:
        f: a path or a readable binary file object.
        map_location: accepted for compatibility; only None or ``'cpu'`` (every tensor is on the CPU).
        weights_only: True or None (the default, as in torch since 2.6): load data only (tensors,
            containers, scalars) and never run code; a file holding a whole module or optimizer then
            raises. False: also rebuild saved modules and optimizers, which imports their classes'
            modules (running their code, hence only for trusted files).

    Returns:
        The saved object, complete (dicts keep their type and order; tensors their dtype, shape,
        ``requires_grad`` and Parameter-ness).

    Raises:
        SerializationError: (a RuntimeError) the file is truncated, corrupted or of another format;
            the message names the file and the problem.
        FileNotFoundError: no file at the path.
        ValueError: an unsupported ``map_location``.
        pickle.UnpicklingError: the file holds a module or optimizer and ``weights_only`` is not
            False (torch's type; the message says to pass ``weights_only=False``).
        ModuleNotFoundError, AttributeError: with ``weights_only=False``, a saved object's class
            cannot be found (pickle's errors), e.g. a ``__main__`` class the running script lacks.
    """
    _check_map_location(map_location)
    if weights_only not in (None, True, False):
        raise TypeError(f"load(): weights_only must be a bool or None, got {weights_only!r}")
    name = _file_name(f)
    header_bytes, payload = _split(_read_all(f), name)
    try:
        header = json.loads(header_bytes.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise SerializationError(f"{name}: invalid header: not ASCII JSON ({err})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME or not isinstance(header.get("nodes"), list):
        raise SerializationError(f"{name}: invalid header: not a {FORMAT_NAME} object table")
    return _Decoder(header["nodes"], payload, name, weights_only is not False).decode(header.get("root"))
