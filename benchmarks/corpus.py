"""A deterministic national corpus: 514 valid stage-4 masterplans (one per kabupaten/kota).

`python benchmarks/corpus.py OUT [--count N] [--programs N]` writes OUT/<region>/masterplan.yaml.
The same seed gives the same bytes on every machine; every plan validates clean.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

PROVINCES = [
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "DKI Jakarta"),
    ("32", "Jawa Barat"),
    ("33", "Jawa Tengah"),
    ("34", "DI Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua Barat"),
    ("94", "Papua"),
]
SYLLABLES = [
    "ba",
    "ta",
    "ma",
    "ra",
    "sa",
    "ka",
    "ja",
    "lu",
    "wi",
    "ngi",
    "pa",
    "du",
    "se",
    "lo",
    "bu",
    "ri",
    "tu",
    "nga",
    "gi",
    "wa",
    "ro",
    "si",
    "nda",
    "mpa",
]
ELEMENTS = {
    "governance": ("GOV", ["service", "bureaucracy", "policy"]),
    "branding": ("BRD", ["tourism", "business", "city-appearance"]),
    "economy": ("ECO", ["industry", "welfare", "transaction"]),
    "living": ("LIV", ["harmony", "health", "mobility"]),
    "society": ("SOC", ["community", "learning", "security"]),
    "environment": ("ENV", ["protection", "waste", "energy"]),
}
THEMES = {
    "service": ["Mal Pelayanan Publik", "Layanan Perizinan Daring", "Aplikasi Pengaduan Warga"],
    "bureaucracy": ["E-Kinerja ASN", "Satu Data Daerah", "Tanda Tangan Elektronik"],
    "policy": ["Perwali Smart City", "Kebijakan Data Terbuka", "Regulasi Keamanan Informasi"],
    "tourism": ["Portal Pariwisata Terpadu", "Festival Budaya Digital", "Desa Wisata Cerdas"],
    "business": ["Katalog Produk UMKM", "Forum Investasi Daerah", "Inkubator Bisnis Digital"],
    "city-appearance": ["Penataan Taman Kota", "Revitalisasi Kawasan Tepi Air", "Gerbang Kota"],
    "industry": ["Kawasan Industri Kecil", "Pelatihan Wirausaha Digital", "Pasar Tani Daring"],
    "welfare": ["Data Terpadu Kesejahteraan", "Bantuan Sosial Nontunai", "Kartu Prakerja Daerah"],
    "transaction": ["Elektronifikasi Transaksi Pemda", "QRIS Pasar Tradisional", "E-Retribusi"],
    "harmony": ["Sistem Informasi Tata Ruang", "Kampung Tematik", "Ruang Terbuka Hijau"],
    "health": ["Telemedisin Puskesmas", "Rekam Medis Elektronik", "Ambulans Siaga 112"],
    "mobility": ["Area Traffic Control System", "Bus Rapid Transit", "Parkir Elektronik"],
    "community": ["Forum Warga Digital", "Aplikasi Relawan", "Kampung Digital"],
    "learning": ["Perpustakaan Digital", "Sekolah Cerdas", "Literasi Digital Warga"],
    "security": ["CCTV Kota Terpadu", "Command Center 112", "Sistem Peringatan Dini Banjir"],
    "protection": [
        "Pemantauan Kualitas Udara",
        "Rehabilitasi Mangrove",
        "Konservasi Daerah Aliran Sungai",
    ],
    "waste": ["Bank Sampah Digital", "TPS3R Terpadu", "Pengolahan Limbah Cair"],
    "energy": ["Penerangan Jalan Tenaga Surya", "Metana TPA untuk Listrik", "Gedung Hemat Energi"],
}
KINDS = ["regulation", "infrastructure", "application", "capacity", "partnership"]
SOURCES = ["apbd", "apbn", "dak", "kpbu", "csr", "private", "grant"]
ORGS = [
    ("setda", "Sekretariat Daerah", "opd"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah", "opd"),
    ("diskominfo", "Dinas Komunikasi dan Informatika", "opd"),
    ("dpmptsp", "Dinas Penanaman Modal dan PTSP", "opd"),
    ("dinkes", "Dinas Kesehatan", "opd"),
    ("disdik", "Dinas Pendidikan", "opd"),
    ("dishub", "Dinas Perhubungan", "opd"),
    ("dlh", "Dinas Lingkungan Hidup", "opd"),
    ("dispar", "Dinas Pariwisata", "opd"),
    ("diskop", "Dinas Koperasi dan UKM", "opd"),
    ("dinsos", "Dinas Sosial", "opd"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah", "opd"),
    ("pdam", "Perumda Air Minum", "bumd"),
    ("bpd", "Bank Pembangunan Daerah", "bumd"),
    ("telkom", "PT Telkom Indonesia", "bumn"),
    ("univ", "Universitas Negeri setempat", "academia"),
]
LEADS = {
    "governance": "diskominfo",
    "branding": "dispar",
    "economy": "diskop",
    "living": "dishub",
    "society": "disdik",
    "environment": "dlh",
}


def region_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_plan(index: int, programs: int = 40, seed: int = 2026) -> dict[str, Any]:
    rng = random.Random(seed * 100_003 + index)
    code, province = PROVINCES[index % len(PROVINCES)]
    kind = "kota" if index % 5 == 0 else "kabupaten"
    cohort = 2017 + index % 8
    start = cohort + 1
    name = f"{'Kota' if kind == 'kota' else 'Kabupaten'} {region_name(rng)}"
    return {
        "smartplan": 1,
        "framework": "kominfo-2017",
        "region": {
            "name": name,
            "kind": kind,
            "province": province,
            "code": f"{code}.{index % 99 + 1:02d}",
            "cohort": cohort,
        },
        "period": {"start": start, "end": start + 9},
        "stage": 4,
        "bimtek": [
            {
                "stage": n,
                "start": f"{cohort}-0{n + 4}-1{n}",
                "end": f"{cohort}-0{n + 4}-1{n + 1}",
                "place": name,
                "agenda": [f"Agenda tahap {n} bersama tim pendamping"],
                "outputs": [f"Dokumen tahap {n}"],
            }
            for n in range(1, 5)
        ],
        "vision": f"{name} cerdas, melayani dan berdaya saing {start + 9}",
        "missions": [
            f"Misi {n}: mewujudkan layanan publik digital yang inklusif" for n in range(1, 5)
        ],
        "organizations": [{"id": i, "name": n, "kind": k} for i, n, k in ORGS],
        "team": {
            "council": [
                {"name": f"Anggota Dewan {n}", "role": "Anggota", "organization": "setda"}
                for n in range(1, 4)
            ],
            "implementers": [
                {"name": f"Pelaksana {n}", "role": "Anggota", "organization": o}
                for n, o in enumerate(["diskominfo", "bappeda", "dinkes", "dishub", "dlh"], 1)
            ],
        },
        "readiness": {
            key: {
                "rating": rng.choice(["good", "fair", "poor"]),
                "findings": [f"Temuan kesiapan {key} nomor {n}" for n in range(1, 3)],
            }
            for key in ("structure", "infrastructure", "superstructure")
        },
        "swot": {
            key: [f"Butir {key} {n} tentang kesiapan digital daerah" for n in range(1, 4)]
            for key in ("strengths", "weaknesses", "opportunities", "threats")
        },
        "dimensions": {
            d: {
                "goal": f"Tujuan pengembangan {d} yang terukur",
                "issues": [f"Isu strategis {d} {n}" for n in range(1, 3)],
                "strategy": [f"Strategi {d} {n}" for n in range(1, 3)],
            }
            for d in ELEMENTS
        },
        "regulations": [
            {
                "id": "perda-smart-city",
                "kind": "perda",
                "number": "1",
                "year": start,
                "title": "Penyelenggaraan Kota Cerdas",
                "status": "enacted",
            }
        ],
        "programs": make_programs(rng, start, programs),
        "commitment": {
            "date": f"{cohort}-09-06",
            "place": f"Aula {name}",
            "signatories": [
                {
                    "name": "Kepala Daerah",
                    "title": f"Kepala Daerah {name}",
                    "organization": "setda",
                    "role": "head",
                }
            ],
        },
        "evaluations": [
            {
                "year": start + n,
                "weights": {
                    "baseline": 10,
                    "output": 20,
                    "outcome": 30,
                    "impact": 30,
                    "quick_win": 10,
                },
                "scores": {
                    k: round(rng.uniform(1.5, 4.8), 2)
                    for k in ("baseline", "output", "outcome", "impact", "quick_win")
                },
            }
            for n in range(2)
        ],
    }


def make_programs(rng: random.Random, start: int, count: int) -> list[dict[str, Any]]:
    slots = [(d, e) for d, (_, elements) in ELEMENTS.items() for e in elements]
    chosen = (slots * (count // len(slots) + 1))[: max(count, len(slots))]
    programs: list[dict[str, Any]] = []
    numbers: dict[str, int] = {}
    for position, (dimension, element) in enumerate(chosen):
        prefix = ELEMENTS[dimension][0]
        numbers[prefix] = numbers.get(prefix, 0) + 1
        quick = position in (0, 3, 6, 9, 12, 15)  # a quick win in every dimension (§8)
        horizon = "short" if quick else rng.choice(["short", "medium", "long"])
        first = start if quick else start + rng.randint(0, 2 if horizon != "long" else 4)
        # the roadmap phase it ends in: year 1, years 2–5, years 6–10 (SPEC §8)
        last = {"short": start, "medium": start + 4, "long": start + 9}[horizon]
        first = min(first, last)
        earlier = [p for p in programs if p["dimension"] == dimension and p["start"] <= first]
        theme = rng.choice(THEMES[element])
        program: dict[str, Any] = {
            "id": f"{prefix}-{numbers[prefix]:02d}",
            "name": f"{theme} {numbers[prefix]}",
            "dimension": dimension,
            "element": element,
            "horizon": horizon,
            "kind": rng.choice(KINDS),
            "quick_win": quick,
            "start": first,
            "end": last,
            "lead": LEADS[dimension],
            "partners": ["diskominfo", "bappeda"][: rng.randint(1, 2)],
            "description": f"Program {theme.lower()} untuk meningkatkan kualitas layanan dan "
            f"partisipasi warga pada dimensi {dimension}.",
            "budget": [
                {
                    "year": y,
                    "amount": rng.randrange(100, 5000) * 1_000_000,
                    "source": rng.choice(SOURCES),
                }
                for y in range(first, min(last, first + 2) + 1)
            ],
            "indicators": [
                {
                    "name": f"Capaian {theme.lower()}",
                    "unit": "persen",
                    "type": "output",
                    "baseline": {"year": start - 1, "value": 0},
                    "targets": [
                        {"year": y, "value": 20 * (y - first + 1)}
                        for y in range(first, min(last, first + 3) + 1)
                    ],
                }
            ],
            "status": "ongoing",
        }
        if earlier and rng.random() < 0.3:
            program["depends_on"] = [rng.choice(earlier)["id"]]
        programs.append(program)
    return programs


def write_corpus(out: Path, count: int = 514, programs: int = 40) -> list[Path]:
    written = []
    for index in range(count):
        plan = out / f"region-{index + 1:03d}" / "masterplan.yaml"
        plan.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(
            make_plan(index, programs), sort_keys=False, allow_unicode=True, width=100
        )
        plan.write_text(text, encoding="utf-8")
        written.append(plan)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=514)
    parser.add_argument("--programs", type=int, default=40)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.count, args.programs)
    print(f"wrote {len(paths)} plans under {args.out}")


if __name__ == "__main__":
    main()
