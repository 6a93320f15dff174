"""Suite-wide settings: Hypothesis profiles. CI runs derandomized so failures reproduce
from the printed example alone; locally, `--hypothesis-profile=dev` explores new inputs."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The over-the-wire schemathesis run is the longest test by far: start it first, so
    that with `-n 2` the rest of the suite runs beside it instead of after it."""
    items.sort(key=lambda item: "test_emulator_over_the_wire" not in item.nodeid)
