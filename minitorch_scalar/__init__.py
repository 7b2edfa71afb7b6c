"""minitorch_scalar: an educational autograd library that speaks PyTorch.

``from minitorch_scalar import Value, draw_dot`` gives the micrograd lecture's objects;
``import minitorch_scalar as torch`` gives a torch-named Tensor engine.
"""

import math as _math

from minitorch_scalar import autograd, dtypes, ops, tape
from minitorch_scalar.autograd import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
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
    multinomial,
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

# torch's math constants (plain Python floats, as in torch)
e = _math.e
pi = _math.pi
inf = _math.inf
nan = _math.nan

from minitorch_scalar import (  # noqa: E402 - built on the Tensor engine above
    accelerator,
    backends,
    cuda,
    distributions,  # noqa: E402 - torch.distributions (built on nn.functional)
    nn,
    optim,
    utils,
)
from minitorch_scalar.determinism import (  # noqa: E402
    are_deterministic_algorithms_enabled,
    is_deterministic_algorithms_warn_only_enabled,
    use_deterministic_algorithms,
)
from minitorch_scalar.device import device  # noqa: E402
from minitorch_scalar.legacy import (  # noqa: E402
    BoolTensor,
    ByteTensor,
    CharTensor,
    DoubleTensor,
    FloatTensor,
    HalfTensor,
    IntTensor,
    LongTensor,
    ShortTensor,
)

__all__ = ["Value", "load", "numerical_grad", "ops", "save"]
from minitorch_scalar import testing, types  # noqa: E402 - torch.testing, torch.types
from minitorch_scalar.autograd.anomaly_mode import (  # noqa: E402
    is_anomaly_check_nan_enabled,
    is_anomaly_enabled,
)

__all__ += ["is_anomaly_check_nan_enabled", "is_anomaly_enabled", "testing", "types"]
__all__ += ["accelerator", "backends", "cuda", "device", "nn", "optim", "utils"]
__all__ += ["distributions"]
__all__ += [  # legacy tensor types (minitorch_scalar.legacy)
    "BoolTensor", "ByteTensor", "CharTensor", "DoubleTensor", "FloatTensor", "HalfTensor", "IntTensor", "LongTensor",
    "ShortTensor",
]
__all__ += [
    "are_deterministic_algorithms_enabled", "is_deterministic_algorithms_warn_only_enabled",
    "use_deterministic_algorithms",
]
__all__ += ["e", "inf", "nan", "pi"]
__all__ += ["backward_steps", "draw_dot", "draw_parity", "render_backward"]  # minitorch_scalar.viz
__all__ += ["Tape", "tape"]  # replay a recorded Value computation (minitorch_scalar.tape)
__all__ += [  # torch's CPU random stream (minitorch_scalar.random) and print options (minitorch_scalar.printing)
    "Generator", "bernoulli", "default_generator", "get_rng_state", "initial_seed", "manual_seed", "multinomial",
    "normal", "rand",
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
from minitorch_scalar.functional_api import (  # noqa: E402 - elementwise math, shapes, selecting, sorting
    acos,
    all,
    any,
    arccos,
    arcsin,
    arctan,
    arctan2,
    argsort,
    asin,
    atan,
    atan2,
    bmm,
    broadcast_shapes,
    broadcast_tensors,
    ceil,
    chunk,
    column_stack,
    cosh,
    count_nonzero,
    cumprod,
    cumsum,
    diag,
    diagonal,
    erf,
    expm1,
    fix,
    flip,
    fliplr,
    flipud,
    floor,
    fmod,
    frac,
    gather,
    ger,
    histc,
    hstack,
    index_add,
    index_fill,
    index_select,
    isfinite,
    isinf,
    kthvalue,
    lerp,
    log1p,
    log2,
    log10,
    logspace,
    logsumexp,
    masked_fill,
    masked_select,
    median,
    meshgrid,
    mode,
    moveaxis,
    movedim,
    nan_to_num,
    nanmean,
    nansum,
    nonzero,
    outer,
    quantile,
    remainder,
    repeat_interleave,
    roll,
    row_stack,
    scatter,
    scatter_add,
    searchsorted,
    sinh,
    sort,
    split,
    std_mean,
    swapaxes,
    swapdims,
    take,
    tan,
    tile,
    topk,
    trace,
    tril,
    tril_indices,
    triu,
    triu_indices,
    trunc,
    unbind,
    unique,
    var_mean,
    vstack,
)
from minitorch_scalar.tensor import concat, concatenate  # noqa: E402

__all__ += [  # linear algebra
    "addbmm", "addmv", "addr", "adjoint", "baddbmm", "block_diag", "cdist", "chain_matmul", "cholesky",
    "cholesky_inverse", "cholesky_solve", "cross", "det", "dist", "einsum", "inner", "inverse", "kron", "linalg",
    "logdet", "matrix_exp", "matrix_power", "nuclear_norm", "pinverse", "qr", "slogdet", "svd", "tensordot",
    "triangular_solve", "vander", "vdot",
]
from minitorch_scalar import linalg  # noqa: E402 - torch.linalg
from minitorch_scalar.matfuncs import (  # noqa: E402 - einsum, the addmm family, older linalg names
    addbmm,
    addmv,
    addr,
    adjoint,
    baddbmm,
    block_diag,
    cdist,
    chain_matmul,
    cholesky,
    cholesky_inverse,
    cholesky_solve,
    cross,
    det,
    dist,
    einsum,
    inner,
    inverse,
    kron,
    logdet,
    matrix_exp,
    matrix_power,
    nuclear_norm,
    pinverse,
    qr,
    slogdet,
    svd,
    tensordot,
    triangular_solve,
    vander,
    vdot,
)

__all__ += [  # tensor odds and ends and dtype limits
    "addcdiv", "addcmul", "as_strided", "diff", "finfo", "iinfo",
    "logical_and", "logical_not", "logical_or", "logical_xor",
    "nanquantile", "narrow", "narrow_copy", "unique_consecutive",
]
from minitorch_scalar.dtypes import finfo, iinfo  # noqa: E402 - dtype limits
from minitorch_scalar.tensor import (  # noqa: E402 - tensor odds and ends
    addcdiv,
    addcmul,
    as_strided,
    diff,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    nanquantile,
    narrow,
    narrow_copy,
    unique_consecutive,
)

__all__ += [  # elementwise math and shape functions of the Tensor engine
    "is_inference_mode_enabled",
    "trace",
    "fmod",
    "remainder",
    "bmm",
    "broadcast_shapes",
    "broadcast_tensors",
    "diag",
    "diagonal",
    "lerp",
    "count_nonzero",
    "cumprod",
    "histc",
    "index_add",
    "index_fill",
    "isfinite",
    "isinf",
    "logspace",
    "mode",
    "moveaxis",
    "movedim",
    "nan_to_num",
    "nanmean",
    "nansum",
    "quantile",
    "searchsorted",
    "std_mean",
    "swapaxes",
    "swapdims",
    "tile",
    "tril",
    "tril_indices",
    "triu",
    "triu_indices",
    "var_mean",
    "argsort",
    "cumsum",
    "gather",
    "ger",
    "index_select",
    "kthvalue",
    "logsumexp",
    "masked_fill",
    "masked_select",
    "median",
    "nonzero",
    "outer",
    "scatter",
    "scatter_add",
    "sort",
    "take",
    "topk",
    "unique",
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


from minitorch_scalar import special  # noqa: E402 - torch.special
from minitorch_scalar.functional_api import (  # noqa: E402 - special functions, searching, statistics
    bucketize,
    corrcoef,
    cov,
    erfc,
    erfinv,
    isin,
    logit,
    sinc,
    xlogy,
)

__all__ += ["bucketize", "corrcoef", "cov", "erfc", "erfinv", "isin", "logit", "sinc", "special", "xlogy"]
from minitorch_scalar import amp  # noqa: E402 - torch.amp
from minitorch_scalar.amp import autocast, is_autocast_enabled  # noqa: E402

__all__ += ["amp", "autocast", "is_autocast_enabled"]

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
