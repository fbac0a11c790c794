"""Every numbered example runs offline, as a newcomer would run it."""

import pytest

from tests.helpers import ROOT, run_python

SCRIPTS = sorted((ROOT / "examples").glob("[0-9][0-9]_*.py"))


def test_examples_exist():
    assert len(SCRIPTS) >= 3


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_runs(script):
    result = run_python(str(script))
    assert result.stdout.strip()
