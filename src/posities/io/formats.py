"""JSON as every file and report of posities writes it: UTF-8 kept readable (no `\\u` escapes
for letters), a two-space indent, a newline at the end."""

from __future__ import annotations

import json
from typing import Any


def json_text(data: Any) -> str:
    """Data as indented JSON, non-ASCII kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
