"""The global filters and their URL form.

URL vocabulary (every value validated; anything invalid falls back to the default):
    periode  = 2016 | 2016-H1 | 2016-Q3 | 2016-05
    niveau   = gemeente | arbeidsmarktregio | provincie
    regio    = GM1783 | AM21 | PV28 (absent: all of the Netherlands)
    programma, doelgroep = a value present in the data (absent: all)
    taal     = nl | en
    presentatie = 1
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

from .i18n import MONTHS, lang, t

LEVELS = ("gemeente", "arbeidsmarktregio", "provincie")
_PERIOD = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<h>H[12])|(?P<q>Q[1-4])|(?P<m>0[1-9]|1[0-2])))?$")
_REGION = {"gemeente": re.compile(r"^GM\d{4}$"), "arbeidsmarktregio": re.compile(r"^AM\d{2}$"),
           "provincie": re.compile(r"^PV\d{2}$")}


@dataclasses.dataclass(frozen=True)
class Period:
    code: str  # the URL form
    start: dt.date
    end: dt.date

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def kind(self) -> str:
        return "year" if len(self.code) == 4 else {"H": "half", "Q": "quarter"}.get(self.code[5], "month")

    def label(self) -> str:
        y = self.code[:4]
        k = self.kind
        if k == "year":
            return y
        if k == "half":
            return (f"{'eerste' if self.code[6] == '1' else 'tweede'} helft {y}" if lang() == "nl"
                    else f"{'first' if self.code[6] == '1' else 'second'} half of {y}")
        if k == "quarter":
            return f"{'kwartaal' if lang() == 'nl' else 'quarter'} {self.code[6]} {y}"
        return f"{MONTHS[lang()][int(self.code[5:7]) - 1]} {y}"

    def previous_year(self) -> "Period":
        return parse_period(str(self.year - 1) + self.code[4:])


def parse_period(code: str) -> Period | None:
    m = _PERIOD.match(code or "")
    if not m:
        return None
    y = int(m["y"])
    if not 2000 <= y <= 2100:
        return None
    if m["h"]:
        a = 1 if m["h"] == "H1" else 7
        return Period(code, dt.date(y, a, 1), dt.date(y, a + 5, 30 if a == 1 else 31))
    if m["q"]:
        a = 3 * (int(m["q"][1]) - 1) + 1
        return Period(code, dt.date(y, a, 1), dt.date(y, a + 2, calendar.monthrange(y, a + 2)[1]))
    if m["m"]:
        mo = int(m["m"])
        return Period(code, dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]))
    return Period(code, dt.date(y, 1, 1), dt.date(y, 12, 31))


def period_code(kind: str, year: int, part: int | None) -> str:
    if kind == "year" or part is None:
        return str(year)
    return {"half": f"{year}-H{part}", "quarter": f"{year}-Q{part}", "month": f"{year}-{part:02d}"}[kind]


@dataclasses.dataclass(frozen=True)
class Filters:
    period: Period
    level: str
    region: str | None  # None: all of the Netherlands
    programme: str | None
    doelgroep: str | None

    def params(self) -> dict:
        """Bound parameters for the named queries."""
        return {"start": self.period.start, "end": self.period.end, "region": self.region,
                "programme": self.programme, "doelgroep": self.doelgroep, "level": self.level}

    def to_query(self) -> dict[str, str]:
        q = {"periode": self.period.code, "niveau": self.level}
        if self.region:
            q["regio"] = self.region
        if self.programme:
            q["programma"] = self.programme
        if self.doelgroep:
            q["doelgroep"] = self.doelgroep
        return q


def level_of(code: str | None) -> str | None:
    for level, rx in _REGION.items():
        if code and rx.match(code):
            return level
    return None


def from_query(q: dict, *, regions: set[str], programmes: set[str], doelgroepen: set[str],
               default_period: str) -> tuple[Filters, list[str]]:
    """Filters from URL values; returns the problems found (each value that was ignored)."""
    problems = []
    period = parse_period(q.get("periode", default_period))
    if period is None:
        problems.append(f"periode={q.get('periode')}")
        period = parse_period(default_period)
    region = q.get("regio") or None
    if region is not None and (level_of(region) is None or region not in regions):
        problems.append(f"regio={region}")
        region = None
    level = q.get("niveau") or level_of(region) or "gemeente"
    if level not in LEVELS:
        problems.append(f"niveau={level}")
        level = level_of(region) or "gemeente"
    if region and level_of(region) != level:
        level = level_of(region)
    programme = q.get("programma") or None
    if programme is not None and programme not in programmes:
        problems.append(f"programma={programme}")
        programme = None
    doelgroep = q.get("doelgroep") or None
    if doelgroep is not None and doelgroep not in doelgroepen:
        problems.append(f"doelgroep={doelgroep}")
        doelgroep = None
    return Filters(period, level, region, programme, doelgroep), problems


def level_label(level: str) -> str:
    return t(f"lvl_{level}")
