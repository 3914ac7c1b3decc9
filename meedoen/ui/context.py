"""What a run of the app knows: the data version, the global filters (sidebar and URL), the
language switch and the status line; and the charts and downloads the running page collected."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd
import streamlit as st

from .. import access, filters, i18n, versions
from ..filters import Filters
from . import choices
from ..i18n import fmt_date, t
from ..query import data
from ..versions import Version


@dataclasses.dataclass
class Context:
    """What every page needs: the run's scope (data version, audience, permitted regions), resolved
    once at the start of the run, and the global filters. Every query of the run goes through
    `data.run(name, c.scope, ...)`, so a page, its charts and downloads all show one data version."""

    scope: data.Scope
    filters: Filters | None
    regions: pd.DataFrame  # level, code, name, parent_code, inwoners
    defects: list = dataclasses.field(default_factory=list)  # versions.Defect: what is wrong with the data

    def fatal(self) -> list:
        """Defects that leave nothing to show: no readable placements or regions."""
        return [d for d in self.defects if d.table in FATAL or d.kind == "empty"]

    def problem(self) -> str:
        """Why there is nothing to show, in the reader's language."""
        fatal = self.fatal() or self.defects
        if self.version is None or not fatal:
            return t("no_data")
        return t("data_broken", version=self.version.id, what=defects_text(fatal))

    @property
    def version(self) -> Version | None:
        return self.scope.version

    def region_name(self, code: str | None = None) -> str:
        code = code if code is not None else (self.filters.region if self.filters else None)
        if not code:
            return t("all_nl")
        hit = self.regions.loc[self.regions["code"] == code, "name"]
        return hit.iloc[0] if len(hit) else code

    def where_when(self) -> dict:
        return {"where": self.region_name(), "period": self.filters.period.label()}

    def source(self) -> str:
        v = self.version
        src = t("source_demo") if v and v.is_demo else t("source_export", version=v.id if v else "–")
        p = data.peildatum(v)
        return t("source_line", source=src, peildatum=fmt_date(p) if p else "–")

    def params(self, **extra) -> dict:
        return {**self.filters.params(), **extra}


FATAL = ("placements", "regions")


def defects_text(defects) -> str:
    """'placements.parquet is afgekapt (onvolledig); tabel pilots ontbreekt'."""
    return "; ".join(t(f"defect_{d.kind}", table=d.table, file=d.file or d.table) for d in defects)


def ctx() -> Context:
    return st.session_state["_ctx"]


def init_language() -> None:
    """Language from the URL (taal=en) or the session; must run before any text is drawn."""
    i18n.begin_run()
    ss = st.session_state
    if "_lang" not in ss:
        i18n.set_lang(st.query_params.get("taal", "nl"))
    elif ss.get("f_lang") in i18n.LANGS and ss["f_lang"] != ss["_lang"]:  # just chosen in the sidebar
        i18n.set_lang(ss["f_lang"])
        _keep_choices_through_language_change()


# The filters' widget keys: a selectbox keeps its choice as the label it shows (see below).
FILTER_KEYS = ("f_kind", "f_year", "f_part", "f_level", "f_region", "f_programme", "f_doelgroep")


def _keep_choices_through_language_change() -> None:
    """The browser sends a selectbox's choice back as the label it showed, and Streamlit finds the value by
    that label among the ones drawn this run: after a language switch the old label matches nothing, and
    the label itself ("Gemeente") became the value. Read now, with the labels it was drawn with, and set
    again, the choices count instead of what the browser sends."""
    ss = st.session_state
    keys = list(FILTER_KEYS) + [key for key, _, _ in ss.get(choices.DECLARED, {}).values()]
    for key in keys:
        if key in ss:
            ss[key] = ss[key]


def setup() -> Context:
    """Resolve the run's scope once (data version under a lease, audience, regions) and the global
    filters, from the session (a widget's new value is there before the run) or, at first, the URL.
    Their widgets are drawn after the page (frame.widgets)."""
    data.begin_run()  # pins the version for this run and leases it; data.scope() reads it
    sc = data.scope()
    defects = versions.health(sc.version)
    regions = data.run("region_list", sc).df
    fatal = [d for d in defects if d.table in FATAL or d.kind == "empty"]
    st.session_state[_FILTER_WIDGETS] = None
    if sc.version is None or regions.empty or fatal:  # damaged or empty data: no filters, and the reason
        c = Context(sc, None, regions, defects)
        st.session_state["_ctx"] = c
        return c
    if sc.restricted:  # a viewer bound to some regions sees only those, in every filter and page
        regions = regions[regions["code"].isin(sc.permitted)].reset_index(drop=True)
    f, st.session_state[_FILTER_WIDGETS] = _filters(sc, regions)
    c = Context(sc, f, regions, defects)
    st.session_state["_ctx"] = c
    return c


_FILTER_WIDGETS = "_filter_widgets"


def draw_filters() -> None:
    """The global filters' widgets in the sidebar; setup() resolved their values (see frame.widgets)."""
    draw = st.session_state.get(_FILTER_WIDGETS)
    if draw is not None:
        draw()


_KINDS = ("year", "half", "quarter", "month")


ALL = "__alle__"


def _none(v):
    return None if v == ALL else v


_PARTS = {"year": [None], "half": [1, 2], "quarter": [1, 2, 3, 4], "month": list(range(1, 13))}


def _filters(sc: data.Scope, regions: pd.DataFrame) -> tuple[Filters, Callable[[], None]]:
    """The filters of this run, and a function that draws their widgets (the same keys and options)."""
    ss = st.session_state
    v, restricted = sc.version, sc.restricted
    opts = data.run("filter_options", sc).df
    programmes = sorted(opts.loc[opts["kind"] == "programme", "value"])
    doelgroepen = sorted(opts.loc[opts["kind"] == "doelgroep", "value"])
    years = sorted(int(y) for y in opts.loc[opts["kind"] == "year", "value"])
    p = data.peildatum(v)
    default_year = p.year if p and p.year in years else (years[-1] if years else 2025)

    if "f_kind" not in ss:  # first run of this session: take the view from the URL
        f, problems = filters.from_query(
            st.query_params.to_dict(), regions=set(regions["code"]), programmes=set(programmes),
            doelgroepen=set(doelgroepen), default_period=str(default_year))
        per = f.period
        if years and per.year not in years:  # a well-formed period outside the data: say so, show the default
            problems.append(t("url_period_out_of_range", code=per.code, first=years[0], last=years[-1],
                              shown=default_year))
            per = filters.parse_period(str(default_year))
        ss["f_kind"] = per.kind
        ss["f_year"] = per.year
        ss["f_part"] = None if per.kind == "year" else int(per.code[6:] if per.kind in ("half", "quarter") else per.code[5:])
        ss["f_level"], ss["f_region"] = f.level, f.region or ALL
        ss["f_programme"], ss["f_doelgroep"] = f.programme, f.doelgroep
        ss["_url_problems"] = problems

    if "_goto" in ss:  # a drill-down asked for another region (set before the widgets exist)
        ss["f_level"], ss["f_region"] = ss.pop("_goto")
    levels = [lv for lv in filters.LEVELS if not restricted or (regions["level"] == lv).any()]
    if restricted and (ss.get("f_region") not in set(regions["code"]) or ss.get("f_level") not in levels):
        # Not theirs (from a URL, say): the widest region they may see, and say so.
        widest = sc.clamp(None)
        if ss.get("f_region") not in (None, ALL):
            ss["_url_problems"] = ss.get("_url_problems", []) + [t("region_not_allowed")]
        ss["f_level"], ss["f_region"] = filters.level_of(widest), widest

    kind = ss.get("f_kind") or "year"
    parts = _PARTS[kind]
    if ss.get("f_part") not in parts:
        ss["f_part"] = parts[-1] if kind != "year" else None
    level = ss["f_level"]
    at_level = regions[regions["level"] == level].sort_values("name")
    # A sentinel for all of the country, not None: a selectbox shows None as "no choice made".
    options = ([] if restricted else [ALL]) + list(at_level["code"])
    if ss.get("f_region") not in options:
        ss["f_region"] = options[0]
    for k, values in (("f_programme", programmes), ("f_doelgroep", doelgroepen)):
        if ss.get(k) not in values:
            ss[k] = ALL
    # Labels are looked up now, in the script thread: format_func may be called later from
    # elsewhere (AppTest formats the session value outside the run, in the default language).
    kind_labels = {k: t(f"pk_{k}") for k in _KINDS}
    part_labels = {n: _part_label(kind, n) for n in parts}
    level_labels = {lv: filters.level_label(lv) for lv in filters.LEVELS}
    names = {ALL: t("all_nl"), **dict(zip(at_level["code"], at_level["name"]))}
    all_label = t("all")
    prog_labels = {ALL: all_label, **{p: p for p in programmes}}
    dg_labels = {ALL: all_label, **{d: i18n.label("dg", d) for d in doelgroepen}}

    def draw() -> None:
        sb = st.sidebar
        sb.header(t("filters"))
        sb.segmented_control(t("period_kind"), _KINDS, key="f_kind", format_func=kind_labels.__getitem__,
                             selection_mode="single")
        c1, c2 = sb.columns(2)
        c1.selectbox(t("year"), years, key="f_year")
        if kind != "year":
            c2.selectbox(t(kind), parts, key="f_part", format_func=part_labels.__getitem__)
        sb.selectbox(t("level"), levels, key="f_level", format_func=level_labels.__getitem__)
        sb.selectbox(t("region"), options, key="f_region", format_func=names.__getitem__)
        sb.selectbox(t("programme"), [ALL] + programmes, key="f_programme", format_func=prog_labels.__getitem__)
        sb.selectbox(t("doelgroep"), [ALL] + doelgroepen, key="f_doelgroep", format_func=dg_labels.__getitem__)

    period = filters.parse_period(filters.period_code(kind, ss["f_year"], ss.get("f_part")))
    f = Filters(period, level, _none(ss["f_region"]), _none(ss["f_programme"]), _none(ss["f_doelgroep"]))
    for what in ss.get("_url_problems", []):
        st.warning(t("url_fixed", what=what))
    ss["_url_problems"] = []
    _write_url(f)
    return f, draw


def goto_region(code: str | None) -> None:
    """Drill down: make `code` the selected region on the next run."""
    level = filters.level_of(code)
    if code and level and code != st.session_state.get("f_region"):
        st.session_state["_goto"] = (level, code)
        st.rerun()


def _part_label(kind: str, n: int) -> str:
    if kind == "month":
        return i18n.MONTHS[i18n.lang()][n - 1]
    return ("H" if kind == "half" else "Q") + str(n)


def _write_url(f: Filters) -> None:
    """Keep the address bar equal to the view, so a copied link reopens it."""
    q = f.to_query()
    if i18n.lang() != "nl":
        q["taal"] = i18n.lang()
    if st.session_state.get("present"):
        q["presentatie"] = "1"
        q["dia"] = str(st.session_state.get(_SLIDE, 1))
    # Only the global keys: a page's own choices (ui.choices) share the address bar.
    for key in choices.GLOBAL_KEYS:
        if key in q:
            if st.query_params.get(key) != q[key]:
                st.query_params[key] = q[key]
        elif key in st.query_params:
            del st.query_params[key]


def language_switch() -> None:
    """The language switch; init_language takes a new choice at the start of the run the click starts."""
    current = i18n.lang()
    choice = st.sidebar.segmented_control(t("language"), ["nl", "en"], default=current, key="f_lang",
                                          format_func=lambda x: {"nl": "Nederlands", "en": "English"}[x])
    if choice and choice != current:  # not expected (init_language took it), but never show the wrong language
        i18n.set_lang(choice)
        st.rerun()


def status_line(c: Context) -> None:
    """Demo badge, peildatum and audience on every page; the technical data version behind a details toggle.
    Wraps on a narrow screen."""
    v = c.version
    if v is None:
        st.error(t("no_data"))
        return
    if c.defects and not c.fatal():
        st.warning(t("data_defects", version=v.id, what=defects_text(c.defects)), icon=":material/warning:")
    p = data.peildatum(v)
    bits = [f"{t('peildatum')}: **{fmt_date(p) if p else '–'}**",
            f"{t('audience')}: **{t('aud_' + c.scope.audience)}**"]
    u = access.user()
    if u is not None:
        bits.append(t("signed_in_as", name=u.name, role=t("role_" + u.role.value)))
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="status_line"):
        if v.is_demo:
            st.badge(t("demo_badge"), color="orange", help=t("demo_note"))
        st.caption(" · ".join(bits), width="content")
        with st.popover(t("details"), type="tertiary", icon=":material/info:"):
            st.markdown(f"{t('version')}: `{v.id}`")
            if v.is_demo:
                st.caption(t("demo_note"))


_SLIDE = "dia"  # session key of the 1-based slide number (also its URL parameter)


_CHARTS = "_charts"  # the charts this run's page drew: key -> present.Collected


_JOBS = "_export_jobs"  # the download callables of this run, by button key (tests call them)


_TILES = "_tiles"  # the KPI tiles this run's page drew: present.Tile, for the deck and presentation mode


_PAGE = "_page"  # (title, url_path) of the page being shown


def _collected() -> dict:
    ss = st.session_state
    if _CHARTS not in ss:
        ss[_CHARTS] = {}
    return ss[_CHARTS]


def _jobs() -> dict:
    ss = st.session_state
    if _JOBS not in ss:
        ss[_JOBS] = {}
    return ss[_JOBS]


def _tiles() -> list:
    ss = st.session_state
    if _TILES not in ss:
        ss[_TILES] = []
    return ss[_TILES]
