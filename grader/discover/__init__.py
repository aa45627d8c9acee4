"""Stages 1 and 2, discovery and resolution: the entries of a submissions folder (folders, zips,
collected repositories) as ``source.StudentSource`` or a reason (``submissions``), and what each
module of a submission is graded as: its file or the notebook's cells (``resolve``).

May import: the core modules, notebook, worksheet.
"""
