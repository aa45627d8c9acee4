"""Stage 4, the course (staff only: not in the student release): ``course.yaml`` read and checked
(``course``), a run's results under it (``grades``: roster, missing rows, overrides, late
penalty), the LMS exports and the course sheet (``export``), and the similarity report
(``similarity``).

May import: the core modules, notebook, worksheet, discover, sandbox, grading, report.
"""
