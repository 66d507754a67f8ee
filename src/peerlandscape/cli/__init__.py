"""The ``peerlandscape`` command line.

One module per command (``_summary.py``, ...), the group that gathers them in
``_app.py``, and what every command shares (the optional study ``PATH``, the
output formats, the one-line error report) in ``_common.py``.

Examples
--------
>>> from click.testing import CliRunner
>>> from peerlandscape.cli import main
>>> result = CliRunner().invoke(main, ["--help"])
>>> result.exit_code, "summary" in result.output
(0, True)
"""

from peerlandscape.cli._app import main

__all__ = ["main"]
