"""Run the README's Quick start, verbatim, in a clean clone with the machine's own Python.

CI's main run uses its own virtual environment; this proves what a newcomer does works:
both fenced commands of the README's "Quick start", in a fresh clone of the committed tree,
with only the system's ``python3`` on PATH (Debian's, which refuses ``pip install``
outside a virtual environment), first to last. The clone sits beside the repository, so
the tests find ``../shared`` as they do in the main run.

Usage: ``python3 .ci/quickstart.py`` from anywhere in the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PATH = "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin"


def quick_start_commands(readme: str) -> list[str]:
    """Return the fenced ``sh`` commands of the README's Quick start, in order."""
    match = re.search(r"^## Quick start\n(.*?)(?=^## )", readme, re.MULTILINE | re.DOTALL)
    if match is None:
        raise SystemExit("README.md has no '## Quick start' section")
    commands = re.findall(r"^```sh\n(.*?)^```", match.group(1), re.MULTILINE | re.DOTALL)
    if len(commands) != 2:  # noqa: PLR2004 - the brief promises exactly two
        raise SystemExit(f"the Quick start should have two commands, found {len(commands)}")
    return [command.strip() for command in commands]


def main() -> int:
    """Clone, run each command, and say what happened."""
    commands = quick_start_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    clone = ROOT.parent / f"{ROOT.name}-quickstart"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYENV", "VIRTUAL_ENV", "PYTHON"))
    }
    env["PATH"] = SYSTEM_PATH
    python = shutil.which("python3", path=SYSTEM_PATH)
    version = subprocess.run(
        [python or "python3", "--version"], capture_output=True, text=True, env=env, check=False
    ).stdout.strip()
    print(f"clean clone: {clone}\nsystem Python: {python} ({version})", flush=True)
    try:
        for command in commands:
            print(f"\n$ {command}", flush=True)
            done = subprocess.run(["bash", "-c", command], cwd=clone, env=env, check=False)
            if done.returncode != 0:
                print(f"Quick start command failed (exit {done.returncode}): {command}")
                return done.returncode
    finally:
        shutil.rmtree(clone, ignore_errors=True)
    print("\nBoth Quick start commands passed in a clean clone with the system Python.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
