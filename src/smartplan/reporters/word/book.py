"""The masterplan book as a Word document, section by section as templates/masterplan.html lays
it out: the same view model, the same labels, the same facts."""

from __future__ import annotations

from typing import Any

from smartplan.reporters.word import blocks as b
from smartplan.reporters.word.document import Word

T = dict[str, str]


def masterplan(w: Word, plan: Any, t: T) -> None:
    b.cover(w, plan, t, t["title_masterplan"])
    sections = [
        (t["profile"], _profile), (t["vision_missions"], _vision),
        (t["readiness_swot"], _readiness), (t["dimensions"], _dimensions),
        (t["roadmap"], _roadmap), (t["budget"], _budget), (t["quick_wins"], _quick_wins),
        (t["regulations"], _regulations), (t["team"], _team), (t["commitment"], _commitment),
    ]  # fmt: skip
    entries = []
    for number, (title, _) in enumerate(sections, start=1):
        entries.append((1, f"{number}. {title}"))
        if title == t["dimensions"]:
            entries += [(2, f"{number}.{i} {d.label}") for i, d in enumerate(plan.dimensions, 1)]
    w.page_break()
    w.contents(t["contents"], entries, t["toc_hint"])
    for number, (title, write) in enumerate(sections, start=1):
        if number in (1, 4, 5):
            w.page_break()
        w.heading(f"{number}. {title}", 1)
        write(w, plan, t)


def _profile(w: Word, plan: Any, t: T) -> None:
    region = plan.region
    rows = [[t["region"], region.name + (f" ({region.kind_label})" if region.kind_label else "")]]
    rows += [[label, value] for label, value in (
        (t["province"], region.province), (t["region_code"], region.code),
        (t["cohort"], region.cohort)) if value]  # fmt: skip
    rows += [
        [t["period"], plan.period_text],
        [t["stage"], plan.stage],
        [t["framework"], plan.framework],
        [t["programs_count"], plan.programs_line],
        [t["budget_total"], _budget_total(plan, t)],
    ]
    if plan.funding:
        rows.append([t["funding"], ", ".join(plan.funding)])
    rows += [[fact.label, fact.value] for fact in plan.profile_facts]
    w.table(None, rows, widths=[50, 115])
    if plan.not_recorded:
        w.paragraph(f"{t['not_recorded_note']}: {', '.join(plan.not_recorded)}.", muted=True)
    if plan.partly_recorded:
        note = f"{t['partly_recorded_note']}: {', '.join(plan.partly_recorded)}."
        w.paragraph(note, muted=True)
    if plan.bimtek:
        w.heading(t["bimtek"], 2)
        told = any(s.participants or s.note for s in plan.bimtek)  # columns as the HTML has
        w.table(
            [t["stage"], t["date"], t["place"], t["agenda"], t["outputs"]]
            + ([t["participants"], t["note"]] if told else []),
            [
                [s.stage, s.dates_text, s.place, "; ".join(s.agenda), "; ".join(s.outputs)]
                + (["; ".join(s.participants), s.note] if told else [])
                for s in plan.bimtek
            ],
        )
    b.ratings_table(w, t, plan.ratings)


def _budget_total(plan: Any, t: T) -> str:
    """The total as the HTML profile gives it: not recorded dominates partly recorded."""
    if plan.missing("programs.budget"):
        if not plan.budget.rows:
            return t["not_recorded"]
        return f"{plan.budget.total_text} ({t['not_recorded']})"
    if plan.partly("programs.budget"):
        return f"{plan.budget.total_text} ({t['partly_recorded']})"
    return str(plan.budget.total_text)


def _none(plan: Any, t: T, path: str) -> str:
    """What an empty section says: *tidak tercatat* when the plan lists it as not recorded."""
    return t["not_recorded"] if plan.missing(path) else t["none"]


def _vision(w: Word, plan: Any, t: T) -> None:
    w.heading(t["vision"], 2)
    if plan.vision:
        w.paragraph(plan.vision)
    else:
        w.paragraph(_none(plan, t, "vision"), muted=True)
    w.heading(t["missions"], 2)
    w.items(plan.missions, _none(plan, t, "missions"), numbered=True)


def _readiness(w: Word, plan: Any, t: T) -> None:
    w.heading(t["readiness"], 2)
    if plan.readiness:
        rows = [
            [a.label, a.rating_label, "\n".join(f"• {i}" for i in a.items) or t["none"]]
            for a in plan.readiness
        ]
        w.table([t["readiness"], t["rating"], t["findings"]], rows, widths=[35, 25, 105])
        for aspect in plan.readiness:
            if aspect.gaps:
                w.heading(f"{t['gaps']} — {aspect.label}", 4)
                w.items(aspect.gaps, t["none"])
        for aspect in plan.readiness:
            if aspect.swot:
                w.heading(f"{t['swot']} — {aspect.label}", 4)
                for quadrant in aspect.swot:
                    w.paragraph(bold=quadrant.label)
                    w.items(quadrant.items, t["none"])
    else:
        w.paragraph(_none(plan, t, "readiness"), muted=True)
    w.heading(t["swot"], 2)
    if not plan.swot:
        w.paragraph(_none(plan, t, "swot"), muted=True)
    for quadrant in plan.swot:
        w.heading(quadrant.label, 4)
        w.items(quadrant.items, t["none"])


def _dimensions(w: Word, plan: Any, t: T) -> None:
    b.dimension_bars(w, plan, t)
    for number, d in enumerate(plan.dimensions, start=1):
        w.heading(f"4.{number} {d.label}", 2)
        if d.description:
            w.paragraph(d.description, muted=True)
        unknown = f"dimensions.{d.id}."
        if d.goal:
            w.paragraph(d.goal, bold=f"{t['goal']}: ")
        elif plan.missing(unknown + "goal") or plan.missing("dimensions.goal"):
            w.paragraph(t["not_recorded"], bold=f"{t['goal']}: ", muted=True)
        if d.issues or d.strategy:
            w.heading(t["issues"], 4)
            w.items(d.issues, t["none"])
            w.heading(t["strategy"], 4)
            if d.strategy:
                w.items(d.strategy, t["none"])
            elif plan.missing(unknown + "strategy") or plan.missing("dimensions.strategy"):
                w.paragraph(t["not_recorded"], muted=True)
        if d.indicators:
            w.heading(t["city_indicators"], 4)
            b.indicator_table(w, t, d.indicators)
        for element in d.elements:
            if element.programs:
                w.heading(f"{t['element']}: {element.label}", 4)
                b.program_table(w, t, plan, element.programs)
        if d.also_programs:
            also = "; ".join(f"{p.id} {p.name} ({p.dimension_label})" for p in d.also_programs)
            w.paragraph(also, bold=f"{t['also_dimensions']}: ")
        if not d.programs:
            w.paragraph(t["none"], muted=True)


def _roadmap(w: Word, plan: Any, t: T) -> None:
    b.gantt(w, plan, t)
    if plan.roadmap.rows and plan.roadmap.years:  # the note explains a drawn chart
        marks = any(r.program.milestones for r in plan.roadmap.rows) or any(
            p.start is None for p in plan.quick_wins
        )
        note = t["roadmap_note"] + (f" {t['roadmap_marks_note']}" if marks else "")
        w.paragraph(note, muted=True)
    marked = [p for p in plan.programs if p.milestones]
    if marked:
        w.heading(f"◆ {t['milestones']}", 2)
        w.items(
            [
                f"{p.id} {p.name} — {m.date_text or m.year}: {m.milestone}"
                for p in marked
                for m in p.milestones
            ],
            t["none"],
        )
    if plan.roadmap.undated:  # nothing to draw in any year: named apart, as the HTML does
        w.heading(t["undated_programs"], 2)
        w.items([_undated(p, t) for p in plan.roadmap.undated], t["none"])


def _undated(p: Any, t: T) -> str:
    return f"{p.id} {p.name}" + (f" ★ {t['quick_win_marker']}" if p.quick_win else "")


def _budget(w: Word, plan: Any, t: T) -> None:
    if plan.budget.rows and plan.budget.total > 0:
        w.paragraph(t["budget_note"], muted=True)
    b.budget_table(w, t, plan, plan.budget)


def _quick_wins(w: Word, plan: Any, t: T) -> None:
    if plan.quick_wins:
        for group in plan.quick_win_years:
            w.heading(group.heading, 2)
            b.program_table(w, t, plan, group.programs, dimension=True)
    else:
        w.paragraph(plan.no_quick_wins, muted=True)


def _regulations(w: Word, plan: Any, t: T) -> None:
    if not plan.regulations:
        w.paragraph(t["none"], muted=True)
        return
    w.table(
        [t["kind"], t["number"], t["year"], t["title"], t["status"]],
        [[r.kind_label, r.number, r.year, r.title, r.status_label] for r in plan.regulations],
    )


def _team(w: Word, plan: Any, t: T) -> None:
    groups = [("council", plan.council), ("implementers", plan.implementers)]
    if plan.forum or plan.missing("team.forum"):
        groups.append(("forum", plan.forum))
    for key, people in groups:
        w.heading(t[key], 2)
        if not people and plan.missing(f"team.{key}"):
            w.paragraph(t["not_recorded"], muted=True)
        else:
            b.people_table(w, t, people, t["role"])


def _commitment(w: Word, plan: Any, t: T) -> None:
    c = plan.commitment
    if c is None:
        w.paragraph(_none(plan, t, "commitment"), muted=True)
    else:
        _signed(w, c, t)
    if plan.agreements:
        w.heading(t["agreements"], 2)
        w.table(
            [t["kind"], t["date"], t["number"], t["parties"], t["title"]],
            [[a.kind_label, a.date_text, a.number, "; ".join(a.parties), a.title]
             for a in plan.agreements],
        )  # fmt: skip


def _signed(w: Word, c: Any, t: T) -> None:
    for label, value in (
        (t["date"], c.date_text),
        (t["place"], c.place),
        (t["document"], c.document),
    ):
        if value:
            w.paragraph(value, bold=f"{label}: ")
    w.heading(t["signatories"], 2)
    b.people_table(w, t, c.signatories, t["position"])
