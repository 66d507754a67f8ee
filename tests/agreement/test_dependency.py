"""Without numpy, the agreement package says which extra installs it."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_a_missing_numpy_is_reported_with_the_analysis_extra() -> None:
    code = textwrap.dedent("""
        import sys
        sys.modules["numpy"] = None
        import peerlandscape as pl
        try:
            import peerlandscape.agreement
        except pl.MissingDependencyError as error:
            print(error.package, error.extra)
            print(error)
    """)
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "numpy analysis",
        "agreement between coders needs numpy, which is not installed: "
        "pip install 'peerlandscape[analysis]'",
    ]
