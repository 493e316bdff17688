"""``python -m checker.training``: the same as ``checker train-nli``, without typer."""

from checker.training.cli import main

main()
