"""Data for the data elements (grid, editor, charts): conversion of what users pass."""
