"""The `parser` fixture: a test that uses it runs twice, with libyaml's parser and with PyYAML's
own, which reads when PyYAML was built without libyaml."""

from __future__ import annotations

import pytest

from posities.io import yamlwalk


@pytest.fixture(params=["libyaml", "pyyaml"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The parser the walker reads with in this test: "libyaml" or "pyyaml"."""
    if request.param == "pyyaml":
        monkeypatch.setattr(yamlwalk, "C_PARSER", None)
    elif yamlwalk.C_PARSER is None:
        pytest.skip("this PyYAML has no libyaml")
    return str(request.param)
