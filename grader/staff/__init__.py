"""The course staff's tools (never in the student release): files generated from ``solutions/``
(``authoring``), the student release (``release``), Gradescope's autograder (``gradescope``),
the shards' folders merged (``merge``), and ``make bench`` (``bench``, ``bench_others``).

May import: the core modules, notebook, worksheet, discover, sandbox, grading, report, course, runs.
"""
