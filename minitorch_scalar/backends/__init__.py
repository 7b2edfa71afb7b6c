"""``torch.backends`` as a CPU-only build answers it.

Seed-everything boilerplate sets ``torch.backends.cudnn.deterministic = True`` and
``torch.backends.cudnn.benchmark = False``, and device pickers ask ``torch.backends.mps.is_available()``:
the flags are plain attributes that can be set (and change nothing: minitorch_scalar's CPU kernels are
deterministic), and no GPU backend is available or built.
"""

from minitorch_scalar.backends import cuda, cudnn, mps

__all__ = ["cuda", "cudnn", "mps"]
