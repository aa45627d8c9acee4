"""Where the kit's folders are. In a student release there is no solutions/."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = ROOT / "assignments"
SOLUTIONS = ROOT / "solutions"
EXAMPLES = ROOT / "examples" / "submissions"
GRADES = ROOT / "grades"
