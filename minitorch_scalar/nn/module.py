"""``nn.Module``: the base class of every Tensor-engine layer, as ``torch.nn.Module`` behaves.

A Module owns three ordered tables filled by plain attribute assignment:

* ``_parameters``: :class:`~minitorch_scalar.nn.Parameter` objects (trainable leaves),
* ``_buffers``: plain tensors saved in ``state_dict`` but not trained (``register_buffer``),
* ``_modules``: child modules, whose parameters are reached with dotted names (``fc1.weight``).

``parameters()`` walks the module tree without recursion: a module's own parameters first, then
each child's in assignment order, skipping a tensor already seen, which gives torch's order. Calling a
module runs its forward pre-hooks, ``forward``, then its forward hooks.

Compared with the lecture's ``MicroModule`` (``nn.micro``), ``zero_grad`` here sets ``.grad`` to
``None`` (torch's default ``set_to_none=True``) instead of ``0.0``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from minitorch_scalar.autograd import RemovableHandle, no_grad
from minitorch_scalar.device import check_device
from minitorch_scalar.dtypes import dtype, float32, float64
from minitorch_scalar.nn.parameter import Parameter
from minitorch_scalar.tensor import Tensor

_STATE_ATTRS = ("_parameters", "_buffers", "_modules")


def typename(obj: Any) -> str:
    """torch's ``typename``: ``'torch.FloatTensor'`` for a tensor, else the qualified class name."""
    if isinstance(obj, Tensor):
        return obj.type()
    cls = type(obj)
    if cls.__module__ in ("builtins", None):
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


def _addindent(text: str, spaces: int) -> str:
    """Indent every line but the first of a multi-line repr by ``spaces``."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    rest = [(" " * spaces + line) if line.strip() else "" for line in lines[1:]]
    return "\n".join([lines[0], *rest])


class _IncompatibleKeys(NamedTuple):
    """``load_state_dict``'s result: the keys it did not find and the keys it did not use."""

    missing_keys: list[str]
    unexpected_keys: list[str]

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self.missing_keys!r}, unexpected_keys={self.unexpected_keys!r})"

    def __str__(self) -> str:
        return self.__repr__()


def _forward_unimplemented(self: Module, *args: Any, **kwargs: Any) -> Any:
    """The ``forward`` of a Module subclass that did not define one."""
    raise NotImplementedError(f'Module [{type(self).__name__}] is missing the required "forward" function')


class Module:
    """Base class for all neural-network modules (``torch.nn.Module``).

    Subclasses call ``super().__init__()`` first, assign Parameters, buffers and child Modules as
    attributes, and define ``forward``; calling the module calls ``forward``.
    """

    dump_patches: bool = False
    _version: int = 1
    training: bool
    _parameters: dict[str, Parameter | None]
    _buffers: dict[str, Tensor | None]
    _non_persistent_buffers_set: set[str]
    _modules: dict[str, Module | None]
    _forward_hooks: dict[int, Callable[..., Any]]
    _forward_pre_hooks: dict[int, Callable[..., Any]]

    forward: Callable[..., Any] = _forward_unimplemented

    def __init__(self) -> None:
        setter = super().__setattr__
        setter("training", True)
        setter("_parameters", {})
        setter("_buffers", {})
        setter("_non_persistent_buffers_set", set())
        setter("_modules", {})
        setter("_forward_hooks", {})
        setter("_forward_pre_hooks", {})

    # ----------------------------------------------------------------- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self._forward_pre_hooks and not self._forward_hooks:
            return self.forward(*args, **kwargs)
        for hook in list(self._forward_pre_hooks.values()):
            changed = hook(self, args)
            if changed is not None:
                args = changed if isinstance(changed, tuple) else (changed,)
        result = self.forward(*args, **kwargs)
        for hook in list(self._forward_hooks.values()):
            changed = hook(self, args, result)
            if changed is not None:
                result = changed
        return result

    def register_forward_pre_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """Run ``hook(module, args)`` before ``forward``; a non-None return replaces the args."""
        handle = RemovableHandle(self._forward_pre_hooks)
        self._forward_pre_hooks[handle.id] = hook
        return handle

    def register_forward_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """Run ``hook(module, args, output)`` after ``forward``; a non-None return replaces the output."""
        handle = RemovableHandle(self._forward_hooks)
        self._forward_hooks[handle.id] = hook
        return handle

    # ------------------------------------------------------------ registration
    def _check_new_name(self, kind: str, name: Any, table: str) -> None:
        """torch's checks on a name given to register_parameter/register_buffer/add_module."""
        if not isinstance(name, str):
            raise TypeError(f"{kind} name should be a string. Got {typename(name)}")
        if "." in name:
            if kind == "module":
                raise KeyError(f'module name can\'t contain ".", got: {name}')
            raise KeyError(f'{kind} name can\'t contain "."')
        if name == "":
            raise KeyError(f'{kind} name can\'t be empty string ""')
        if hasattr(self, name) and name not in self.__dict__[table]:
            raise KeyError(f"attribute '{name}' already exists")

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        """Add ``param`` (a Parameter, or None for an absent one) under ``name``.

        Raises:
            AttributeError: before ``Module.__init__()`` ran.
            TypeError/KeyError: for a bad name or a value that is not a Parameter (torch's messages).
        """
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        self._check_new_name("parameter", name, "_parameters")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{typename(param)}' object to parameter '{name}' "
                "(torch.nn.Parameter or None required)"
            )
        if param is not None and param.grad_fn is not None:
            raise ValueError(
                f"Cannot assign non-leaf Tensor to parameter '{name}'. Model parameters must be created "
                f"explicitly. To express '{name}' as a function of another Tensor, compute the value in "
                "the forward() method."
            )
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        """Add a tensor that is state but not a parameter (saved in ``state_dict`` when ``persistent``)."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        self._check_new_name("buffer", name, "_buffers")
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"cannot assign '{typename(tensor)}' object to buffer '{name}' (torch Tensor or None required)"
            )
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name: str, module: Module | None) -> None:
        """Add a child module under ``name`` (``register_module`` is the same)."""
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{typename(module)} is not a Module subclass")
        self._check_new_name("module", name, "_modules")
        self._modules[name] = module

    register_module = add_module

    # ----------------------------------------------------- attribute protocol
    def __getattr__(self, name: str) -> Any:
        for table in _STATE_ATTRS:
            entries = self.__dict__.get(table)
            if entries is not None and name in entries:
                return entries[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        params = self.__dict__.get("_parameters")
        modules = self.__dict__.get("_modules")
        buffers = self.__dict__.get("_buffers")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self._forget(name, "_parameters")
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as parameter '{name}' (torch.nn.Parameter or None expected)"
                )
            params[name] = None
        elif isinstance(value, Module):
            if modules is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            self._forget(name, "_modules")
            modules[name] = value
        elif modules is not None and name in modules:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as child module '{name}' (torch.nn.Module or None expected)"
                )
            modules[name] = None
        elif buffers is not None and name in buffers:
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(
                    f"cannot assign '{typename(value)}' as buffer '{name}' "
                    "(torch.nn.Buffer, torch.Tensor or None expected)"
                )
            buffers[name] = value
        else:
            super().__setattr__(name, value)

    def _forget(self, name: str, keep: str) -> None:
        """Drop ``name`` from the instance dict and every table but ``keep`` (where it keeps its position)."""
        self.__dict__.pop(name, None)
        for table in _STATE_ATTRS:
            if table != keep:
                self.__dict__[table].pop(name, None)
        self._non_persistent_buffers_set.discard(name)

    def __delattr__(self, name: str) -> None:
        for table in _STATE_ATTRS:
            entries = self.__dict__.get(table)
            if entries is not None and name in entries:
                del entries[name]
                self._non_persistent_buffers_set.discard(name)
                return
        super().__delattr__(name)

    def __dir__(self) -> list[str]:
        keys = set(super().__dir__())
        for table in _STATE_ATTRS:
            keys.update(self.__dict__.get(table, {}))
        return sorted(k for k in keys if not k[0].isdigit())

    # ------------------------------------------------------------- traversal
    def named_modules(
        self, memo: set[int] | None = None, prefix: str = "", remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Module]]:
        """Every module of the tree, depth first (self first), with its dotted name.

        A module reachable twice is listed once unless ``remove_duplicate=False``.
        """
        seen = set() if memo is None else memo
        stack: list[tuple[str, Module]] = [(prefix, self)]
        while stack:
            name, module = stack.pop()
            if remove_duplicate:
                if id(module) in seen:
                    continue
                seen.add(id(module))
            yield name, module
            children = [
                (f"{name}.{key}" if name else key, child) for key, child in module._modules.items() if child is not None
            ]
            stack.extend(reversed(children))

    def modules(self) -> Iterator[Module]:
        """Every module of the tree, self first."""
        for _, module in self.named_modules():
            yield module

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """The direct children with their names (each module once)."""
        seen: set[int] = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self) -> Iterator[Module]:
        """The direct children."""
        for _, module in self.named_children():
            yield module

    def _named_members(
        self, table: str, prefix: str, recurse: bool, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Any]]:
        """(dotted name, tensor) from ``table`` of self (and, with ``recurse``, every submodule)."""
        owners = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate) if recurse else [(prefix, self)]
        seen: set[int] = set()
        for owner_name, owner in owners:
            for name, value in owner.__dict__[table].items():
                if value is None or (remove_duplicate and id(value) in seen):
                    continue
                seen.add(id(value))
                yield (f"{owner_name}.{name}" if owner_name else name), value

    def named_parameters(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Parameter]]:
        """``(name, parameter)`` pairs: own parameters first, then each child's, with dotted names."""
        yield from self._named_members("_parameters", prefix, recurse, remove_duplicate)

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        """Every parameter (each once), in ``named_parameters`` order."""
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Tensor]]:
        """``(name, buffer)`` pairs in the same order as ``named_parameters``."""
        yield from self._named_members("_buffers", prefix, recurse, remove_duplicate)

    def buffers(self, recurse: bool = True) -> Iterator[Tensor]:
        """Every buffer."""
        for _, buf in self.named_buffers(recurse=recurse):
            yield buf

    def get_submodule(self, target: str) -> Module:
        """The submodule at dotted path ``target`` (``''`` is self)."""
        module = self
        if target == "":
            return module
        for part in target.split("."):
            if not hasattr(module, part):
                raise AttributeError(f"{type(module).__name__} has no attribute `{part}`")
            module = getattr(module, part)
            if not isinstance(module, Module):
                raise AttributeError(f"`{part}` is not an nn.Module")
        return module

    def get_parameter(self, target: str) -> Parameter:
        """The parameter at dotted path ``target`` (``'fc1.weight'``)."""
        module_path, _, name = target.rpartition(".")
        module = self.get_submodule(module_path)
        if not hasattr(module, name):
            raise AttributeError(f"{type(module).__name__} has no attribute `{name}`")
        param = getattr(module, name)
        if not isinstance(param, Parameter):
            raise AttributeError(f"`{name}` is not an nn.Parameter")
        return param

    # ----------------------------------------------------------- mode & grads
    def train(self, mode: bool = True) -> Module:
        """Set ``training`` on self and every submodule (Dropout reads it); returns self."""
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        for module in self.modules():
            object.__setattr__(module, "training", mode)
        return self

    def eval(self) -> Module:
        """``train(False)``."""
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        """Set ``requires_grad`` on every parameter; returns self."""
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget every parameter's gradient: ``grad = None`` (default) or zero it in place."""
        for param in self.parameters():
            if param.grad is None:
                continue
            if set_to_none:
                param.grad = None
            else:
                grad = param.grad
                if grad.grad_fn is not None:
                    grad.detach_()
                else:
                    grad.requires_grad_(False)
                grad.zero_()

    def apply(self, fn: Callable[[Module], Any]) -> Module:
        """Call ``fn`` on every submodule (children before parents, as torch) and then on self; returns self."""
        stack: list[tuple[Module, bool]] = [(self, False)]
        while stack:
            module, children_done = stack.pop()
            if children_done:
                fn(module)
                continue
            stack.append((module, True))
            stack.extend((child, False) for child in reversed(list(module.children())))
        return self

    # ------------------------------------------------------------- dtype moves
    def to(self, *args: Any, **kwargs: Any) -> Module:
        """Cast floating-point parameters and buffers (and their grads) to a dtype, in place.

        Accepts ``to(dtype)``, ``to(tensor)`` (its dtype), ``to('cpu')``, ``to(device, dtype)`` and the
        ``dtype=``/``device=`` keywords; only the CPU exists here.

        Raises:
            TypeError: for a non-floating dtype (torch's message).
        """
        target: dtype | None = kwargs.pop("dtype", None)
        device = kwargs.pop("device", None)
        kwargs.pop("non_blocking", None)
        if kwargs:
            raise TypeError(f"to() received an invalid combination of arguments - got {tuple(kwargs)}")
        for arg in args:
            if isinstance(arg, dtype):
                target = arg
            elif isinstance(arg, Tensor):
                target = arg.dtype
            else:
                device = arg
        if device is not None:
            check_device(device)
        if target is None:
            return self
        if not target.is_floating_point:
            raise TypeError(
                f"nn.Module.to only accepts floating point or complex dtypes, but got desired dtype={target}"
            )
        return self._cast(target)

    def double(self) -> Module:
        """Cast floating-point parameters and buffers to float64."""
        return self._cast(float64)

    def float(self) -> Module:
        """Cast floating-point parameters and buffers to float32."""
        return self._cast(float32)

    def cpu(self) -> Module:
        """Everything already lives on the CPU: returns self."""
        return self

    def _cast(self, dtype: Any) -> Module:
        """Convert every floating tensor in place: the Parameter objects (and optimizers' references) survive."""
        with no_grad():
            for module in self.modules():
                for param in module._parameters.values():
                    if param is None or not param.is_floating_point():
                        continue
                    param.data = param.data.to(dtype)
                    if param.grad is not None:
                        param.grad.data = param.grad.data.to(dtype)
                for name, buf in module._buffers.items():
                    if buf is not None and buf.is_floating_point():
                        module._buffers[name] = buf.to(dtype)
        return self

    # ------------------------------------------------------------- state dict
    def state_dict(
        self, *, destination: dict[str, Any] | None = None, prefix: str = "", keep_vars: bool = False
    ) -> dict[str, Any]:
        """An ``OrderedDict`` of every parameter and persistent buffer, keyed by dotted name.

        Each module contributes its parameters then its buffers, then its children's entries, so the
        keys follow the module tree. Values are detached (``keep_vars=False``) and share storage.
        """
        out: dict[str, Any] = OrderedDict() if destination is None else destination
        for owner_name, owner in self.named_modules(prefix=prefix.rstrip("."), remove_duplicate=False):
            lead = f"{owner_name}." if owner_name else ""
            for name, param in owner._parameters.items():
                if param is not None:
                    out[lead + name] = param if keep_vars else param.detach()
            for name, buf in owner._buffers.items():
                if buf is not None and name not in owner._non_persistent_buffers_set:
                    out[lead + name] = buf if keep_vars else buf.detach()
        return out

    def load_state_dict(
        self, state_dict: Mapping[str, Any], strict: bool = True, assign: bool = False
    ) -> _IncompatibleKeys:
        """Copy tensors from ``state_dict`` into the parameters and buffers with the same names.

        Returns:
            ``_IncompatibleKeys(missing_keys, unexpected_keys)``.

        Raises:
            TypeError: when ``state_dict`` is not a mapping.
            RuntimeError: on a shape mismatch, or (``strict=True``) on missing or unexpected keys, with
                torch's ``Error(s) in loading state_dict for <Module>`` message.
        """
        if not isinstance(state_dict, Mapping):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        own = self.state_dict(keep_vars=True)
        missing = [key for key in own if key not in state_dict]
        unexpected = [key for key in state_dict if key not in own]
        errors = self._copy_matching(state_dict, own, assign)
        if strict:
            head = []
            if unexpected:
                head.append("Unexpected key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in unexpected)))
            if missing:
                head.insert(0, "Missing key(s) in state_dict: {}. ".format(", ".join(f'"{k}"' for k in missing)))
            errors = head + errors
        if errors:
            joined = "\n\t".join(errors)
            raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:\n\t{joined}")
        return _IncompatibleKeys(missing, unexpected)

    def _copy_matching(self, state_dict: Mapping[str, Any], own: dict[str, Any], assign: bool) -> list[str]:
        """Copy each shared key's tensor in place; return size-mismatch messages."""
        errors = []
        with no_grad():
            for key, target in own.items():
                if key not in state_dict:
                    continue
                source = state_dict[key]
                if not isinstance(source, Tensor):
                    errors.append(
                        f'While copying the parameter named "{key}", expected torch.Tensor or Tensor-like object '
                        f"from checkpoint but received {type(source)}"
                    )
                    continue
                if source.shape != target.shape:
                    errors.append(
                        f"size mismatch for {key}: copying a param with shape {source.shape} from checkpoint, "
                        f"the shape in current model is {target.shape}."
                    )
                    continue
                if assign:
                    self._assign(key, source)
                else:
                    target.copy_(source)
        return errors

    def _assign(self, key: str, source: Tensor) -> None:
        """``load_state_dict(assign=True)``: make the loaded tensor the module's own."""
        module_path, _, name = key.rpartition(".")
        owner = self.get_submodule(module_path)
        if name in owner._parameters:
            old = owner._parameters[name]
            keep_grad = old.requires_grad if old is not None else True
            value = source if isinstance(source, Parameter) else Parameter(source, requires_grad=keep_grad)
            owner._parameters[name] = value
        else:
            owner._buffers[name] = source

    # ------------------------------------------------------------------ repr
    def extra_repr(self) -> str:
        """The text inside the parentheses of this module's repr (e.g. ``in_features=3, ...``)."""
        return ""

    def _get_name(self) -> str:
        return type(self).__name__

    def _child_lines(self) -> list[str]:
        """One ``(name): repr`` line per child, indented as torch prints nested modules."""
        return [f"({key}): {_addindent(repr(module), 2)}" for key, module in self._modules.items()]

    def __repr__(self) -> str:
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = self._child_lines()
        lines = extra_lines + child_lines
        body = ""
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                body = extra_lines[0]
            else:
                body = "\n  " + "\n  ".join(lines) + "\n"
        return f"{self._get_name()}({body})"
