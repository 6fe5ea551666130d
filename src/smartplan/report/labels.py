"""The one catalogue of report labels, in the gettext catalogues of every other word (SPEC §9).

Templates read `t.<key>` (headings, column names); the view model reads `value_label(kind, value)`
for the plan's coded values (horizon, status, budget source…). Each label is an English msgid
with its key as context (msgctxt), so one English word may have two Indonesian ones ("Title":
*Judul* or *Jabatan*); its Indonesian lives in src/smartplan/locale/id/LC_MESSAGES/smartplan.po.
A key missing here fails the render (StrictUndefined), so a test over every report in both
languages finds a gap.
"""

from __future__ import annotations

from smartplan.i18n import NC_, pgettext

LANGS = ("id", "en")

# key: English label (msgctxt = key)
TEXT: dict[str, str] = {
    # titles of the four reports
    "title_masterplan": NC_("title_masterplan", "Smart City Masterplan"),
    "title_summary": NC_("title_summary", "Executive Summary"),
    "title_quickwins": NC_("title_quickwins", "Quick Win Profiles"),
    "title_evaluation": NC_("title_evaluation", "Evaluation Report"),
    "contents": NC_("contents", "Contents"),
    "not_recorded": NC_("not_recorded", "not recorded"),
    "not_recorded_note": NC_(
        "not_recorded_note",
        "Parts marked “not recorded” were in the original masterplan but are not held in this file",
    ),
    "quick_wins_by_year": NC_("quick_wins_by_year", "Quick wins by year"),
    "quick_win_year": NC_("quick_win_year", "Quick-win year"),
    "no_year": NC_("no_year", "no year"),
    "also_dimensions": NC_("also_dimensions", "Also serves"),
    "funding": NC_("funding", "Funding sources"),
    "milestones": NC_("milestones", "Milestones"),
    "rpjmd": NC_("rpjmd", "RPJMD / Renstra programme"),
    "serves_missions": NC_("serves_missions", "Missions served"),
    "gaps": NC_("gaps", "Gap analysis"),
    "round_1": NC_("round_1", "Round 1"),
    "round_2": NC_("round_2", "Round 2"),
    "city_indicators": NC_("city_indicators", "City-level indicators"),
    # sections
    "profile": NC_("profile", "Regional profile"),
    "vision_missions": NC_("vision_missions", "Vision and missions"),
    "vision": NC_("vision", "Vision"),
    "missions": NC_("missions", "Missions"),
    "readiness_swot": NC_("readiness_swot", "Readiness and SWOT analysis"),
    "readiness": NC_("readiness", "Readiness"),
    "swot": NC_("swot", "SWOT analysis"),
    "dimensions": NC_("dimensions", "Direction and programmes by dimension"),
    "goal": NC_("goal", "Goal"),
    "issues": NC_("issues", "Strategic issues"),
    "strategy": NC_("strategy", "Strategy"),
    "roadmap": NC_("roadmap", "Roadmap"),
    "budget": NC_("budget", "Indicative budget"),
    "quick_wins": NC_("quick_wins", "Quick wins"),
    "regulations": NC_("regulations", "Regulations"),
    "team": NC_("team", "Smart city team"),
    "council": NC_("council", "Smart City Council"),
    "implementers": NC_("implementers", "Implementation Team"),
    "commitment": NC_("commitment", "Joint commitment"),
    "bimtek": NC_("bimtek", "Technical guidance (Bimtek)"),
    "evaluation_index": NC_("evaluation_index", "Evaluation index"),
    "progress": NC_("progress", "Programme progress"),
    "kpis": NC_("kpis", "Performance indicators: targets and actuals"),
    "key_figures": NC_("key_figures", "Key figures"),
    "programs_per_dimension": NC_("programs_per_dimension", "Programmes per dimension"),
    "budget_per_year": NC_("budget_per_year", "Budget per year and source"),
    # fields and column heads
    "region": NC_("region", "Region"),
    "province": NC_("province", "Province"),
    "region_code": NC_("region_code", "Region code"),
    "cohort": NC_("cohort", "Cohort"),
    "period": NC_("period", "Period"),
    "stage": NC_("stage", "Bimtek stage"),
    "framework": NC_("framework", "Framework"),
    "program": NC_("program", "Programme"),
    "programs": NC_("programs", "Programmes"),
    "program_id": NC_("program_id", "ID"),
    "dimension": NC_("dimension", "Dimension"),
    "element": NC_("element", "Element"),
    "no_element": NC_("no_element", "No element"),
    "horizon": NC_("horizon", "Horizon"),
    "kind": NC_("kind", "Kind"),
    "years": NC_("years", "Years"),
    "year": NC_("year", "Year"),
    "lead": NC_("lead", "Lead"),
    "partners": NC_("partners", "Partners"),
    "description": NC_("description", "Description"),
    "status": NC_("status", "Status"),
    "source": NC_("source", "Source"),
    "amount": NC_("amount", "Amount"),
    "total": NC_("total", "Total"),
    "indicator": NC_("indicator", "Indicator"),
    "unit": NC_("unit", "Unit"),
    "type": NC_("type", "Type"),
    "baseline": NC_("baseline", "Baseline"),
    "target": NC_("target", "Target"),
    "actual": NC_("actual", "Actual"),
    "achievement": NC_("achievement", "Actual/target"),
    "depends_on": NC_("depends_on", "Depends on"),
    "rating": NC_("rating", "Rating"),
    "findings": NC_("findings", "Findings"),
    "date": NC_("date", "Date"),
    "place": NC_("place", "Place"),
    "agenda": NC_("agenda", "Agenda"),
    "outputs": NC_("outputs", "Outputs"),
    "document": NC_("document", "Document"),
    "name": NC_("name", "Name"),
    "role": NC_("role", "Role"),
    "position": NC_("position", "Title"),
    "organization": NC_("organization", "Organisation"),
    "signatories": NC_("signatories", "Signatories"),
    "signature": NC_("signature", "Signature"),
    "number": NC_("number", "Number"),
    "title": NC_("title", "Title"),
    "component": NC_("component", "Component"),
    "weight": NC_("weight", "Weight"),
    "score": NC_("score", "Score"),
    "index": NC_("index", "Index"),
    "change": NC_("change", "Change"),
    "note": NC_("note", "Note"),
    "percent_done": NC_("percent_done", "Progress (%)"),
    "programs_count": NC_("programs_count", "Programmes"),
    "quick_wins_count": NC_("quick_wins_count", "Quick wins"),
    "budget_total": NC_("budget_total", "Total budget"),
    "budget_lines": NC_("budget_lines", "Budget lines"),
    "period_start": NC_("period_start", "First year of the period"),
    "period_end": NC_("period_end", "Last year of the period"),
    "exported_from": NC_("exported_from", "Exported from"),
    "toc_hint": NC_(
        "toc_hint",
        "Page numbers appear once the table of contents is updated in Word "
        "(right-click → Update Field, or F9).",
    ),
    "page": NC_("page", "Page"),
    "page_of": NC_("page_of", "of"),
    "head_of_region": NC_("head_of_region", "Head of region"),
    "quick_win_marker": NC_("quick_win_marker", "quick win"),
    "legend": NC_("legend", "Legend"),
    # trend of the evaluation index
    "trend_up": NC_("trend_up", "rising"),
    "trend_down": NC_("trend_down", "falling"),
    "trend_flat": NC_("trend_flat", "steady"),
    "trend_text": NC_("trend_text", "Trend of the evaluation index"),
    # empty sections
    "none": NC_("none", "No data yet."),
    "no_quick_wins": NC_("no_quick_wins", "No quick-win programme yet."),
    "no_evaluations": NC_("no_evaluations", "No annual evaluation yet."),
    "no_progress": NC_("no_progress", "No programme progress recorded yet."),
    "no_kpis": NC_("no_kpis", "No indicator with targets yet."),
    "no_budget": NC_("no_budget", "No indicative budget yet."),
    "not_set": NC_("not_set", "–"),
    # notes under tables and charts
    "index_formula": NC_(
        "index_formula", "Index = Σ (weight × score) / Σ weight; scores on a 1–5 scale."
    ),
    "budget_note": NC_(
        "budget_note",
        "Indicative budget in rupiah; T = trillion (triliun), M = billion (miliar), "
        "jt = million (juta).",
    ),
    "roadmap_note": NC_(
        "roadmap_note", "Bars show the years of each programme; quick wins are marked ★."
    ),
    "roadmap_marks_note": NC_(
        "roadmap_marks_note",
        "☆ the quick-win year of a programme whose years are not recorded; ◆ a milestone.",
    ),
    "generated_by": NC_("generated_by", "Generated by smartplan from"),
    "chart_roadmap": NC_("chart_roadmap", "Roadmap of programmes per year"),
    "chart_budget": NC_("chart_budget", "Budget per year by source"),
    "chart_dimensions": NC_("chart_dimensions", "Number of programmes per dimension"),
    "chart_evaluation": NC_("chart_evaluation", "Evaluation index per year"),
    "of_which_quick_wins": NC_("of_which_quick_wins", "of which quick wins"),
    # smartplan portfolio: the mentor's view of a cohort
    "pf_title": NC_("pf_title", "Smart City Masterplan Portfolio"),
    "pf_kicker": NC_("pf_kicker", "Movement towards 100 Smart Cities"),
    "pf_count": NC_("pf_count", "{n} masterplans"),
    "pf_region": NC_("pf_region", "Region"),
    "pf_province": NC_("pf_province", "Province"),
    "pf_stage": NC_("pf_stage", "Stage"),
    "pf_cohort": NC_("pf_cohort", "Cohort"),
    "pf_programs": NC_("pf_programs", "Programmes"),
    "pf_quick_wins": NC_("pf_quick_wins", "Quick wins"),
    "pf_elements": NC_("pf_elements", "Elements"),
    "pf_budget": NC_("pf_budget", "Budget"),
    "pf_errors": NC_("pf_errors", "Errors"),
    "pf_warnings": NC_("pf_warnings", "Warnings"),
    "pf_index": NC_("pf_index", "Index"),
    "pf_unreadable": NC_("pf_unreadable", "(unreadable)"),
    "pf_problems": NC_("pf_problems", "Plans that could not be read"),
    "pf_overview": NC_("pf_overview", "The cohort at a glance"),
    "pf_table": NC_("pf_table", "Masterplans"),
    "pf_regions": NC_("pf_regions", "regions"),
    "pf_budget_total": NC_("pf_budget_total", "total indicative budget"),
    "pf_stage_n": NC_("pf_stage_n", "Stage {n}"),
    "pf_no_stage": NC_("pf_no_stage", "No stage"),
    "pf_chart_stages": NC_("pf_chart_stages", "Regions per Bimtek stage"),
    "pf_chart_dimensions": NC_("pf_chart_dimensions", "Programmes per dimension across the cohort"),
    "pf_chart_index": NC_("pf_chart_index", "Distribution of the latest evaluation index"),
    "pf_no_index": NC_("pf_no_index", "No region has an evaluation yet."),
    "pf_index_note": NC_(
        "pf_index_note",
        "Each region's latest evaluation index (Σ weight × score / Σ weight, scale 1–5) and its "
        "change from the year before.",
    ),
    # smartplan diff: the review of two versions (reporters/diff)
    "diff_title": NC_("diff_title", "Masterplan review"),
    "diff_stage": NC_("diff_stage", "Bimtek stage"),
    "diff_programs": NC_("diff_programs", "Programmes"),
    "diff_quick_wins": NC_("diff_quick_wins", "Quick wins"),
    "diff_per_dimension": NC_("diff_per_dimension", "Programmes per dimension"),
    "diff_dimension": NC_("diff_dimension", "Dimension"),
    "diff_added": NC_("diff_added", "Added"),
    "diff_removed": NC_("diff_removed", "Removed"),
    "diff_changed": NC_("diff_changed", "Changed"),
    "diff_quick_wins_gained": NC_("diff_quick_wins_gained", "Quick wins gained"),
    "diff_quick_wins_lost": NC_("diff_quick_wins_lost", "Quick wins lost"),
    "diff_horizon_shifts": NC_("diff_horizon_shifts", "Horizon shifts"),
    "diff_quick_win_years": NC_("diff_quick_win_years", "Quick wins by year"),
    "diff_program": NC_("diff_program", "Programme"),
    "diff_old": NC_("diff_old", "Old"),
    "diff_new": NC_("diff_new", "New"),
    "diff_budget": NC_("diff_budget", "Indicative budget per year and source"),
    "diff_year": NC_("diff_year", "Year"),
    "diff_source": NC_("diff_source", "Source"),
    "diff_difference": NC_("diff_difference", "Difference"),
    "diff_total": NC_("diff_total", "Total"),
    "diff_details": NC_("diff_details", "All changes"),
    "diff_no_changes": NC_("diff_no_changes", "No changes."),
    "diff_totals": NC_(
        "diff_totals", "Total: {added} added, {removed} removed, {changed} changed."
    ),
    "diff_none": NC_("diff_none", "—"),
    "diff_section_region": NC_("diff_section_region", "Region"),
    "diff_section_period": NC_("diff_section_period", "Period"),
    "diff_section_stage": NC_("diff_section_stage", "Bimtek stage"),
    "diff_section_bimtek": NC_("diff_section_bimtek", "Bimtek sessions"),
    "diff_section_vision": NC_("diff_section_vision", "Vision"),
    "diff_section_missions": NC_("diff_section_missions", "Missions"),
    "diff_section_organizations": NC_("diff_section_organizations", "Organisations"),
    "diff_section_team": NC_("diff_section_team", "Team (council and implementers)"),
    "diff_section_readiness": NC_("diff_section_readiness", "Readiness"),
    "diff_section_swot": NC_("diff_section_swot", "SWOT analysis"),
    "diff_section_dimensions": NC_("diff_section_dimensions", "Direction per dimension"),
    "diff_section_regulations": NC_("diff_section_regulations", "Regulations"),
    "diff_section_programs": NC_("diff_section_programs", "Programmes"),
    "diff_section_commitment": NC_("diff_section_commitment", "Joint commitment"),
    "diff_section_evaluations": NC_("diff_section_evaluations", "Annual evaluations"),
    "diff_section_framework": NC_("diff_section_framework", "Framework"),
    # missing is not zero, open bars, the review's words (issue 16)
    "no_data": NC_("no_data", "no data"),
    "no_years": NC_("no_years", "no years"),
    "since_year": NC_("since_year", "since {year}"),
    "undated_programs": NC_(
        "undated_programs", "Programmes without years (not drawn on the roadmap)"
    ),
    "open_end_marker": NC_("open_end_marker", "ongoing, no end year yet"),
    "budget_chart_note": NC_(
        "budget_chart_note",
        "Indicative budget in rupiah; T = trillion (triliun), M = billion (miliar), "
        "jt = million (juta). The figure above each bar is the year's total; the value of a "
        "segment too small to carry a label is in the table below.",
    ),
    "roadmap_note_open": NC_(
        "roadmap_note_open",
        "▷ = an ongoing programme with no end year yet, drawn to the end of the period.",
    ),
    "pf_budget_of": NC_("pf_budget_of", "({known} of {all} regions)"),
    "diff_working_tree": NC_("diff_working_tree", "working tree"),
    "diff_yes": NC_("diff_yes", "yes"),
    "diff_no": NC_("diff_no", "no"),
}

# Coded values of the plan (SPEC §2): kind → value → English label (msgctxt = kind)
VALUES: dict[str, dict[str, str]] = {
    "region_kind": {
        "kota": NC_("region_kind", "City"),
        "kabupaten": NC_("region_kind", "Regency"),
        "provinsi": NC_("region_kind", "Province"),
    },
    "horizon": {
        "short": NC_("horizon", "Short term"),
        "medium": NC_("horizon", "Medium term"),
        "long": NC_("horizon", "Long term"),
    },
    "program_kind": {
        "regulation": NC_("program_kind", "Regulation"),
        "infrastructure": NC_("program_kind", "Infrastructure"),
        "application": NC_("program_kind", "Application"),
        "capacity": NC_("program_kind", "Capacity building"),
        "partnership": NC_("program_kind", "Partnership"),
    },
    "status": {
        "planned": NC_("status", "Planned"),
        "ongoing": NC_("status", "Ongoing"),
        "done": NC_("status", "Done"),
        "postponed": NC_("status", "Postponed"),
        "dropped": NC_("status", "Dropped"),
    },
    "source": {
        "apbd": NC_("source", "APBD (regional budget)"),
        "apbn": NC_("source", "APBN (national budget)"),
        "dak": NC_("source", "DAK (special allocation fund)"),
        "kpbu": NC_("source", "KPBU (public-private partnership)"),
        "csr": NC_("source", "CSR"),
        "private": NC_("source", "Private"),
        "grant": NC_("source", "Grant"),
        "other": NC_("source", "Other"),
        "": NC_("source", "Unspecified"),
    },
    "rating": {
        "good": NC_("rating", "Good"),
        "fair": NC_("rating", "Fair"),
        "poor": NC_("rating", "Poor"),
    },
    "readiness": {
        "structure": NC_("readiness", "Structure"),
        "infrastructure": NC_("readiness", "Infrastructure"),
        "superstructure": NC_("readiness", "Superstructure"),
        "nature": NC_("readiness", "Nature"),
        "culture": NC_("readiness", "Culture"),
    },
    "swot": {
        "strengths": NC_("swot", "Strengths"),
        "weaknesses": NC_("swot", "Weaknesses"),
        "opportunities": NC_("swot", "Opportunities"),
        "threats": NC_("swot", "Threats"),
    },
    "regulation_kind": {
        "perda": NC_("regulation_kind", "Regional regulation (Perda)"),
        "perwali": NC_("regulation_kind", "Mayoral regulation (Perwali)"),
        "perbup": NC_("regulation_kind", "Regent regulation (Perbup)"),
        "pergub": NC_("regulation_kind", "Governor regulation (Pergub)"),
        "sk": NC_("regulation_kind", "Decree (SK)"),
        "other": NC_("regulation_kind", "Other"),
    },
    "regulation_status": {
        "draft": NC_("regulation_status", "Draft"),
        "enacted": NC_("regulation_status", "Enacted"),
        "revoked": NC_("regulation_status", "Revoked"),
    },
    "indicator_type": {
        "input": NC_("indicator_type", "Input"),
        "process": NC_("indicator_type", "Process"),
        "output": NC_("indicator_type", "Output"),
        "outcome": NC_("indicator_type", "Outcome"),
        "impact": NC_("indicator_type", "Impact"),
    },
    "component": {
        "baseline": NC_("component", "Baseline"),
        "output": NC_("component", "Output"),
        "outcome": NC_("component", "Outcome"),
        "impact": NC_("component", "Impact"),
        "quick_win": NC_("component", "Quick win"),
    },
}


# Keys of the plan as the review names them in its nested lines (smartplan diff): the key as
# written in the file → English label (msgctxt "field"). A key not listed is shown as written.
FIELDS: dict[str, str] = {
    "stage": NC_("field", "Stage"),
    "start": NC_("field", "Start"),
    "end": NC_("field", "End"),
    "date": NC_("field", "Date"),
    "place": NC_("field", "Place"),
    "agenda": NC_("field", "Agenda"),
    "outputs": NC_("field", "Outputs"),
    "name": NC_("field", "Name"),
    "title": NC_("field", "Title"),
    "number": NC_("field", "Number"),
    "dimension": NC_("field", "Dimension"),
    "element": NC_("field", "Element"),
    "horizon": NC_("field", "Horizon"),
    "kind": NC_("field", "Kind"),
    "quick_win": NC_("field", "Quick win"),
    "lead": NC_("field", "Lead"),
    "partners": NC_("field", "Partners"),
    "description": NC_("field", "Description"),
    "budget": NC_("field", "Budget"),
    "indicators": NC_("field", "Indicators"),
    "depends_on": NC_("field", "Depends on"),
    "regulations": NC_("field", "Regulations"),
    "status": NC_("field", "Status"),
    "progress": NC_("field", "Progress"),
    "unit": NC_("field", "Unit"),
    "type": NC_("field", "Type"),
    "baseline": NC_("field", "Baseline"),
    "targets": NC_("field", "Targets"),
    "actuals": NC_("field", "Actuals"),
    "year": NC_("field", "Year"),
    "value": NC_("field", "Value"),
    "amount": NC_("field", "Amount"),
    "source": NC_("field", "Source"),
    "percent": NC_("field", "Percent"),
    "note": NC_("field", "Note"),
    "milestone": NC_("field", "Milestone"),
    "organization": NC_("field", "Organisation"),
    "role": NC_("field", "Role"),
    "round": NC_("field", "Round"),
    "weights": NC_("field", "Weights"),
    "scores": NC_("field", "Scores"),
    "document": NC_("field", "Document"),
    "signatories": NC_("field", "Signatories"),
    "rating": NC_("field", "Rating"),
    "findings": NC_("field", "Findings"),
    "goal": NC_("field", "Goal"),
    "issues": NC_("field", "Strategic issues"),
    "strategy": NC_("field", "Strategy"),
    "refs": NC_("field", "References"),
    "standard": NC_("field", "Standard"),
}


def field_label(key: str, lang: str) -> str:
    english = FIELDS.get(key)
    return pgettext("field", english, lang) if english else key


def catalogue(lang: str) -> dict[str, str]:
    """Every TEXT label in one language (the templates' `t`)."""
    return {key: pgettext(key, english, lang) for key, english in TEXT.items()}


def value_label(kind: str, value: object, lang: str) -> str:
    """A coded value in words; an unknown code (a plan with lint findings) is shown as written."""
    key = value if isinstance(value, str) else ("" if value is None else str(value))
    english = VALUES[kind].get(key)
    if english is None:
        return "" if value is None else str(value)
    return pgettext(kind, english, lang)
