"""Small builders of REFI-QDA documents for the tests."""

from __future__ import annotations

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


def project_xml(body: str = "", *, namespace: str = PROJECT_NS, attributes: str = "") -> str:
    """A minimal project document around ``body``."""
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project{xmlns} name="test project" {attributes}>{body}</Project>'
    )


def codebook_xml(body: str = "", *, namespace: str = CODEBOOK_NS) -> str:
    """A minimal codebook document around ``body``."""
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    return f'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook{xmlns}>{body}</CodeBook>'
