"""``python -m checker``: the command line."""

from checker.cli import main

main()
