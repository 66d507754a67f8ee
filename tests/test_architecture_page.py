"""The maintainers' map of modules (docs/architecture.md) is drawn from the code, never stale."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("architecture", ROOT / "docs" / "architecture.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("architecture", module)
    spec.loader.exec_module(module)
    return module


def test_the_page_is_what_the_script_writes_from_the_code() -> None:
    committed = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert committed == _script().render(), "run: python docs/architecture.py"


def test_every_module_of_the_package_is_on_the_page() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "peerlandscape"
    for module in package.rglob("*.py"):
        if "__pycache__" in module.parts:
            continue
        dotted = module.parent.relative_to(package.parent).as_posix().replace("/", ".")
        assert f"## `{dotted}`" in page
        assert f"| `{module.stem}` |" in page
