"""The one catalogue of report labels, Bahasa Indonesia and English.

Templates read `t.<key>` (headings, column names); the view model reads `value_label(kind, value)`
for the plan's coded values (horizon, status, budget source…). A key missing here fails the render
(StrictUndefined), so a test over every report in both languages finds a gap.
"""

from __future__ import annotations

LANGS = ("id", "en")

# key: (Bahasa Indonesia, English)
TEXT: dict[str, tuple[str, str]] = {
    # titles of the four reports
    "title_masterplan": ("Masterplan Smart City", "Smart City Masterplan"),
    "title_summary": ("Ringkasan Eksekutif", "Executive Summary"),
    "title_quickwins": ("Profil Quick Win", "Quick Win Profiles"),
    "title_evaluation": ("Laporan Evaluasi", "Evaluation Report"),
    "contents": ("Daftar isi", "Contents"),
    # sections
    "profile": ("Profil daerah", "Regional profile"),
    "vision_missions": ("Visi dan misi", "Vision and missions"),
    "vision": ("Visi", "Vision"),
    "missions": ("Misi", "Missions"),
    "readiness_swot": ("Kesiapan daerah dan analisis SWOT", "Readiness and SWOT analysis"),
    "readiness": ("Kesiapan daerah", "Readiness"),
    "swot": ("Analisis SWOT", "SWOT analysis"),
    "dimensions": (
        "Arah pengembangan dan program per dimensi",
        "Direction and programmes by dimension",
    ),
    "goal": ("Tujuan", "Goal"),
    "issues": ("Isu strategis", "Strategic issues"),
    "strategy": ("Strategi", "Strategy"),
    "roadmap": ("Peta jalan", "Roadmap"),
    "budget": ("Anggaran indikatif", "Indicative budget"),
    "quick_wins": ("Quick win", "Quick wins"),
    "regulations": ("Regulasi", "Regulations"),
    "team": ("Tim smart city", "Smart city team"),
    "council": ("Dewan Smart City", "Smart City Council"),
    "implementers": ("Tim Pelaksana", "Implementation Team"),
    "commitment": ("Komitmen bersama", "Joint commitment"),
    "bimtek": ("Bimbingan teknis", "Technical guidance (Bimtek)"),
    "evaluation_index": ("Indeks evaluasi", "Evaluation index"),
    "progress": ("Kemajuan program", "Programme progress"),
    "kpis": (
        "Indikator kinerja: target dan capaian",
        "Performance indicators: targets and actuals",
    ),
    "key_figures": ("Angka kunci", "Key figures"),
    "programs_per_dimension": ("Program per dimensi", "Programmes per dimension"),
    "budget_per_year": ("Anggaran per tahun dan sumber", "Budget per year and source"),
    # fields and column heads
    "region": ("Daerah", "Region"),
    "province": ("Provinsi", "Province"),
    "region_code": ("Kode wilayah", "Region code"),
    "cohort": ("Angkatan", "Cohort"),
    "period": ("Periode", "Period"),
    "stage": ("Tahap Bimtek", "Bimtek stage"),
    "framework": ("Kerangka", "Framework"),
    "program": ("Program", "Programme"),
    "programs": ("Program", "Programmes"),
    "program_id": ("Kode", "ID"),
    "dimension": ("Dimensi", "Dimension"),
    "element": ("Elemen", "Element"),
    "no_element": ("Tanpa elemen", "No element"),
    "horizon": ("Jangka", "Horizon"),
    "kind": ("Jenis", "Kind"),
    "years": ("Tahun", "Years"),
    "year": ("Tahun", "Year"),
    "lead": ("Penanggung jawab", "Lead"),
    "partners": ("Mitra", "Partners"),
    "description": ("Uraian", "Description"),
    "status": ("Status", "Status"),
    "source": ("Sumber", "Source"),
    "amount": ("Jumlah", "Amount"),
    "total": ("Total", "Total"),
    "indicator": ("Indikator", "Indicator"),
    "unit": ("Satuan", "Unit"),
    "type": ("Tipe", "Type"),
    "baseline": ("Baseline", "Baseline"),
    "target": ("Target", "Target"),
    "actual": ("Capaian", "Actual"),
    "achievement": ("Capaian/target", "Actual/target"),
    "depends_on": ("Bergantung pada", "Depends on"),
    "rating": ("Penilaian", "Rating"),
    "findings": ("Temuan", "Findings"),
    "date": ("Tanggal", "Date"),
    "place": ("Tempat", "Place"),
    "agenda": ("Agenda", "Agenda"),
    "outputs": ("Keluaran", "Outputs"),
    "document": ("Dokumen", "Document"),
    "name": ("Nama", "Name"),
    "role": ("Peran", "Role"),
    "position": ("Jabatan", "Title"),
    "organization": ("Instansi", "Organisation"),
    "signatories": ("Penanda tangan", "Signatories"),
    "signature": ("Tanda tangan", "Signature"),
    "number": ("Nomor", "Number"),
    "title": ("Judul", "Title"),
    "component": ("Komponen", "Component"),
    "weight": ("Bobot", "Weight"),
    "score": ("Nilai", "Score"),
    "index": ("Indeks", "Index"),
    "change": ("Perubahan", "Change"),
    "note": ("Catatan", "Note"),
    "percent_done": ("Kemajuan (%)", "Progress (%)"),
    "programs_count": ("Jumlah program", "Programmes"),
    "quick_wins_count": ("Jumlah quick win", "Quick wins"),
    "budget_total": ("Total anggaran", "Total budget"),
    "budget_lines": ("Rincian anggaran", "Budget lines"),
    "head_of_region": ("Kepala daerah", "Head of region"),
    "quick_win_marker": ("quick win", "quick win"),
    "legend": ("Keterangan", "Legend"),
    # trend of the evaluation index
    "trend_up": ("naik", "rising"),
    "trend_down": ("turun", "falling"),
    "trend_flat": ("tetap", "steady"),
    "trend_text": ("Tren indeks evaluasi", "Trend of the evaluation index"),
    # empty sections
    "none": ("Belum ada data.", "No data yet."),
    "no_quick_wins": ("Belum ada program quick win.", "No quick-win programme yet."),
    "no_evaluations": ("Belum ada hasil evaluasi tahunan.", "No annual evaluation yet."),
    "no_progress": ("Belum ada catatan kemajuan program.", "No programme progress recorded yet."),
    "no_kpis": ("Belum ada indikator dengan target.", "No indicator with targets yet."),
    "no_budget": ("Belum ada anggaran indikatif.", "No indicative budget yet."),
    "not_set": ("–", "–"),
    # a figure the plan does not give: never shown as zero (SPEC §8 "Missing is not zero")
    "no_data": ("belum ada data", "no data"),
    "no_years": ("tanpa tahun", "no years"),
    "since_year": ("sejak {year}", "since {year}"),
    "undated_programs": (
        "Program tanpa tahun (tidak digambar di peta jalan)",
        "Programmes without years (not drawn on the roadmap)",
    ),
    "open_end_marker": ("berjalan, belum ada tahun selesai", "ongoing, no end year yet"),
    # notes under tables and charts
    "index_formula": (
        "Indeks = Σ (bobot × nilai) / Σ bobot; nilai pada skala 1–5.",
        "Index = Σ (weight × score) / Σ weight; scores on a 1–5 scale.",
    ),
    "budget_note": (
        "Anggaran indikatif dalam rupiah; T = triliun, M = miliar, jt = juta.",
        "Indicative budget in rupiah; T = trillion (triliun), M = billion (miliar), "
        "jt = million (juta).",
    ),
    "budget_chart_note": (
        "Anggaran indikatif dalam rupiah; T = triliun, M = miliar, jt = juta. Angka di atas "
        "batang adalah jumlah per tahun; nilai bagian yang terlalu kecil untuk diberi label "
        "ada pada tabel di bawah.",
        "Indicative budget in rupiah; T = trillion (triliun), M = billion (miliar), "
        "jt = million (juta). The figure above each bar is the year's total; the value of a "
        "segment too small to carry a label is in the table below.",
    ),
    "roadmap_note": (
        "Batang menunjukkan tahun pelaksanaan; quick win ditandai ★.",
        "Bars show the years of each programme; quick wins are marked ★.",
    ),
    "roadmap_note_open": (
        "▷ = program berjalan yang belum punya tahun selesai, digambar sampai akhir periode.",
        "▷ = an ongoing programme with no end year yet, drawn to the end of the period.",
    ),
    "generated_by": ("Disusun dengan smartplan dari", "Generated by smartplan from"),
    "chart_roadmap": ("Peta jalan program per tahun", "Roadmap of programmes per year"),
    "chart_budget": ("Anggaran per tahun menurut sumber", "Budget per year by source"),
    "chart_dimensions": ("Jumlah program per dimensi", "Number of programmes per dimension"),
    "chart_evaluation": ("Indeks evaluasi per tahun", "Evaluation index per year"),
    "of_which_quick_wins": ("termasuk quick win", "of which quick wins"),
    # smartplan portfolio: the mentor's view of a cohort
    "pf_title": ("Portofolio Masterplan Smart City", "Smart City Masterplan Portfolio"),
    "pf_kicker": ("Gerakan Menuju 100 Smart City", "Movement towards 100 Smart Cities"),
    "pf_count": ("{n} masterplan", "{n} masterplans"),
    "pf_region": ("Daerah", "Region"),
    "pf_province": ("Provinsi", "Province"),
    "pf_stage": ("Tahap", "Stage"),
    "pf_cohort": ("Angkatan", "Cohort"),
    "pf_programs": ("Program", "Programmes"),
    "pf_quick_wins": ("Quick win", "Quick wins"),
    "pf_elements": ("Elemen", "Elements"),
    "pf_budget": ("Anggaran", "Budget"),
    "pf_errors": ("Galat", "Errors"),
    "pf_warnings": ("Peringatan", "Warnings"),
    "pf_index": ("Indeks", "Index"),
    "pf_unreadable": ("(tidak terbaca)", "(unreadable)"),
    "pf_problems": ("Masterplan yang tidak dapat dibaca", "Plans that could not be read"),
    "pf_overview": ("Gambaran kohort", "The cohort at a glance"),
    "pf_table": ("Daftar masterplan", "Masterplans"),
    "pf_regions": ("daerah", "regions"),
    "pf_budget_total": ("total anggaran indikatif", "total indicative budget"),
    "pf_budget_of": ("({known} dari {all} daerah)", "({known} of {all} regions)"),
    "pf_stage_n": ("Tahap {n}", "Stage {n}"),
    "pf_no_stage": ("Tanpa tahap", "No stage"),
    "pf_chart_stages": ("Daerah per tahap Bimtek", "Regions per Bimtek stage"),
    "pf_chart_dimensions": (
        "Program per dimensi di seluruh kohort",
        "Programmes per dimension across the cohort",
    ),
    "pf_chart_index": (
        "Sebaran indeks evaluasi terakhir",
        "Distribution of the latest evaluation index",
    ),
    "pf_no_index": ("Belum ada daerah dengan evaluasi.", "No region has an evaluation yet."),
    "pf_index_note": (
        "Indeks evaluasi terakhir tiap daerah (Σ bobot × nilai / Σ bobot, skala 1–5) dan "
        "perubahannya dari tahun sebelumnya.",
        "Each region's latest evaluation index (Σ weight × score / Σ weight, scale 1–5) and its "
        "change from the year before.",
    ),
    # smartplan diff: the review of two versions (reporters/diff)
    "diff_title": ("Tinjauan perubahan masterplan", "Masterplan review"),
    "diff_stage": ("Tahap Bimtek", "Bimtek stage"),
    "diff_programs": ("Program", "Programmes"),
    "diff_quick_wins": ("Quick win", "Quick wins"),
    "diff_per_dimension": ("Program per dimensi", "Programmes per dimension"),
    "diff_dimension": ("Dimensi", "Dimension"),
    "diff_added": ("Ditambah", "Added"),
    "diff_removed": ("Dihapus", "Removed"),
    "diff_changed": ("Diubah", "Changed"),
    "diff_quick_wins_gained": ("Quick win baru", "Quick wins gained"),
    "diff_quick_wins_lost": ("Quick win dilepas", "Quick wins lost"),
    "diff_horizon_shifts": ("Pergeseran horizon", "Horizon shifts"),
    "diff_program": ("Program", "Programme"),
    "diff_old": ("Lama", "Old"),
    "diff_new": ("Baru", "New"),
    "diff_budget": (
        "Anggaran indikatif per tahun dan sumber",
        "Indicative budget per year and source",
    ),
    "diff_year": ("Tahun", "Year"),
    "diff_source": ("Sumber", "Source"),
    "diff_difference": ("Selisih", "Difference"),
    "diff_total": ("Jumlah", "Total"),
    "diff_details": ("Rincian perubahan", "All changes"),
    "diff_no_changes": ("Tidak ada perubahan.", "No changes."),
    "diff_totals": (
        "Jumlah: {added} ditambah, {removed} dihapus, {changed} diubah.",
        "Total: {added} added, {removed} removed, {changed} changed.",
    ),
    "diff_none": ("—", "—"),
    "diff_section_region": ("Profil daerah", "Region"),
    "diff_section_period": ("Periode", "Period"),
    "diff_section_stage": ("Tahap Bimtek", "Bimtek stage"),
    "diff_section_bimtek": ("Pelaksanaan Bimtek", "Bimtek sessions"),
    "diff_section_vision": ("Visi", "Vision"),
    "diff_section_missions": ("Misi", "Missions"),
    "diff_section_organizations": ("Organisasi", "Organisations"),
    "diff_section_team": ("Tim (Dewan dan Tim Pelaksana)", "Team (council and implementers)"),
    "diff_section_readiness": ("Kesiapan daerah", "Readiness"),
    "diff_section_swot": ("Analisis SWOT", "SWOT analysis"),
    "diff_section_dimensions": ("Arah per dimensi", "Direction per dimension"),
    "diff_section_regulations": ("Regulasi", "Regulations"),
    "diff_section_programs": ("Program", "Programmes"),
    "diff_section_commitment": ("Komitmen bersama", "Joint commitment"),
    "diff_section_evaluations": ("Evaluasi tahunan", "Annual evaluations"),
    "diff_section_framework": ("Kerangka (framework)", "Framework"),
}

# Coded values of the plan (SPEC §2): kind → value → (Bahasa Indonesia, English)
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "region_kind": {
        "kota": ("Kota", "City"),
        "kabupaten": ("Kabupaten", "Regency"),
        "provinsi": ("Provinsi", "Province"),
    },
    "horizon": {
        "short": ("Jangka pendek", "Short term"),
        "medium": ("Jangka menengah", "Medium term"),
        "long": ("Jangka panjang", "Long term"),
    },
    "program_kind": {
        "regulation": ("Regulasi", "Regulation"),
        "infrastructure": ("Infrastruktur", "Infrastructure"),
        "application": ("Aplikasi", "Application"),
        "capacity": ("SDM dan kapasitas", "Capacity building"),
        "partnership": ("Kerja sama", "Partnership"),
    },
    "status": {
        "planned": ("Direncanakan", "Planned"),
        "ongoing": ("Berjalan", "Ongoing"),
        "done": ("Selesai", "Done"),
        "postponed": ("Ditunda", "Postponed"),
        "dropped": ("Dibatalkan", "Dropped"),
    },
    "source": {
        "apbd": ("APBD", "APBD (regional budget)"),
        "apbn": ("APBN", "APBN (national budget)"),
        "dak": ("DAK", "DAK (special allocation fund)"),
        "kpbu": ("KPBU", "KPBU (public-private partnership)"),
        "csr": ("CSR", "CSR"),
        "private": ("Swasta", "Private"),
        "grant": ("Hibah", "Grant"),
        "other": ("Lainnya", "Other"),
        "": ("Tidak disebut", "Unspecified"),
    },
    "rating": {
        "good": ("Baik", "Good"),
        "fair": ("Cukup", "Fair"),
        "poor": ("Kurang", "Poor"),
    },
    "readiness": {
        "structure": ("Struktur", "Structure"),
        "infrastructure": ("Infrastruktur", "Infrastructure"),
        "superstructure": ("Suprastruktur", "Superstructure"),
        "nature": ("Alam", "Nature"),
        "culture": ("Budaya", "Culture"),
    },
    "swot": {
        "strengths": ("Kekuatan", "Strengths"),
        "weaknesses": ("Kelemahan", "Weaknesses"),
        "opportunities": ("Peluang", "Opportunities"),
        "threats": ("Ancaman", "Threats"),
    },
    "regulation_kind": {
        "perda": ("Perda", "Regional regulation (Perda)"),
        "perwali": ("Perwali", "Mayoral regulation (Perwali)"),
        "perbup": ("Perbup", "Regent regulation (Perbup)"),
        "pergub": ("Pergub", "Governor regulation (Pergub)"),
        "sk": ("SK", "Decree (SK)"),
        "other": ("Lainnya", "Other"),
    },
    "regulation_status": {
        "draft": ("Rancangan", "Draft"),
        "enacted": ("Ditetapkan", "Enacted"),
        "revoked": ("Dicabut", "Revoked"),
    },
    "indicator_type": {
        "input": ("Masukan", "Input"),
        "process": ("Proses", "Process"),
        "output": ("Keluaran", "Output"),
        "outcome": ("Hasil", "Outcome"),
        "impact": ("Dampak", "Impact"),
    },
    "component": {
        "baseline": ("Baseline", "Baseline"),
        "output": ("Output", "Output"),
        "outcome": ("Outcome", "Outcome"),
        "impact": ("Dampak", "Impact"),
        "quick_win": ("Quick win", "Quick win"),
    },
}


def catalogue(lang: str) -> dict[str, str]:
    """Every TEXT label in one language (the templates' `t`)."""
    column = LANGS.index(lang)
    return {key: pair[column] for key, pair in TEXT.items()}


def value_label(kind: str, value: object, lang: str) -> str:
    """A coded value in words; an unknown code (a plan with lint findings) is shown as written."""
    key = value if isinstance(value, str) else ("" if value is None else str(value))
    pair = VALUES[kind].get(key)
    if pair is None:
        return "" if value is None else str(value)
    return pair[LANGS.index(lang)]
