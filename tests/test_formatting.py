"""Rupiah, numbers and dates the Indonesian way (report/formatting.py)."""

from __future__ import annotations

import pytest

from smartplan.report.formatting import date, date_range, number, rupiah, rupiah_short


@pytest.mark.parametrize(
    ("amount", "full", "short"),
    [
        (2_500_000_000, "Rp 2.500.000.000", "Rp 2,5 M"),
        (750_000_000, "Rp 750.000.000", "Rp 750 jt"),
        (1_250_000_000, "Rp 1.250.000.000", "Rp 1,25 M"),
        (3_000_000_000_000, "Rp 3.000.000.000.000", "Rp 3 T"),
        (1_234, "Rp 1.234", "Rp 1.234"),
        (0, "Rp 0", "Rp 0"),
        (-5_000_000, "-Rp 5.000.000", "Rp -5 jt"),
    ],
)
def test_rupiah(amount: float, full: str, short: str) -> None:
    assert rupiah(amount) == full
    assert rupiah_short(amount) == short


def test_numbers_follow_the_language() -> None:
    assert number(83.4) == "83,4" and number(83.4, "en") == "83.4"
    assert number(150000) == "150.000" and number(150000, "en") == "150,000"
    assert number(3.2, "id", 2) == "3,20"
    assert number(None) == "" and number("banyak") == "banyak"


def test_dates() -> None:
    assert date("2022-09-06") == "6 September 2022"
    assert date("2022-08-08", "en") == "8 August 2022"
    assert date("kemarin") == "kemarin"
    assert date_range("2022-06-13", "2022-06-14") == "13–14 Juni 2022"
    assert date_range("2017-07-31", "2017-08-01") == "31 Juli – 1 Agustus 2017"
    assert date_range("2022-12-30", "2023-01-02") == "30 Desember 2022 – 2 Januari 2023"
    assert date_range("2022-09-06", "2022-09-06") == "6 September 2022"
