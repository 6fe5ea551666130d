"""The portfolio's tables: as a mentor reads it, headers and cells in the reader's language
(short rupiah, decimal commas, coverage as n/18), shared by every format that shows it; and as
data (`table`: stable columns for csv, json and the workbook)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartplan.report.export import Cell, Table
from smartplan.report.formatting import rupiah_short

if TYPE_CHECKING:
    from smartplan.report.cohort import Row


HEADER_KEYS = (
    "pf_region",
    "pf_province",
    "pf_stage",
    "pf_cohort",
    "pf_programs",
    "pf_quick_wins",
    "pf_elements",
    "pf_budget",
    "pf_errors",
    "pf_warnings",
    "pf_index",
)


def headers(lang: str = "id") -> list[str]:
    from smartplan.report.labels import catalogue

    words = catalogue(lang)
    return [words[key] for key in HEADER_KEYS]


def problems(rows: list[Row]) -> list[str]:
    """What made a plan unreadable, one line per plan, under the table."""
    return [row.problem for row in rows if row.problem]


def _not_recorded(lang: str) -> str:
    from smartplan.report.labels import catalogue

    return catalogue(lang)["not_recorded"]


def no_data(lang: str) -> str:
    from smartplan.report.labels import catalogue

    return catalogue(lang)["no_data"]


def repeated(rows: list[Row]) -> frozenset[str]:
    """Region names that more than one row carries (two versions of a plan, a copy)."""
    seen: dict[str, int] = {}
    for row in rows:
        if not row.problem:
            seen[row.region] = seen.get(row.region, 0) + 1
    return frozenset(name for name, count in seen.items() if count > 1)


def _budget(row: Row, lang: str) -> str:
    """Rupiah; "tidak tercatat" when the plan says its budgets were not recorded; else "belum
    ada data" when no programme has a budget line (missing is not zero)."""
    if row.budget is not None and row.partly("programs.budget"):
        from smartplan.report.labels import catalogue

        return f"{rupiah_short(row.budget)} ({catalogue(lang)['partly_recorded']})"
    if row.budget is not None:
        return rupiah_short(row.budget)
    return no_data(lang) if row.budget_recorded else _not_recorded(lang)


def _index(row: Row, lang: str) -> str:
    """The latest index (the published score where recorded), the computed one beside it when
    they differ, then its change, or "method changed" when the two methods differ (SPEC §10)."""
    from smartplan.report.labels import catalogue

    if row.index is None:
        return "–"
    words = catalogue(lang)
    index = _decimal(f"{row.index:.2f}")
    if row.index_computed is not None:
        index += f" ({words['computed_index']} {_decimal(f'{row.index_computed:.2f}')})"
    if row.index_method_changed:
        index += f" ({words['method_changed']})"
    elif row.index_change is not None:
        index += f" ({_decimal(f'{row.index_change:+.2f}')})"
    return index


def _decimal(number: str) -> str:
    return number.replace(".", ",")  # the table's decimal comma, as every cell of it


def _count(row: Row, path: str, value: int | str | None, lang: str) -> str:
    """A count as a mentor reads it: *tidak tercatat* when unknown (never 0 or 0/18), marked
    *sebagian tercatat* when the plan holds the section in part (SPEC §10)."""
    from smartplan.report.labels import catalogue

    words = catalogue(lang)
    if value is None:
        return words["not_recorded"]
    if row.partly(path):
        return f"{value} ({words['partly_recorded']})"
    return str(value)


def cells(row: Row, lang: str = "id", repeats: frozenset[str] = frozenset()) -> list[str]:
    """A row as a mentor reads it: short rupiah, decimal commas, coverage as n/18; a region
    whose name is in `repeats` (see `repeated`) is told apart by its plan's path."""
    if row.problem:
        from smartplan.report.labels import catalogue

        return [
            row.path,
            catalogue(lang)["pf_unreadable"],
            "–",
            "–",
            "–",
            "–",
            "–",
            "–",
            str(row.errors or 1),
            "–",
            "–",
        ]
    coverage: str | None = "–"
    if row.elements_total:
        known = row.elements_covered is not None
        coverage = f"{row.elements_covered}/{row.elements_total}" if known else None
    index = _index(row, lang)
    region = row.region
    if row.region in repeats:
        region = f"{row.region} ({row.path})"
    if row.replaces:  # a revision (SPEC §10): the plan it replaces is not counted
        from smartplan.report.labels import catalogue

        region += f" ({catalogue(lang)['pf_replaces'].format(plan=row.replaces)})"
    return [
        region,
        row.province,
        str(row.stage or "–"),
        str(row.cohort or "–"),
        _count(row, "programs", row.programs, lang),
        _count(row, "programs.quick_win", row.quick_wins, lang),
        _count(row, "programs.element", coverage, lang),
        _budget(row, lang),
        str(row.errors),
        str(row.warnings),
        index,
    ]


def table(rows: list[Row]) -> Table:
    """Stable columns: the dimensions of the kominfo-2017 framework first, then any others."""
    known = ["governance", "branding", "economy", "living", "society", "environment"]
    extra = sorted({d for r in rows for d in r.per_dimension} - set(known))
    dimensions = known + extra
    columns = (
        "region",
        "kind",
        "province",
        "cohort",
        "stage",
        "period",
        "programs",
        *dimensions,
        "quick_wins",
        "elements",
        "budget_total",
        "errors",
        "warnings",
        "eval_year",
        "eval_index",
        "eval_change",
        "eval_computed",
        "eval_method_changed",
        "path",
        "problem",
        "quick_win_years",
        "not_recorded",
        "replaces",
        "partly_recorded",
    )
    body: list[tuple[Cell, ...]] = []
    for r in rows:
        coverage = (
            f"{r.elements_covered}/{r.elements_total}"
            if r.elements_total and r.elements_covered is not None
            else None
        )
        dimension_unknown = r.unknown("programs.dimension") and not r.problem
        body.append(
            (
                r.region,
                r.kind,
                r.province,
                r.cohort,
                r.stage,
                r.period,
                r.programs,
                *(None if dimension_unknown else r.per_dimension.get(d, 0) for d in dimensions),
                r.quick_wins,
                coverage,
                r.budget,
                r.errors,
                r.warnings,
                r.index_year,
                r.index,
                r.index_change,
                r.index_computed,
                r.index_method_changed,
                r.path,
                r.problem,
                ";".join(f"{year}:{count}" for year, count in r.quick_win_years.items()),
                ";".join(r.not_recorded),
                r.replaces,
                ";".join(r.partly_recorded),
            )
        )
    return Table(columns, tuple(body))
