"""The page registry: every page of the app, once.

`app.py` builds the menu from it, the benchmark opens the managers' pages, and the tests take their list
of pages from here.
"""

from __future__ import annotations

import dataclasses

# Every page also reads the sidebar's queries (region_list, filter_options), through ui.setup().
SIDEBAR_QUERIES = ("region_list", "filter_options")


@dataclasses.dataclass(frozen=True)
class Page:
    name: str  # the script app_pages/<name>.py, its chart module meedoen/charts/<name>.py, texts/<name>.py
    url_path: str  # /<url_path> in the address bar
    title: str  # i18n key of the title (menu and page)
    icon: str
    section: str  # i18n key of the menu section
    role: str  # capability (auth.CAPABILITIES) needed to see the page's content
    queries: tuple[str, ...]  # the named queries (queries/<name>.sql) the page runs itself
    hidden: bool = False  # left out of the menu for users without `role` (others see a refusal)
    default: bool = False
    alias: str | None = None  # a second, hidden address of the same page

    @property
    def path(self) -> str:
        return f"app_pages/{self.name}.py"


MANAGERS, RESEARCH, ADMIN = "nav_managers", "nav_research", "nav_admin"

PAGES: tuple[Page, ...] = (
    # Streamlit serves the default page at "/" only: its url_path is reserved but never matched, so a
    # fresh browser opening /overzicht got "Page not found". A hidden alias gives it that address too.
    Page("overview", "start", "page_overview", ":material/dashboard:", MANAGERS, "pages",
         ("placement_rate", "kpi_targets_period", "sheltered_share", "placements_by_month", "placement_rate_by_region"),
         default=True, alias="overzicht"),
    Page("regions", "regios", "page_regions", ":material/map:", MANAGERS, "pages",
         ("placement_rate", "placement_rate_by_region", "placement_rate_peers")),
    Page("targets", "doelen", "page_targets", ":material/flag:", MANAGERS, "pages",
         ("targets_realised", "kpi_targets_period", "targets_by_year")),
    Page("kinds", "beschut-regulier", "page_kinds", ":material/stacked_bar_chart:", MANAGERS, "pages",
         ("work_kind_counts", "sheltered_share", "sheltered_share_by_year", "work_kind_by_quarter",
          "work_kind_by_region")),
    Page("trends", "trends", "page_trends", ":material/show_chart:", MANAGERS, "pages",
         ("placement_rate", "placement_series", "filter_options", "events")),
    Page("doelgroepen", "doelgroepen", "page_doelgroepen", ":material/diversity_3:", MANAGERS, "pages",
         ("time_to_work", "time_to_work_distribution", "paid_work_on_date", "durability")),
    Page("pilots", "pilots", "page_pilots", ":material/science:", MANAGERS, "pages",
         ("pilot_outflow", "pilot_activities")),
    Page("proeftuinen", "proeftuinen", "page_proeftuinen", ":material/alt_route:", MANAGERS, "pages",
         ("proeftuin_flow", "proeftuin_outcome_share", "proeftuin_time_to_work")),
    Page("employers", "werkgevers", "page_employers", ":material/business:", MANAGERS, "pages",
         ("employer_norm", "employer_partners_by_year", "employer_sectors", "employer_instruments")),
    Page("sql", "sql", "rs_page_sql", ":material/terminal:", RESEARCH, "sql_lab", ()),
    Page("dictionary", "woordenboek", "rs_page_dictionary", ":material/menu_book:", RESEARCH, "pages",
         ("table_stats",)),
    Page("admin", "beheer", "page_admin", ":material/database:", ADMIN, "data_admin", (), hidden=True),
)

BY_NAME = {p.name: p for p in PAGES}
BY_URL = {**{p.url_path: p for p in PAGES}, **{p.alias: p for p in PAGES if p.alias}}
MANAGERS_PAGES = tuple(p.name for p in PAGES if p.section == MANAGERS)  # the pages with charts
DEFAULT = next(p for p in PAGES if p.default)


def find(url_path: str) -> Page | None:
    """The page at /<url_path>; the default page is also at the bare address ("")."""
    return BY_URL.get(url_path) or (DEFAULT if url_path == "" else None)


def navigation(can) -> dict:
    """The menu for st.navigation: section title -> st.Page, leaving out hidden pages the user may not use.

    `can(capability) -> bool` is access.can (passed in, so this module needs no session)."""
    import streamlit as st

    from .i18n import t

    out: dict[str, list] = {}
    for p in PAGES:
        if p.hidden and not can(p.role):
            continue
        out.setdefault(t(p.section), []).append(
            st.Page(p.path, title=t(p.title), icon=p.icon, url_path=p.url_path, default=p.default))
    for p in PAGES:  # aliases last, as hidden entries of their section
        if p.alias and not (p.hidden and not can(p.role)):
            out[t(p.section)].append(st.Page(p.path, title=t(p.title), icon=p.icon, url_path=p.alias,
                                             visibility="hidden"))
    return out
