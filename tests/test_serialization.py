"""save/load on numpy arrays and Python containers: round trips, damaged files, atomic writes."""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import pathlib
import random
import struct
from collections import OrderedDict
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minitorch_scalar
from minitorch_scalar import serialization
from minitorch_scalar.serialization import MAGIC, SerializationError, load, save


def roundtrip(obj: Any, tmp_path: pathlib.Path) -> Any:
    path = tmp_path / "obj.mts"
    save(obj, path)
    return load(path)


def assert_same(a: Any, b: Any) -> None:
    """Equal values AND equal types all the way down (OrderedDict vs dict, tuple vs list, bool vs int)."""
    assert type(a) is type(b), (a, b)
    if isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    elif isinstance(a, float):
        assert math.copysign(1.0, a) == math.copysign(1.0, b)
        assert a == b or (math.isnan(a) and math.isnan(b))
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    elif isinstance(a, dict):
        assert list(a.keys()) == list(b.keys())
        for x, y in zip(a.values(), b.values()):
            assert_same(x, y)
    else:
        assert a == b


# ---- round trips ---------------------------------------------------------------------------------

def test_exported_under_torch_names() -> None:
    assert minitorch_scalar.save is save
    assert minitorch_scalar.load is load
    assert issubclass(SerializationError, RuntimeError)


def test_python_values_keep_type_and_bits(tmp_path: pathlib.Path) -> None:
    obj = {
        "none": None, "true": True, "one": 1, "big": -(2**100), "pi": math.pi, "tenth": 0.1,
        "neg_zero": -0.0, "inf": math.inf, "nan": math.nan, "text": "héllo \u2603 \"q\" \\ \n",
        "empty": [], "tuple": (1, (2.5, "x")), "nested": [[[]], {}, ()],
    }
    back = roundtrip(obj, tmp_path)
    assert_same(obj, back)
    assert back["tenth"].hex() == (0.1).hex()


def test_ordered_dict_keeps_order_and_type(tmp_path: pathlib.Path) -> None:
    obj = OrderedDict([("z", 1), ("a", 2), ("m", OrderedDict([("2", 2.0), ("1", 1.0)]))])
    back = roundtrip(obj, tmp_path)
    assert type(back) is OrderedDict and type(back["m"]) is OrderedDict
    assert list(back) == ["z", "a", "m"] and list(back["m"]) == ["2", "1"]


@pytest.mark.parametrize("dtype", ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                                   "uint64", "float16", "float32", "float64"])
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 0, 3), (2, 3, 4)])
def test_arrays_keep_dtype_shape_values(dtype: str, shape: tuple[int, ...], tmp_path: pathlib.Path) -> None:
    rng = np.random.default_rng(0)
    array = np.asarray(rng.standard_normal(shape) * 50).astype(dtype)
    back = roundtrip(array, tmp_path)
    assert_same(array, back)
    assert back.flags.writeable and back.flags.c_contiguous


def test_float_arrays_are_bit_exact(tmp_path: pathlib.Path) -> None:
    array = np.array([0.1, -0.0, np.inf, -np.inf, np.nan, 5e-324, np.finfo(np.float64).max])
    back = roundtrip(array, tmp_path)
    assert back.tobytes() == array.tobytes()


def test_non_contiguous_and_big_endian_arrays(tmp_path: pathlib.Path) -> None:
    base = np.arange(12, dtype=np.float32).reshape(3, 4)
    big_endian = np.arange(5, dtype=">i4")
    back = roundtrip([base.T, base[:, ::2], big_endian], tmp_path)
    assert_same(base.T.copy(), back[0])
    assert_same(base[:, ::2].copy(), back[1])
    np.testing.assert_array_equal(back[2], [0, 1, 2, 3, 4])
    assert back[2].dtype == np.dtype("int32") and back[2].dtype.isnative


def test_numpy_scalars(tmp_path: pathlib.Path) -> None:
    obj = [np.float32(1.5), np.int64(-7), np.bool_(True), np.float64(0.1)]
    assert_same(obj, roundtrip(obj, tmp_path))


def test_shared_objects_load_as_one_object(tmp_path: pathlib.Path) -> None:
    weight = np.ones((2, 2), dtype=np.float32)
    inner = [1, 2]
    back = roundtrip({"enc": weight, "dec": weight, "a": inner, "b": inner}, tmp_path)
    assert back["enc"] is back["dec"]
    assert back["a"] is back["b"]


def test_optimizer_style_state_dict(tmp_path: pathlib.Path) -> None:
    state = {
        "state": {0: {"step": np.array(3.0, dtype=np.float32), "exp_avg": np.zeros((3, 2), np.float32),
                      "exp_avg_sq": np.full(3, 0.001, np.float32)},
                  1: {"momentum_buffer": np.array([2.0, 2.0], np.float32)}},
        "param_groups": [{"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-08, "weight_decay": 0, "amsgrad": False,
                          "foreach": None, "params": [0, 1]}],
    }
    back = roundtrip(state, tmp_path)
    assert_same(state, back)
    assert list(back["state"]) == [0, 1] and type(back["param_groups"][0]["betas"]) is tuple


def test_deep_nesting_is_not_recursive(tmp_path: pathlib.Path) -> None:
    obj: list[Any] = []
    for _ in range(20_000):
        obj = [obj]
    back = roundtrip(obj, tmp_path)
    for _ in range(20_000):
        assert len(back) == 1
        back = back[0]
    assert back == []


def test_file_objects_and_pathlike(tmp_path: pathlib.Path) -> None:
    buf = io.BytesIO()
    save({"x": np.arange(3)}, buf)
    buf.seek(0)
    np.testing.assert_array_equal(load(buf)["x"], [0, 1, 2])
    path = tmp_path / "p.mts"
    save([1.0], str(path))
    with open(path, "rb") as fh:
        assert load(fh) == [1.0]


json_leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
nested = st.recursive(
    json_leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, max_size=4).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), children, max_size=4),
        st.dictionaries(st.text(max_size=4), children, max_size=4).map(lambda d: OrderedDict(sorted(d.items()))),
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(nested)
def test_random_nested_structures_roundtrip(obj: Any) -> None:
    buf = io.BytesIO()
    save(obj, buf)
    buf.seek(0)
    assert_same(obj, load(buf))


# ---- what cannot be saved ----------------------------------------------------------------------

def test_unsupported_object_names_where_it_is(tmp_path: pathlib.Path) -> None:
    with pytest.raises(TypeError, match=r"obj\['layers'\]\[1\] is a builtins.set"):
        save({"layers": [1, {2}]}, tmp_path / "x.mts")


def test_unsupported_dtype(tmp_path: pathlib.Path) -> None:
    with pytest.raises(TypeError, match=r"obj\[0\] has dtype complex128"):
        save([np.zeros(2, dtype=complex)], tmp_path / "x.mts")
    with pytest.raises(TypeError, match="has dtype object"):
        save(np.array([None, 1], dtype=object), tmp_path / "x.mts")


def test_self_reference_is_refused(tmp_path: pathlib.Path) -> None:
    loop: list[Any] = [1]
    loop.append(loop)
    with pytest.raises(ValueError, match=r"obj\['a'\]\[1\] contains itself"):
        save({"a": loop}, tmp_path / "x.mts")


# ---- damaged and foreign files -------------------------------------------------------------------

SAMPLE = OrderedDict([
    ("weight", np.arange(6, dtype=np.float32).reshape(2, 3)),
    ("bias", np.array([0.5, -1.0])),
    ("meta", {"step": 3, "betas": (0.9, 0.999), "name": "lin", "params": [0, 1]}),
])


def sample_bytes() -> bytes:
    buf = io.BytesIO()
    save(SAMPLE, buf)
    return buf.getvalue()


def load_bytes(data: bytes, tmp_path: pathlib.Path, name: str = "damaged.mts") -> Any:
    path = tmp_path / name
    path.write_bytes(data)
    return load(path)


def test_sample_loads(tmp_path: pathlib.Path) -> None:
    assert_same(SAMPLE, load_bytes(sample_bytes(), tmp_path))


def test_truncation_at_every_offset_raises(tmp_path: pathlib.Path) -> None:
    data = sample_bytes()
    path = tmp_path / "cut.mts"
    for size in range(len(data)):
        path.write_bytes(data[:size])
        with pytest.raises(SerializationError) as info:
            load(path)
        assert str(path) in str(info.value)


def test_random_bit_flips_raise(tmp_path: pathlib.Path) -> None:
    data = sample_bytes()
    rng = random.Random(1234)
    cases = [(pos, bit) for pos in range(len(data)) for bit in (0, 7)]  # every byte, low and high bit
    cases += [(rng.randrange(len(data)), rng.randrange(8)) for _ in range(300)]
    for pos, bit in cases:
        damaged = bytearray(data)
        damaged[pos] ^= 1 << bit
        with pytest.raises(SerializationError, match="damaged.mts"):
            load_bytes(bytes(damaged), tmp_path)


def test_multi_bit_corruption_and_extra_bytes(tmp_path: pathlib.Path) -> None:
    data = sample_bytes()
    rng = random.Random(99)
    for _ in range(200):
        damaged = bytearray(data)
        for _ in range(rng.randrange(2, 6)):
            damaged[rng.randrange(len(data))] = rng.randrange(256)
        if bytes(damaged) == data:
            continue
        with pytest.raises(SerializationError):
            load_bytes(bytes(damaged), tmp_path)
    with pytest.raises(SerializationError, match="expected .* bytes"):
        load_bytes(data + b"\x00", tmp_path)


@pytest.mark.parametrize("content, problem", [
    (b"", "not a complete minitorch_scalar file"),
    (b"PK\x03\x04" + b"\x00" * 100, "looks like a torch.save zip archive"),
    (b"\x80\x04\x95" + b"\x00" * 100, "magic header"),  # a pickle
    (b"hello, this is a text file that is long enough to pass the size check", "magic header"),
    (MAGIC + b"\x00" * 60, "truncated or corrupted"),
])
def test_foreign_files(content: bytes, problem: str, tmp_path: pathlib.Path) -> None:
    with pytest.raises(SerializationError, match=problem):
        load_bytes(content, tmp_path, "foreign.bin")


def test_missing_file() -> None:
    with pytest.raises(FileNotFoundError):
        load("/nonexistent/dir/model.mts")


def forge(header: Any, payload: bytes = b"", version: int = 1) -> bytes:
    """A file with a valid checksum around an arbitrary header: tests the checks behind the checksum."""
    head = header if isinstance(header, bytes) else json.dumps(header).encode()
    body = MAGIC + struct.pack("<I", version) + struct.pack("<Q", len(head)) + head
    body += struct.pack("<Q", len(payload)) + payload
    return body + hashlib.sha256(body).digest()


def table(nodes: list[Any], root: Any = None) -> dict[str, Any]:
    return {"format": "minitorch_scalar", "version": 1, "root": len(nodes) - 1 if root is None else root,
            "nodes": nodes}


@pytest.mark.parametrize("header, payload, problem", [
    (table([{"k": "pickle", "v": "os.system"}]), b"", "unknown kind 'pickle'"),
    (table([{"k": "list", "c": [0]}]), b"", "child 0 is not the index of an earlier node"),
    (table([{"k": "int", "v": 1}, {"k": "list", "c": [5]}]), b"", "child 5"),
    (table([{"k": "int", "v": "1"}]), b"", "int node holds '1'"),
    (table([{"k": "float", "v": "not hex"}]), b"", "float node"),
    (table([{"k": "list", "c": []}, {"k": "dict", "c": [0, 0]}]), b"", "unusable dict key"),
    (table([{"k": "int", "v": 1}, {"k": "dict", "c": [0]}]), b"", "odd number"),
    (table([{"k": "array", "dtype": "|O", "shape": [1], "offset": 0, "nbytes": 8}]), b"\0" * 8, "dtype '|O'"),
    (table([{"k": "array", "dtype": "<f4", "shape": [3], "offset": 0, "nbytes": 12}]), b"\0" * 8, "does not fit"),
    (table([{"k": "array", "dtype": "<f4", "shape": [-1], "offset": 0, "nbytes": 4}]), b"\0" * 4, "bad shape"),
    (table([{"k": "none"}], root=3), b"", "root 3"),
    ({"format": "other", "nodes": []}, b"", "not a minitorch_scalar object table"),
    ([1, 2], b"", "not a minitorch_scalar object table"),
    (b"{not json", b"", "invalid header: not ASCII JSON"),
    (b"\xff\xfe", b"", "invalid header: not ASCII JSON"),
])
def test_forged_headers_behind_a_valid_checksum(header: Any, payload: bytes, problem: str,
                                                tmp_path: pathlib.Path) -> None:
    data = forge(header, payload)
    with pytest.raises(SerializationError, match=problem):
        load_bytes(data, tmp_path)


def test_other_format_version(tmp_path: pathlib.Path) -> None:
    with pytest.raises(SerializationError, match="format version 2"):
        load_bytes(forge(table([{"k": "none"}]), version=2), tmp_path)


def test_load_options_for_compatibility(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "o.mts"
    save([1], path)
    assert load(path, map_location="cpu") == [1]
    assert load(path, map_location={"cuda:0": "cpu"}, weights_only=True) == [1]
    assert load(path, weights_only=False) == [1]
    with pytest.raises(ValueError, match="map_location='cuda'"):
        load(path, map_location="cuda")


# ---- atomic saving -------------------------------------------------------------------------------

class Unsaveable:
    pass


def leftovers(directory: pathlib.Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name != "model.mts")


def test_failed_encoding_leaves_old_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "model.mts"
    save({"w": np.ones(3)}, path)
    before = path.read_bytes()
    with pytest.raises(TypeError):
        save({"w": np.zeros(3), "bad": Unsaveable()}, path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_failure_midway_through_writing_leaves_old_file(tmp_path: pathlib.Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "model.mts"
    save({"w": np.ones(3)}, path)
    before = path.read_bytes()
    written: list[int] = []
    real = serialization._array_bytes

    def fail_on_second(array: np.ndarray) -> bytes:
        if written:
            # midway: the temporary file exists next to the target while the old file is still there
            assert [p.suffix for p in tmp_path.iterdir() if p.name != "model.mts"] == [".tmp"]
            raise OSError("disk full (simulated)")
        written.append(1)
        return real(array)

    monkeypatch.setattr(serialization, "_array_bytes", fail_on_second)
    with pytest.raises(OSError, match="simulated"):
        save({"a": np.zeros(1000), "b": np.zeros(1000)}, path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_failed_fsync_leaves_old_file(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "model.mts"
    save([1, 2, 3], path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError("I/O error (simulated)")

    monkeypatch.setattr(serialization.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="simulated"):
        save([4, 5, 6], path)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_interrupt_leaves_old_file(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "model.mts"
    save("old", path)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serialization.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save("new", path)
    assert load(path) == "old"
    assert leftovers(tmp_path) == []


def test_new_file_permissions_follow_umask(tmp_path: pathlib.Path) -> None:
    old = os.umask(0o022)
    try:
        save([1], tmp_path / "model.mts")
    finally:
        os.umask(old)
    assert (tmp_path / "model.mts").stat().st_mode & 0o777 == 0o644
