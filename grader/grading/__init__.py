"""Stage 3, grading: pytest sessions over the sandbox (``session``, the plugin ``plugin``), the rows
they make (``rows``), ``--jobs N`` (``parallel``), each result staged and signed as it is graded
(``staging``), and ``--shard K/N``'s part of the students (``shard``).

May import: the core modules, notebook, worksheet, discover, sandbox.
"""
