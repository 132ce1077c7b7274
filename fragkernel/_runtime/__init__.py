"""The runtime: fragments, their runs and areas, reruns, session state and the notebook's cells.

Nothing here knows any particular element; the element catalogue (:mod:`fragkernel._elements`)
is built on :mod:`.placement` (where an element goes) and :mod:`.slots` (a widget's identity,
parameters and value across runs).
"""
