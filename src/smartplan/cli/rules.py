"""`smartplan rules`: the rule registry, listed or explained."""

from __future__ import annotations

import typer

from smartplan.cli.common import Lang, guarded, lang_option, write
from smartplan.i18n import N_, _


@guarded
def rules(
    rule: str | None = typer.Argument(None, help=N_("A rule id to explain.")),
    markdown: bool = typer.Option(
        False, "--markdown", help=N_("All rules as Markdown (docs/rules.md).")
    ),
    lang: Lang | None = lang_option(),
) -> None:
    """List the lint rules, or explain one with a bad and a good example."""
    from smartplan.check.plan import check_rule_ids
    from smartplan.rules import RULES

    if markdown:
        from smartplan.rules.reference import rules_markdown

        write(rules_markdown(RULES))
        return
    from smartplan.rules.reference import SEVERITY

    if rule is None:
        width = max(map(len, RULES))
        levels = {name: _(word) for name, word in SEVERITY.items()}
        pad = max(map(len, levels.values()))
        write(
            "".join(
                f"{r.id:<{width}}  {levels[r.severity.label]:<{pad}}  {r.summary}\n"
                for r in RULES.values()
            )
        )
        return
    check_rule_ids([rule])
    found = RULES[rule]
    head = _(
        "{rule} ({severity} by default)", rule=found.id, severity=_(SEVERITY[found.severity.label])
    )
    write(f"{head}\n\n{found.summary}\n\n{found.explanation}\n")


def register(app: typer.Typer) -> None:
    app.command(
        help=N_("List the lint rules, or explain one with a bad and a good example."),
        epilog=N_("Example: smartplan rules horizon-window"),
    )(rules)
