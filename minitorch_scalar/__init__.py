"""minitorch_scalar: an educational autograd library that speaks PyTorch.

``from minitorch_scalar import Value, draw_dot`` gives the micrograd lecture's objects;
``import minitorch_scalar as torch`` gives a torch-named Tensor engine.
"""

from minitorch_scalar import autograd, dtypes, ops
from minitorch_scalar.autograd import enable_grad, inference_mode, is_grad_enabled, no_grad, set_grad_enabled
from minitorch_scalar.dtypes import (
    bool,
    double,
    dtype,
    float,
    float16,
    float32,
    float64,
    get_default_dtype,
    half,
    int,
    int8,
    int16,
    int32,
    int64,
    long,
    promote_types,
    set_default_dtype,
    short,
    uint8,
)
from minitorch_scalar.functional_api import (
    abs,
    add,
    addmm,
    allclose,
    amax,
    amin,
    argmax,
    argmin,
    bincount,
    clamp,
    clamp_min,
    clip,
    clone,
    cos,
    detach,
    div,
    dot,
    equal,
    exp,
    flatten,
    is_floating_point,
    is_tensor,
    isclose,
    isnan,
    log,
    log_softmax,
    matmul,
    max,
    mean,
    min,
    mm,
    mul,
    mv,
    neg,
    norm,
    numel,
    permute,
    pow,
    prod,
    reciprocal,
    relu,
    reshape,
    round,
    rsqrt,
    sigmoid,
    sign,
    sin,
    softmax,
    sqrt,
    square,
    squeeze,
    std,
    sub,
    sum,
    t,
    tanh,
    transpose,
    unsqueeze,
    var,
)
from minitorch_scalar.numeric import numerical_grad
from minitorch_scalar.printing import set_printoptions
from minitorch_scalar.random import (
    Generator,
    bernoulli,
    default_generator,
    get_rng_state,
    initial_seed,
    manual_seed,
    normal,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    seed,
    set_rng_state,
)
from minitorch_scalar.serialization import load, save
from minitorch_scalar import tape
from minitorch_scalar.tape import Tape
from minitorch_scalar.tensor import (
    Size,
    Tensor,
    arange,
    as_tensor,
    cat,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    linspace,
    maximum,
    minimum,
    ones,
    ones_like,
    stack,
    tensor,
    where,
    zeros,
    zeros_like,
)
from minitorch_scalar.value import Value
from minitorch_scalar.viz import backward_steps, draw_dot, draw_parity, render_backward

__version__ = "0.1.0"

from minitorch_scalar import cuda, nn, optim, utils  # noqa: E402 - built on the Tensor engine imported above  # noqa: E402
from minitorch_scalar.device import device  # noqa: E402

__all__ = ["Value", "load", "numerical_grad", "ops", "save"]
__all__ += ["cuda", "device", "nn", "optim", "utils"]
__all__ += ["backward_steps", "draw_dot", "draw_parity", "render_backward"]  # minitorch_scalar.viz
__all__ += ["Tape", "tape"]  # replay a recorded Value computation (minitorch_scalar.tape)
__all__ += [  # torch's CPU random stream (minitorch_scalar.random) and print options (minitorch_scalar.printing)
    "Generator", "bernoulli", "default_generator", "get_rng_state", "initial_seed", "manual_seed", "normal", "rand",
    "rand_like", "randint", "randint_like", "randn", "randn_like", "randperm", "seed", "set_printoptions",
    "set_rng_state",
]
__all__ += [  # the Tensor engine's torch namespace
    "Size", "Tensor", "abs", "add", "addmm", "allclose", "amax", "amin", "arange", "argmax", "argmin", "as_tensor",
    "autograd", "bool", "cat", "clamp", "clamp_min", "clip", "clone", "detach", "div", "dot", "double", "dtype",
    "dtypes", "empty", "empty_like", "enable_grad", "equal", "exp", "eye", "flatten", "float", "float16", "float32",
    "float64", "from_numpy", "full", "full_like", "get_default_dtype", "half", "inference_mode", "int", "int8",
    "int16", "int32", "int64", "is_floating_point", "is_grad_enabled", "is_tensor", "isclose", "isnan", "linspace",
    "log", "log_softmax", "long", "matmul", "max", "maximum", "mean", "min", "minimum", "mm", "mul", "mv", "neg",
    "no_grad", "norm", "numel", "ones", "ones_like", "permute", "pow", "prod", "promote_types", "reciprocal", "relu",
    "reshape", "rsqrt", "set_default_dtype", "set_grad_enabled", "short", "sigmoid", "sign", "softmax", "sqrt",
    "square", "squeeze", "stack", "std", "sub", "sum", "t", "tanh", "tensor", "transpose", "uint8", "unsqueeze",
    "var", "where", "zeros", "zeros_like",
]
__all__ += ["bincount", "cos", "round", "sin"]  # more of the Tensor engine's torch namespace
from minitorch_scalar.functional_api import (  # noqa: E402 - elementwise math and shape functions
    acos,
    all,
    any,
    arccos,
    arcsin,
    arctan,
    arctan2,
    asin,
    atan,
    atan2,
    ceil,
    chunk,
    column_stack,
    cosh,
    erf,
    expm1,
    fix,
    flip,
    fliplr,
    flipud,
    floor,
    frac,
    hstack,
    log1p,
    log2,
    log10,
    meshgrid,
    repeat_interleave,
    roll,
    row_stack,
    sinh,
    split,
    tan,
    trunc,
    unbind,
    vstack,
)
from minitorch_scalar.tensor import concat, concatenate  # noqa: E402

__all__ += [  # elementwise math and shape functions of the Tensor engine
    "acos",
    "all",
    "any",
    "arccos",
    "arcsin",
    "arctan",
    "arctan2",
    "asin",
    "atan",
    "atan2",
    "ceil",
    "chunk",
    "column_stack",
    "cosh",
    "erf",
    "expm1",
    "fix",
    "flip",
    "fliplr",
    "flipud",
    "floor",
    "frac",
    "hstack",
    "log10",
    "log1p",
    "log2",
    "meshgrid",
    "repeat_interleave",
    "roll",
    "row_stack",
    "sinh",
    "split",
    "tan",
    "trunc",
    "unbind",
    "vstack",
    "concat",
    "concatenate",
]


class MissingTorchFeature(NotImplementedError, AttributeError):
    """A torch name minitorch_scalar does not provide.

    A NotImplementedError (so the message is the point), and an AttributeError too, so ``hasattr(torch, name)``
    and ``getattr(torch, name, default)`` keep working the way feature checks in scripts expect.
    """


def __getattr__(name: str) -> object:
    """A torch function minitorch_scalar lacks: NotImplementedError naming it (private names: AttributeError)."""
    if name.startswith("_"):
        raise AttributeError(f"module 'minitorch_scalar' has no attribute '{name}'")
    raise MissingTorchFeature(
        f"torch.{name} is not implemented by minitorch_scalar (README.md lists what is supported)"
    )
