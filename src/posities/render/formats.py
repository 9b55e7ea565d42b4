"""The output formats: one enum of every format any command writes, so that a format has one
name everywhere; each command declares the members it supports."""

import enum


class Format(enum.StrEnum):
    """An output format, as `--format` names it."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    GITHUB = "github"
    """GitHub Actions workflow annotations (`check` only)."""
