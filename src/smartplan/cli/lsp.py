"""`smartplan lsp`: the language server on stdin/stdout, for editors (needs the [lsp] extra)."""

from __future__ import annotations

import typer

from smartplan.cli.common import guarded
from smartplan.i18n import N_


@guarded
def lsp() -> None:
    """Run the language server on stdin/stdout: findings as you type, in any LSP editor."""
    from smartplan.lsp import serve

    serve()


def register(app: typer.Typer) -> None:
    app.command(
        help=N_(
            "Run the language server on stdin/stdout: findings as you type, in any LSP editor."
        ),
        epilog=N_(
            "Example: smartplan lsp (started by the editor; README: VS Code and Neovim set-up)"
        ),
    )(lsp)
