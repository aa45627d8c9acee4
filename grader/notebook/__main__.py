import sys

sys.exit("error: the notebook commands are `python -m grader notebook build|extract|check ...` "
         f"(with .venv/bin/python): run `.venv/bin/python -m grader notebook {' '.join(sys.argv[1:])}`")
