"""Shared fixtures. Material from ../shared is read in place, never copied; tests that
need it skip with a reason when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = REPO / "corpus" / "samples"
OWN_GOLD = REPO / "corpus" / "gold"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared corpus/bench from ../shared")
    return path


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return shared_path("corpus", "raw")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return shared_path("corpus", "gold")


@pytest.fixture(scope="session")
def nlp():
    import policy_nlp

    return policy_nlp.load()
