"""Stage 5, the report: a run's results as the files people and platforms read: the table,
scores, feedback and results.json (``report``), the class-wide files (``summary``, with its Needs
attention in ``attention``), the progress
of a run (``progress``), and GitHub Classroom's runner result (``classroom``).

May import: the core modules, notebook, worksheet, discover, sandbox, grading.
"""
