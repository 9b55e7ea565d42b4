"""`python -m posities`: the same command line as the `posities` script."""

from posities.cli import run

run()
