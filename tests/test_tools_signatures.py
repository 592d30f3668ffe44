"""tools/check_signatures.py: services and selectors take keyword-only arguments after the subject."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "check_signatures.py"

GOOD = """
def create_widget(*, name: str, size: int = 1) -> None: ...


def widget_for(owner, *, colour: str = "blue"): ...


def _helper(a, b, c): ...  # private: not checked
"""

BAD = """
def paint_widget(widget, colour, *, shade=None): ...


class Palette:
    def mix(self, a, b): ...  # a method: not checked


async def fetch_widgets(owner, *ids): ...  # *ids takes positions too
"""


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args], capture_output=True, text=True, check=False
    )


def tree(tmp_path: Path, *, bad: bool) -> Path:
    app = tmp_path / "events"
    app.mkdir()
    (app / "services.py").write_text(GOOD)
    (app / "selectors.py").write_text(BAD if bad else GOOD)
    (app / "views.py").write_text(BAD)  # not a service or selector module: not checked
    return tmp_path


def test_reports_positional_parameters_after_the_subject(tmp_path):
    proc = run(tree(tmp_path, bad=True))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "events/selectors.py:2 paint_widget(widget, colour, *, shade=None)",
        "events/selectors.py:9 fetch_widgets(owner, *ids)",
        "signatures: 4 public functions in 2 modules, 2 violations",
    ]


def test_keyword_only_modules_pass_and_list_shows_every_function(tmp_path):
    root = tree(tmp_path, bad=False)
    assert run(root).returncode == 0
    proc = run(root, "--list")
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        "events/selectors.py:2 create_widget(*, name: str, size: int=1)  OK",
        "events/selectors.py:5 widget_for(owner, *, colour: str='blue')  OK",
        "events/services.py:2 create_widget(*, name: str, size: int=1)  OK",
        "events/services.py:5 widget_for(owner, *, colour: str='blue')  OK",
        "signatures: 4 public functions in 2 modules, 0 violations",
    ]
