"""``python -m crosswire`` runs the CLI."""

from crosswire.cli import main

main()
