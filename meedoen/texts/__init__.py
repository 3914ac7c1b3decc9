"""Every visible string in Dutch and English, one module per page (plus `common` and `present`).

Each module holds `STRINGS = {key: (nl, en)}` and nothing else; `i18n` merges them once with
`load()`. A key defined twice is an error, so one page's text cannot silently replace another's.
"""

from __future__ import annotations

from . import (admin, common, dictionary, doelgroepen, employers, kinds, overview, pilots, present, proeftuinen,
               queries, regions, sql, lab, targets, trends, withheld)

MODULES = (common, present, overview, regions, targets, kinds, trends, doelgroepen, pilots, proeftuinen, employers,
           sql, lab, queries, dictionary, admin, withheld)


def load() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for m in MODULES:
        twice = sorted(out.keys() & m.STRINGS.keys())
        if twice:
            raise ValueError(f"{m.__name__}: keys defined twice: {', '.join(twice)}")
        out.update(m.STRINGS)
    return out
