"""Whether a rerun passed the same data again, cheaply enough for every rerun (SPEC D1, D3).

The grid and the charts send a frame's rows once: a rerun that passes the same frame (the
same object, or an equal copy such as a cached result) sends nothing for it. A
:class:`Fingerprint` (shape, labels, dtypes and a sampled hash) tells most changes at once;
:class:`SameData` adds a full content hash where the fingerprint cannot tell.

pandas and numpy are imported inside functions: a notebook that draws no data never pays
for them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: Frames up to this many rows are hashed in full on each rerun; longer ones by a sample.
FULL_HASH_ROWS = 50_000
#: Rows of a long frame that its sampled hash reads (evenly spaced, first and last included).
SAMPLE_ROWS = 2_048


@dataclass(frozen=True)
class Fingerprint:
    """What tells a frame from another cheaply: shape, labels, dtypes and a sampled hash."""

    shape: tuple[int, int]
    labels: str
    sample: bytes

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Fingerprint:
        """The fingerprint of ``frame``: reads at most :data:`SAMPLE_ROWS` rows."""
        labels = repr((list(frame.columns), [str(t) for t in frame.dtypes], frame.index.names))
        return cls(frame.shape, labels, _hash(_sample(frame)))


def _sample(frame: pd.DataFrame) -> pd.DataFrame:
    import numpy as np

    rows = len(frame)
    if rows <= SAMPLE_ROWS:
        return frame
    return frame.iloc[np.unique(np.linspace(0, rows - 1, SAMPLE_ROWS).astype(np.int64))]


def _hash(frame: pd.DataFrame) -> bytes:
    """A content hash of ``frame`` (index included); cells pandas cannot hash go by repr."""
    import hashlib

    import pandas as pd

    digest = hashlib.blake2b(digest_size=16)
    try:
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    except TypeError:  # unhashable cells (lists, dicts): their text
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=True).to_numpy())
        digest.update(repr(list(frame.index)).encode())
    return digest.digest()


class SameData:
    """A frame as it was last sent, to tell whether a rerun passes the same data again."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.rows = len(frame)
        self.fingerprint = Fingerprint.of(frame)
        # A short frame is hashed now: a change made in place before the next run is then seen.
        self._full_hash: bytes | None = _hash(frame) if self.rows <= FULL_HASH_ROWS else None

    @classmethod
    def of(cls, data: Any) -> SameData | None:
        """The memo of ``data`` if it is a pandas frame (other data is not fingerprinted)."""
        pandas = sys.modules.get("pandas")
        if pandas is None or not isinstance(data, pandas.DataFrame):
            return None
        return cls(data)

    def same_data(self, frame: Any) -> bool:
        """Whether ``frame`` holds the data this memo saw: then a rerun sends nothing for it.

        Same shape, labels, dtypes and sampled hash; then the same object (short frames
        are hashed in full even then, to see a change made in place), or, for another
        object (a cached result is a fresh copy on each run), the same full hash.
        """
        pandas = sys.modules.get("pandas")
        if pandas is None or not isinstance(frame, pandas.DataFrame):
            return False
        if Fingerprint.of(frame) != self.fingerprint:
            return False
        if frame is self.frame and self.rows > FULL_HASH_ROWS:
            return True
        if self._full_hash is None:
            self._full_hash = _hash(self.frame)
        if frame is self.frame:  # hashed in full above: compare with a fresh hash
            fresh = _hash(frame)
            same = fresh == self._full_hash
            self._full_hash = fresh
            return same
        return _hash(frame) == self._full_hash
