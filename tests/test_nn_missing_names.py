"""Missing names in ``nn`` and ``nn.functional``: MissingTorchFeature for what torch has, AttributeError otherwise."""

from __future__ import annotations

import pytest

import minitorch_scalar as mt
from minitorch_scalar.nn import functional as F
from minitorch_scalar.nn._torch_names import TORCH_FUNCTIONAL_NAMES, TORCH_NN_NAMES


def _absent(namespace: object, names: frozenset[str]) -> str:
    """A torch name this namespace does not provide (the test needs one; the lists are torch's)."""
    return next(n for n in sorted(names) if not hasattr(namespace, n))


@pytest.mark.parametrize(("namespace", "names", "prefix"), [
    (mt.nn, TORCH_NN_NAMES, "torch.nn"), (F, TORCH_FUNCTIONAL_NAMES, "torch.nn.functional"),
])
def test_torch_names_raise_missing_torch_feature(namespace: object, names: frozenset[str], prefix: str) -> None:
    name = _absent(namespace, names)
    with pytest.raises(mt.MissingTorchFeature, match=f"{prefix}.{name} is not implemented by minitorch_scalar"):
        getattr(namespace, name)
    assert not hasattr(namespace, name)  # MissingTorchFeature is an AttributeError too
    assert getattr(namespace, name, "default") == "default"


def test_typos_raise_plain_attribute_error_with_a_hint() -> None:
    with pytest.raises(AttributeError) as info:
        mt.nn.Embeding  # noqa: B018 - the lookup is the test
    assert not isinstance(info.value, mt.MissingTorchFeature)
    assert str(info.value) == "module 'minitorch_scalar.nn' has no attribute 'Embeding'"
    assert info.value.name == "Embeding" and info.value.obj is mt.nn
    with pytest.raises(AttributeError, match="module 'minitorch_scalar.nn.functional' has no attribute 'reluu'"):
        F.reluu  # noqa: B018


def test_present_names_are_unaffected() -> None:
    assert mt.nn.MultiheadAttention is not None and F.unfold is not None
    assert "MultiheadAttention" in TORCH_NN_NAMES and "scaled_dot_product_attention" in TORCH_FUNCTIONAL_NAMES
