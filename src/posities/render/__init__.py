"""Output: tables, Markdown, JSON and CSV as strings, and Rich renderables for a terminal;
and `Format`, the one enum of every output format any command writes (each command declares
the members it supports), kept here so that naming a format loads nothing else."""

import enum


class Format(enum.StrEnum):
    """An output format, as `--format` names it."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    CSV = "csv"
    GITHUB = "github"
    """GitHub Actions workflow annotations (`check` only)."""
    HTML = "html"
    """One self-contained HTML document, or with `--fragment` its table and notes alone."""
    DOCX = "docx"
    """A Word document, written to the file `-o` names."""
    SVG = "svg"
    """A picture for a memo (matrix and timeline): one standalone SVG 1.1 document."""
    XLSX = "xlsx"
    """A spreadsheet (one sheet, a filter on every column), written to the file `-o` names."""
