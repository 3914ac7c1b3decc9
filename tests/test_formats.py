"""One formatting function per language for numbers, percentages, dates and months."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from meedoen import i18n


@pytest.mark.parametrize("lang, expected", [
    ("nl", ["1.234,5", "46,2%", "31 okt 2016", "okt 2016", "19", "2.398", "–"]),
    ("en", ["1,234.5", "46.2%", "31 Oct 2016", "Oct 2016", "19", "2,398", "–"]),
])
def test_the_issue_examples(lang, expected):
    got = [i18n.fmt_num(1234.5, 1, lang), i18n.fmt_pct(0.462, 1, lang), i18n.fmt_date(dt.date(2016, 10, 31), lang),
           i18n.fmt_month(dt.date(2016, 10, 1), lang), i18n.fmt_value(19.0, lang), i18n.fmt_value(2398, lang),
           i18n.fmt_value(None, lang)]
    assert got == expected


def test_missing_values_of_every_kind_are_a_dash():
    for v in (None, float("nan"), np.nan, pd.NA, pd.NaT):
        assert i18n.fmt_value(v, "nl") == "–"
        assert i18n.fmt_num(v, 1, "nl") == "–" and i18n.fmt_pct(v, 0, "nl") == "–"
    assert i18n.fmt_date(None, "nl") == i18n.fmt_month(pd.NaT, "nl") == "–"


def test_values_from_duckdb_and_pandas():
    assert i18n.fmt_value(np.int64(4000), "nl") == "4.000"
    assert i18n.fmt_value(np.float64(12.25), "nl") == "12,25"
    assert i18n.fmt_value(Decimal("3.50"), "nl") == "3,5"
    assert i18n.fmt_value(1234567.891, "en") == "1,234,567.89"
    assert i18n.fmt_value(pd.Timestamp("2016-10-01"), "nl") == "1 okt 2016"
    assert i18n.fmt_value(pd.Timestamp("2016-10-01 14:05"), "nl") == "1 okt 2016 14:05"
    assert i18n.fmt_value("Súdwest-Fryslân", "nl") == "Súdwest-Fryslân"
    assert i18n.fmt_value(True, "nl") == "True"
    assert i18n.fmt_num(-0.2, 0, "nl") == "0"  # never "-0"
    assert i18n.fmt_month("2016-03-01", "nl") == "mrt 2016"


def test_the_session_language_is_the_default():
    i18n.set_lang("en")
    try:
        assert i18n.fmt_pct(0.462, 1) == "46.2%" and i18n.fmt_month(dt.date(2016, 10, 1)) == "Oct 2016"
    finally:
        i18n.set_lang("nl")
    assert i18n.fmt_pct(0.462, 1) == "46,2%" and i18n.d3_locale_separators() == ",."
