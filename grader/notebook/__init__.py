"""Notebooks: a submitted notebook split into its modules' cells (``read``, nothing run in the grader;
a notebook of an older nbformat upgraded, one of another language refused: ``formats``), the cells
run one by one in the student's worker as Jupyter runs them (``runtime``), an assignment written as
a notebook (``build``), and ``grader.check()`` in a notebook (``check``).

May import: the core modules (grader/*.py) only.
"""
