"""A pytest-based grader for neural-network homework: student code runs sandboxed in its own process."""
from .proxy import StudentError
from .wire import Handle, NumpyFunction

__all__ = ["StudentError", "Handle", "NumpyFunction"]
