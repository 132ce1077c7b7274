"""Turn anything Streamlit's data elements accept into a pandas DataFrame (SPEC D1-D3).

One conversion for the grid, the editor and the charts, so that the same input draws the same
rows everywhere. pandas is imported here, lazily: a notebook that draws no data never pays for it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._errors import FragmentError

if TYPE_CHECKING:
    import pandas as pd


#: Rows drawn of data that is computed lazily (a Dask collection), as Streamlit draws.
UNEVALUATED_ROWS = 10_000


def to_frame(data: Any) -> pd.DataFrame:
    """Return ``data`` as a DataFrame; a copy only where pandas makes one anyway.

    Accepted, as in Streamlit: None (an empty frame), pandas DataFrame / Series / Index /
    Styler, numpy arrays of one or two dimensions, pyarrow Tables and RecordBatches, polars
    (and any object with ``to_pandas()``), objects of the dataframe interchange protocol, a
    mapping (of columns, or of scalars: one row per key), and an iterable of rows, records or
    scalars, and the first :data:`UNEVALUATED_ROWS` rows of a Dask collection. Anything else
    raises a ``FragmentError`` that names the type.
    """
    import pandas as pd

    if data is None:
        return pd.DataFrame()
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pd.Series):
        return data.to_frame()
    if isinstance(data, pd.Index):
        return data.to_frame(index=False)
    styler = sys.modules.get("pandas.io.formats.style")
    if styler is not None and isinstance(data, styler.Styler):
        return data.data
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(data, numpy.ndarray):
        if data.ndim > 2:
            raise FragmentError(
                f"A numpy array of {data.ndim} dimensions cannot be drawn as a table: "
                "pass one or two dimensions."
            )
        return pd.DataFrame(data)
    for method in ("to_pandas", "toPandas"):  # pyarrow, polars, Snowpark, PySpark
        convert = getattr(data, method, None)
        if callable(convert) and not isinstance(data, type):
            frame = convert()
            return frame if isinstance(frame, pd.DataFrame) else to_frame(frame)
    if callable(getattr(data, "compute", None)) and hasattr(data, "npartitions"):
        # A Dask collection may not fit in memory: as Streamlit does, its first rows only.
        head = data.head(UNEVALUATED_ROWS, npartitions=-1, compute=True)
        return to_frame(head)
    if hasattr(data, "__dataframe__"):
        try:
            return pd.api.interchange.from_dataframe(data)
        except Exception as error:
            raise FragmentError(
                f"Cannot draw a {type(data).__name__} as a table: its dataframe interchange "
                f"failed ({error}). Convert it to pandas first."
            ) from error
    if isinstance(data, Mapping):
        values = list(data.values())
        if values and all(_scalar(v) for v in values):
            # {"a": 1, "b": 2}: Streamlit shows one row per key, not a pandas error.
            return pd.DataFrame({"value": values}, index=list(data.keys()))
        return pd.DataFrame(data)
    if isinstance(data, str | bytes) or not isinstance(data, Iterable):
        raise FragmentError(
            f"Cannot draw a {type(data).__name__} as a table: pass a DataFrame, a Series, a "
            "numpy array, a dict of columns, a list of rows or records, or a pyarrow/polars "
            "table."
        )
    rows = list(data)
    if rows and all(_scalar(r) for r in rows):
        return pd.DataFrame({"value": rows})
    return pd.DataFrame(rows)


def _scalar(value: Any) -> bool:
    return isinstance(value, str | bytes | int | float | bool) or value is None


#: Modules whose frames Streamlit's ``write`` draws as a grid (checked by type, not imported).
_FRAME_TYPES = {
    "pandas": ("DataFrame", "Series", "Index", "Styler"),
    "pyarrow": ("Table", "RecordBatch", "Array", "ChunkedArray"),
    "polars": ("DataFrame", "Series"),
    "modin": ("DataFrame", "Series"),
    "dask": ("DataFrame", "Series"),
    "pyspark": ("DataFrame",),
    "snowflake": ("DataFrame", "Table"),
}


def is_dataframe_like(obj: Any) -> bool:
    """Whether ``write`` draws ``obj`` as a grid, as Streamlit's ``st.write`` does.

    Frames, series, indexes and stylers of pandas; numpy arrays of one or two dimensions;
    pyarrow tables, record batches and arrays; polars, modin, dask, PySpark and Snowpark
    frames; a mapping of column names to pandas Series. Lists and dicts of plain values are
    not (``write`` shows them as JSON). Nothing is imported to tell.
    """
    if obj is None or isinstance(obj, str | bytes | int | float | bool | tuple | set | type):
        return False
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(obj, numpy.ndarray):
        return bool(obj.ndim in (1, 2))
    for klass in type(obj).__mro__:
        names = _FRAME_TYPES.get(klass.__module__.split(".")[0])
        if names is not None and klass.__name__ in names:
            return True
    pandas = sys.modules.get("pandas")
    if pandas is not None:
        if isinstance(obj, pandas.api.extensions.ExtensionArray):
            return True
        if (
            isinstance(obj, Mapping)
            and obj
            and all(isinstance(v, pandas.Series) for v in obj.values())
        ):
            return True
    return False


def converts_to_frame(obj: Any) -> bool:
    """Whether ``obj`` offers ``to_pandas()`` or the dataframe interchange protocol."""
    if isinstance(obj, type):
        return False
    return any(callable(getattr(obj, name, None)) for name in ("to_pandas", "__dataframe__"))
