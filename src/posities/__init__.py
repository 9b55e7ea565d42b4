"""posities: a register of a government's positions on foreign decisions, kept as YAML files."""

__version__ = "0.1.0"
