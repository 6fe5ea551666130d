"""The plan's coded values and keys in words (SPEC §2, §9): `value_label(kind, value)` for a
horizon, a status, a budget source…, `field_label(key)` for a key the review names. Each is an
English msgid with its kind (or "field") as context; the Indonesian lives in the catalogues
like every report label (smartplan.report.labels)."""

from __future__ import annotations

from smartplan.i18n import NC_, pgettext

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
    # SPEC §10: the plan's agreements
    "agreement_kind": {
        "mou": NC_("agreement_kind", "Memorandum of understanding (MoU)"),
        "kesepakatan": NC_("agreement_kind", "Joint agreement (kesepakatan bersama)"),
        "other": NC_("agreement_kind", "Other"),
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
    # SPEC §10: the plan's record of itself
    "period": NC_("field", "Period"),
    "regulation": NC_("field", "Regulation"),
    "file": NC_("field", "File"),
    "parties": NC_("field", "Parties"),
    "result": NC_("field", "Result"),
    "by": NC_("field", "Rated by"),
    "since": NC_("field", "Since"),
    "until": NC_("field", "Until"),
    "participants": NC_("field", "Participants"),
    # evaluation methods change (SPEC §10): components and the published final score
    "components": NC_("field", "Component names"),
    "published": NC_("field", "Published final score"),
    "output": NC_("field", "Output"),
    "outcome": NC_("field", "Outcome"),
    "impact": NC_("field", "Impact"),
}


def field_label(key: str, lang: str) -> str:
    english = FIELDS.get(key)
    return pgettext("field", english, lang) if english else key


def value_label(kind: str, value: object, lang: str) -> str:
    """A coded value in words; an unknown code (a plan with lint findings) is shown as written."""
    key = value if isinstance(value, str) else ("" if value is None else str(value))
    english = VALUES[kind].get(key)
    if english is None:
        return "" if value is None else str(value)
    return pgettext(kind, english, lang)
