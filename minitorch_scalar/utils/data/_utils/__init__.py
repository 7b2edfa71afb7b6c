"""``torch.utils.data._utils``: the collate helpers live in :mod:`.collate` (custom collate functions import them)."""

from minitorch_scalar.utils.data._utils import collate

__all__ = ["collate"]
