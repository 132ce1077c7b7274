"""Adapters to other libraries, loaded only once the user has imported the library.

fragkernel never imports Dask (or any other engine) itself: :func:`load` looks for the
library among the modules already imported, and only then imports fragkernel's adapter for it
and installs it. It is called before each async run starts, so a library imported in an
earlier cell, or earlier in the same cell, is followed from that run on.
"""

from __future__ import annotations

import importlib
import sys

#: The library's top-level module, and fragkernel's adapter for it (a module with ``install()``).
ADAPTERS = {"distributed": "fragkernel._runtime.distributed"}
_loaded: set[str] = set()


def load() -> None:
    """Install the adapter of every library in :data:`ADAPTERS` that the user has imported."""
    for library, adapter in ADAPTERS.items():
        if library in sys.modules and library not in _loaded:
            _loaded.add(library)
            importlib.import_module(adapter).install()
