"""`python -m smartplan` runs the same CLI as the `smartplan` script."""

from smartplan.cli import main

main()
