"""The README's copy-paste test file runs as it stands, through the installed plugin."""

from __future__ import annotations

import re

import pytest

from tests.paths import ROOT

pytest_plugins = ["pytester"]

USER_FILE = re.compile(r"^```python\n# (test_\w+\.py)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_the_readmes_test_file_passes_as_written(pytester: pytest.Pytester) -> None:
    found = USER_FILE.findall((ROOT / "README.md").read_text())
    assert len(found) == 1, "the README shows one test file for users' CI"
    name, source = found[0]
    pytester.makepyfile(**{name.removesuffix(".py"): source})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=source.count("\ndef test_"))
