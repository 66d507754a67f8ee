"""Built-in datasets: published studies encoded as peerlandscape studies.

Each dataset ships as a JSON study document inside the package and is read
and validated, like any user document, every time it is loaded.
"""

from peerlandscape import _public
from peerlandscape.datasets._engdahl2025 import engdahl2025

__all__ = ["engdahl2025"]

_public.publish(__name__)
