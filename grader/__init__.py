"""A pytest-based grader for neural-network homework: student code runs sandboxed in its own process."""

__version__ = "0.1.0"  # the same as pyproject.toml's (a kit test checks)

__all__ = ["StudentError", "Handle", "NumpyFunction"]


def __getattr__(name):
    # Lazy, so that `python -m grader.requirements` runs before NumPy is installed.
    if name == "StudentError":
        from .sandbox.proxy import StudentError
        return StudentError
    if name in ("Handle", "NumpyFunction"):
        from .sandbox import wire
        return getattr(wire, name)
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
