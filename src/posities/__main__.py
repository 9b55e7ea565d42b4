"""`python -m posities`: the same command line as the `posities` script."""

from .cli import run

run()
