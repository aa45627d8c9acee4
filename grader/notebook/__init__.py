"""Notebooks: a submitted notebook rebuilt into modules (``read``, nothing run), an assignment
written as a notebook (``build``), and ``grader.check()`` in a notebook (``check``).

May import: the core modules (grader/*.py) only.
"""
