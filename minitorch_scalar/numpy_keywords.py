"""numpy's keyword names ``axis=`` and ``keepdims=`` for torch's ``dim=`` and ``keepdim=``.

torch's argument parser accepts ``axis`` wherever a native op takes ``dim`` and ``keepdims`` wherever it takes
``keepdim`` (``x.argmax(axis=1)``, ``torch.cumsum(x, axis=0)``, ``x.max(axis=1, keepdims=True)``). Giving an
alias together with its torch name (by keyword or position) is the parser's ``TypeError: argmax() got an
unexpected keyword argument 'axis'``. The few torch functions written in Python (``norm``, ``split``,
``unique``, ``unique_consecutive``) do not go through that parser and reject ``axis``; so do ours.

:func:`install` wraps every function of a class or module whose signature has a ``dim`` parameter, so a new
dim-taking method gets the aliases without touching its signature.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

PYTHON_SIDE_IN_TORCH = frozenset({"norm", "split", "unique", "unique_consecutive"})
"""dim-taking torch functions implemented in Python, which take no numpy aliases."""

KEPT_UNWRAPPED = frozenset({"size", "stride"})
"""Accessors called in every loop (``x.size(0)``): torch takes ``x.size(axis=0)`` too, but the wrapper would double
their cost, and nobody writes that."""

_ALIASES = (("axis", "dim"), ("keepdims", "keepdim"))


def _rename(name: str, args: tuple[Any, ...], kwargs: dict[str, Any], alias: str, target: str, at: int) -> None:
    """Move ``kwargs[alias]`` to ``kwargs[target]``; torch's TypeError when ``target`` is given too."""
    if target in kwargs or len(args) > at:
        raise TypeError(f"{name}() got an unexpected keyword argument '{alias}'")
    kwargs[target] = kwargs.pop(alias)


def numpy_keywords(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` accepting ``axis`` for its ``dim`` and ``keepdims`` for its ``keepdim`` parameter.

    A call without keyword arguments costs one extra ``if``.
    """
    params = list(inspect.signature(fn).parameters)
    positions = [(alias, target, params.index(target)) for alias, target in _ALIASES if target in params]
    name = fn.__name__

    @functools.wraps(fn)
    def with_numpy_keywords(*args: Any, **kwargs: Any) -> Any:
        if kwargs:
            for alias, target, at in positions:
                if alias in kwargs:
                    _rename(name, args, kwargs, alias, target, at)
        return fn(*args, **kwargs)

    return with_numpy_keywords


def _wants_aliases(name: str, fn: Any, module: str | None) -> bool:
    """A public function of its own namespace (not an import, not wrapped yet) with ``dim`` and no ``axis``."""
    if name.startswith("_") or name in PYTHON_SIDE_IN_TORCH or name in KEPT_UNWRAPPED or not inspect.isfunction(fn):
        return False
    if hasattr(fn, "__wrapped__") or (module is not None and fn.__module__ != module):
        return False
    params = inspect.signature(fn).parameters
    return "dim" in params and "axis" not in params


def install(namespace: dict[str, Any], owner: Any = None) -> None:
    """Wrap each public dim-taking function of ``namespace`` (a class's ``vars`` or a module's ``globals()``).

    ``owner`` is the class to set the wrapped methods on; ``None`` writes back into ``namespace`` (a module).
    Functions that already take ``axis`` (``sum``, ``mean``, ``stack``, ``cat``) are left alone.
    """
    module = namespace.get("__name__") if owner is None else None
    for name, fn in list(namespace.items()):
        if _wants_aliases(name, fn, module):
            wrapped = numpy_keywords(fn)
            if owner is None:
                namespace[name] = wrapped
            else:
                setattr(owner, name, wrapped)
