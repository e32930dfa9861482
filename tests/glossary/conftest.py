from __future__ import annotations

from pathlib import Path

import pytest

from tests.glossary.files import FIXTURES


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A copy of the fixture glossary ``base.yaml`` (three entries, comments, flow lists)."""
    p = tmp_path / "names.yaml"
    p.write_bytes((FIXTURES / "base.yaml").read_bytes())
    return p
