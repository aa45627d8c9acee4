"""The sandbox: one process per submission that runs student code, and the grader's handle on
it. The grader's side (``proxy``: calls, limits, statuses judged from outside), the pre-warmed
fork server (``forkserver``) and the inits it makes ahead of time (``inits``), the worker
(``worker``) and what it does to itself (``limits``, ``audit``, ``kernel`` over ``namespaces``,
``cgroup``, ``landlock`` and ``seccomp``), the wire format (``wire``: numbers and
arrays, never pickles), and the clean-up on signals (``lifetime``).

May import: the core modules, notebook, worksheet, discover.
"""
