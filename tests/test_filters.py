"""Filters and the URL: period codes, validation of every URL value."""

import datetime as dt

from meedoen import filters


def test_period_codes():
    p = filters.parse_period("2016-H1")
    assert (p.start, p.end) == (dt.date(2016, 1, 1), dt.date(2016, 6, 30))
    assert filters.parse_period("2016-Q4").end == dt.date(2016, 12, 31)
    assert filters.parse_period("2016-02").end == dt.date(2016, 2, 29)
    for bad in ("2016-H3", "16", "2016-13", "x; DROP", "1800"):
        assert filters.parse_period(bad) is None


def test_url_values_are_validated():
    f, problems = filters.from_query(
        {"periode": "2016-H9", "regio": "GM9999", "niveau": "wijk", "programma": "x", "doelgroep": "y"},
        regions={"GM1783"}, programmes={"MVO Westland"}, doelgroepen={"statushouder"}, default_period="2025")
    assert f.period.code == "2025" and f.region is None and f.programme is None and f.doelgroep is None
    assert f.level == "gemeente"
    assert len(problems) == 5
    f, problems = filters.from_query({"periode": "2016-H1", "regio": "GM1783"}, regions={"GM1783"},
                                     programmes=set(), doelgroepen=set(), default_period="2025")
    assert problems == [] and f.to_query() == {"periode": "2016-H1", "niveau": "gemeente", "regio": "GM1783"}
