"""Errors raised by fragkernel, and the control-flow signals of a run."""

from __future__ import annotations


class FragkernelError(Exception):
    """Base class of every error fragkernel raises on purpose."""


class FragmentError(FragkernelError):
    """A fragment was used in a way fragments do not allow (SPEC F7, F10)."""


class DuplicateWidgetID(FragkernelError):
    """Two widgets of one run share an identity (SPEC F4): pass ``key=`` to tell them apart."""


class StreamlitAPIException(FragkernelError):
    """A Streamlit API rule was broken, for example setting a button's state (SPEC S2)."""


class _RunSignal(BaseException):
    """Ends a run early. A BaseException, so that a bare ``except Exception`` does not eat it."""


class StopRun(_RunSignal):
    """Raised by :func:`fragkernel.stop` to end the current run quietly (SPEC F12)."""


class RerunRequest(_RunSignal):
    """Raised by :func:`fragkernel.rerun` to end the current run and start it again (SPEC F10)."""

    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope
