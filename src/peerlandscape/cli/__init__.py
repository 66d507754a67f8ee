"""The ``peerlandscape`` command line."""


def main() -> None:
    """Run the CLI."""
