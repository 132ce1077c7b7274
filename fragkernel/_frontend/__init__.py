"""What the browser sees: guarded stock ipywidgets controls and fragkernel's own anywidget."""
