"""Worksheets (backprop by hand): a worksheet's steps and a student's own numbers (``steps``), a
filled sheet read (``answers``), graded step by step with error carried forward (``grading``),
and a student's own sheet written (``sheet``). No worker: plain arithmetic in the grader.

May import: the core modules, notebook.
"""
