"""The `posities` command line: one module per command or family of commands, registered in
`app`, run inside the error boundary of `boundary`; options shared in `options`, printing in
`output`. Each command parses options, calls the core and prints what it returns."""

from posities.cli.app import app, run

__all__ = ["app", "run"]
