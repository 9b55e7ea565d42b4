"""Holders: whose stances a register records, by code (NL, EU, US ...), with their names.

A register declares them in `posities.toml`; without one, its own holder is NL and any code
is accepted (`declared` is False).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from posities.model.records import Localized

CODE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\Z")
"""A holder's or actor's code: uppercase letters and digits, as NL, EU, US, G7, UN-HRC."""
MAX_CODE_LENGTH = 16
OWN_DEFAULT = "NL"
CONFIG_FILE = "posities.toml"


@dataclass(frozen=True)
class Holders:
    """The register's own holder and the holders it declares."""

    own: str = OWN_DEFAULT
    names: dict[str, Localized] = field(default_factory=dict)
    declared: bool = False
    """Whether the register declares its holders (a `[holders]` table): then a code that is
    not among them is an error."""

    def knows(self, code: str) -> bool:
        """Whether `code` may be used: declared, or any code when none are declared."""
        return not self.declared or code in self.names

    def name(self, code: str, lang: str) -> str:
        """The holder's name in `lang`, or its code when the register gives no name."""
        named = self.names.get(code)
        return named.get(lang) if named is not None else code


DEFAULT = Holders()
