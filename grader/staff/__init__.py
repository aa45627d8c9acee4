"""The course staff's tools (never in the student release): files generated from ``solutions/``
(``authoring``), a new assignment to edit (``scaffold``, its templates in ``new_assignment/``),
the student release (``release``), Gradescope's autograder (``gradescope``), the shards' folders
merged (``merge``), each student's feedback sent outside Gradescope (``delivery``, Moodle's
feedback zip: ``moodle``), and ``make bench`` (``bench``, ``bench_others``).

May import: the core modules, notebook, worksheet, discover, sandbox, grading, report, course, runs.
"""
