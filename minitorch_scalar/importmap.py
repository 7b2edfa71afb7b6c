"""Map ``import torch`` onto minitorch_scalar, so an unmodified PyTorch script runs on our engine.

Inside ``with torch_as_minitorch():`` every import of ``torch`` or ``torch.<sub>`` (``torch.nn``,
``torch.nn.functional``, ``torch.optim``, ``torch.optim.lr_scheduler``, ``torch.autograd`` ...) gives
``minitorch_scalar`` or ``minitorch_scalar.<sub>``, the same module object, so ``torch.nn is
minitorch_scalar.nn``. A torch submodule without a counterpart raises ``ModuleNotFoundError`` naming
it. Real torch modules already imported are set aside for the duration and put back afterwards;
the aliases are removed, so the process is left as it was.

It works with a meta-path finder placed first on ``sys.meta_path`` whose loader hands out the
existing minitorch_scalar module instead of creating one.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

SOURCE = "torch"
TARGET = "minitorch_scalar"


def target_name(name: str) -> str | None:
    """``minitorch_scalar[.sub]`` for ``torch[.sub]``; None for a module name outside ``torch``."""
    if name == SOURCE:
        return TARGET
    if name.startswith(SOURCE + "."):
        return TARGET + name[len(SOURCE) :]
    return None


class _AliasLoader(importlib.abc.Loader):
    """Hands the import system an already imported module under another name."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.spec = module.__spec__

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return self.module

    def exec_module(self, module: ModuleType) -> None:
        # The import system set module.__spec__ to the alias's spec; give the module its own back.
        module.__spec__ = self.spec


class TorchAliasFinder(importlib.abc.MetaPathFinder):
    """Finds ``torch`` and ``torch.*`` as the corresponding minitorch_scalar modules."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        ours = target_name(fullname)
        if ours is None:
            return None
        try:
            module = importlib.import_module(ours)
        except ModuleNotFoundError as exc:
            if exc.name != ours:
                raise
            raise ModuleNotFoundError(
                f"No module named {fullname!r}: minitorch_scalar has no {ours!r} counterpart "
                f"(python -m minitorch_scalar run maps torch.* imports onto minitorch_scalar.*)",
                name=fullname,
            ) from None
        is_package = hasattr(module, "__path__")
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(module), is_package=is_package)


def _torch_entries() -> dict[str, ModuleType]:
    return {k: m for k, m in sys.modules.items() if k == SOURCE or k.startswith(SOURCE + ".")}


@contextmanager
def torch_as_minitorch() -> Iterator[None]:
    """Within the block, ``import torch[.sub]`` gives ``minitorch_scalar[.sub]``; undone on exit."""
    saved = _torch_entries()
    for name in saved:
        del sys.modules[name]
    finder = TorchAliasFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in _torch_entries():
            del sys.modules[name]
        sys.modules.update(saved)
