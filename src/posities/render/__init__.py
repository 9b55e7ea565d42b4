"""Output: tables, Markdown, JSON and CSV as strings, and Rich renderables for a terminal."""
