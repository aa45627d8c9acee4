"""A grading run, the pipeline end to end for one output folder: discover, grade, the course,
report (``run``), and what a run owes the earlier grades there (``previous``).

May import: the core modules, notebook, worksheet, discover, sandbox, grading, report, course.
"""
