"""Small Streamlit components shared by the pages: sidebar filters, status line, KPI tiles,
charts with their query and data, empty states."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import math
import re
import threading

import numpy as np
import pandas as pd
import streamlit as st

from . import access, config, data, export, filters, i18n, present, store, strings_present  # noqa: F401
from .filters import Filters
from .i18n import fmt_date, fmt_int, t
from .store import Version


@dataclasses.dataclass
class Context:
    """What every page needs: the data version being served and the global filters."""

    version: Version | None
    filters: Filters | None
    regions: pd.DataFrame  # level, code, name, parent_code, inwoners
    defects: list = dataclasses.field(default_factory=list)  # store.Defect: what is wrong with the data

    def fatal(self) -> list:
        """Defects that leave nothing to show: no readable placements or regions."""
        return [d for d in self.defects if d.table in FATAL or d.kind == "empty"]

    def problem(self) -> str:
        """Why there is nothing to show, in the reader's language."""
        fatal = self.fatal() or self.defects
        if self.version is None or not fatal:
            return t("no_data")
        return t("data_broken", version=self.version.id, what=defects_text(fatal))

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


# ------------------------------------------------------------------ start of every run

def init_language() -> None:
    """Language from the URL (taal=en) or the session; must run before any text is drawn."""
    i18n.begin_run()
    if "_lang" not in st.session_state:
        i18n.set_lang(st.query_params.get("taal", "nl"))


def login_gate() -> None:
    """When a login is configured, nothing is shown until someone signs in (see meedoen.signin)."""
    if not access.login_required():
        return
    from . import auth, signin

    secrets = access.secrets()
    if access.user() is None and auth.oidc_configured(secrets) and getattr(st.user, "is_logged_in", False):
        u = auth.lookup_user(secrets, st.user.get("email") or st.user.get("name") or "")
        if u is None:
            st.error(t("login_unknown", name=st.user.get("email") or "?"))
            st.button(t("logout"), on_click=st.logout)
            st.stop()
        access.sign_in(u)
    if access.user() is None:
        u = signin.from_cookie()  # a reload or an opened link: still signed in
        if u is not None:
            access.sign_in(u)
    if access.user() is not None:
        signin.cookie_script()
        if st.sidebar.button(t("logout"), key="logout", icon=":material/logout:"):
            signin.forget()
            access.sign_out()
            if getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()
        return
    signin.cookie_script()  # clears the cookie after a sign-out
    st.title("Meedoen")
    st.write(t("login_intro"))
    if auth.oidc_configured(secrets):
        st.button(t("login_oidc"), on_click=st.login, type="primary")
    if auth.users(secrets):
        with st.form("login"):
            name = st.text_input(t("login_name"))
            password = st.text_input(t("login_password"), type="password")
            if st.form_submit_button(t("login_submit"), type="primary"):
                u, message = signin.attempt(secrets, name, password)
                if u is None:
                    st.error(message)
                else:
                    access.sign_in(u)
                    signin.remember(u)
                    st.rerun()
    st.stop()


def setup() -> Context:
    """Resolve the data version once for this run (every query of the run uses it, under a lease)
    and draw the global filters in the sidebar."""
    v = data.begin_run()
    defects = store.health(v)
    regions = data.run("region_list", v).df
    fatal = [d for d in defects if d.table in FATAL or d.kind == "empty"]
    if v is None or regions.empty or fatal:  # damaged or empty data: no filters, and the reason
        c = Context(v, None, regions, defects)
        st.session_state["_ctx"] = c
        return c
    restricted = access.allowed_regions() is not None
    if restricted:  # a viewer bound to some regions sees only those, in every filter and page
        keep = access.permitted(data.region_parents(v))
        regions = regions[regions["code"].isin(keep)].reset_index(drop=True)
    f = _sidebar(v, regions, restricted)
    c = Context(v, f, regions, defects)
    st.session_state["_ctx"] = c
    return c


_KINDS = ("year", "half", "quarter", "month")
ALL = "__alle__"


def _none(v):
    return None if v == ALL else v


_PARTS = {"year": [None], "half": [1, 2], "quarter": [1, 2, 3, 4], "month": list(range(1, 13))}


def _sidebar(v: Version, regions: pd.DataFrame, restricted: bool = False) -> Filters:
    ss = st.session_state
    opts = data.run("filter_options", v).df
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
        ss["f_kind"] = per.kind
        ss["f_year"] = per.year if per.year in years else default_year
        ss["f_part"] = None if per.kind == "year" else int(per.code[6:] if per.kind in ("half", "quarter") else per.code[5:])
        ss["f_level"], ss["f_region"] = f.level, f.region or ALL
        ss["f_programme"], ss["f_doelgroep"] = f.programme, f.doelgroep
        ss["_url_problems"] = problems

    if "_goto" in ss:  # a drill-down asked for another region (set before the widgets exist)
        ss["f_level"], ss["f_region"] = ss.pop("_goto")
    levels = [lv for lv in filters.LEVELS if not restricted or (regions["level"] == lv).any()]
    if restricted and (ss.get("f_region") not in set(regions["code"]) or ss.get("f_level") not in levels):
        # Not theirs (from a URL, say): the widest region they may see, and say so.
        widest = access.clamp(None, data.region_parents(v))
        if ss.get("f_region") not in (None, ALL):
            ss["_url_problems"] = ss.get("_url_problems", []) + [t("region_not_allowed")]
        ss["f_level"], ss["f_region"] = filters.level_of(widest), widest

    # Labels are looked up now, in the script thread: format_func may be called later from
    # elsewhere (AppTest formats the session value outside the run, in the default language).
    kind_labels = {k: t(f"pk_{k}") for k in _KINDS}
    sb = st.sidebar
    sb.header(t("filters"))
    sb.segmented_control(t("period_kind"), _KINDS, key="f_kind", format_func=kind_labels.__getitem__,
                         selection_mode="single")
    kind = ss.get("f_kind") or "year"
    c1, c2 = sb.columns(2)
    c1.selectbox(t("year"), years, key="f_year")
    parts = _PARTS[kind]
    if ss.get("f_part") not in parts:
        ss["f_part"] = parts[-1] if kind != "year" else None
    if kind != "year":
        part_labels = {n: _part_label(kind, n) for n in parts}
        c2.selectbox(t(kind), parts, key="f_part", format_func=part_labels.__getitem__)
    # Labels are made here, in the script run: a format_func may be called outside it.
    level_labels = {lv: filters.level_label(lv) for lv in filters.LEVELS}
    sb.selectbox(t("level"), levels, key="f_level", format_func=level_labels.__getitem__)
    level = ss["f_level"]
    at_level = regions[regions["level"] == level].sort_values("name")
    # A sentinel for all of the country, not None: a selectbox shows None as "no choice made".
    options = ([] if restricted else [ALL]) + list(at_level["code"])
    if ss.get("f_region") not in options:
        ss["f_region"] = options[0]
    names = {ALL: t("all_nl"), **dict(zip(at_level["code"], at_level["name"]))}
    sb.selectbox(t("region"), options, key="f_region", format_func=names.__getitem__)
    # A sentinel, not None: a selectbox shows None as "no choice made".
    for k, values in (("f_programme", programmes), ("f_doelgroep", doelgroepen)):
        if ss.get(k) not in values:
            ss[k] = ALL
    all_label = t("all")
    prog_labels = {ALL: all_label, **{p: p for p in programmes}}
    dg_labels = {ALL: all_label, **{d: i18n.label("dg", d) for d in doelgroepen}}
    sb.selectbox(t("programme"), [ALL] + programmes, key="f_programme", format_func=prog_labels.__getitem__)
    sb.selectbox(t("doelgroep"), [ALL] + doelgroepen, key="f_doelgroep", format_func=dg_labels.__getitem__)

    period = filters.parse_period(filters.period_code(kind, ss["f_year"], ss.get("f_part")))
    f = Filters(period, level, _none(ss["f_region"]), _none(ss["f_programme"]), _none(ss["f_doelgroep"]))
    for what in ss.get("_url_problems", []):
        st.warning(t("url_fixed", what=what))
    ss["_url_problems"] = []
    _write_url(f)
    return f


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
    if st.query_params.to_dict() != q:
        st.query_params.from_dict(q)


def language_switch() -> None:
    current = i18n.lang()
    choice = st.sidebar.segmented_control(t("language"), ["nl", "en"], default=current, key="f_lang",
                                          format_func=lambda x: {"nl": "Nederlands", "en": "English"}[x])
    if choice and choice != current:
        i18n.set_lang(choice)
        st.rerun()


def status_line(c: Context) -> None:
    """Demo badge, peildatum, data version and audience: shown on every page."""
    v = c.version
    if v is None:
        st.error(t("no_data"))
        return
    if c.defects and not c.fatal():
        st.warning(t("data_defects", version=v.id, what=defects_text(c.defects)), icon=":material/warning:")
    p = data.peildatum(v)
    bits = []
    if v.is_demo:
        bits.append(f":orange-badge[{t('demo_badge')}]")
    bits.append(f"{t('peildatum')}: **{fmt_date(p) if p else '–'}**")
    bits.append(f"{t('version')}: `{v.id}`")
    bits.append(f"{t('audience')}: **{t('aud_' + access.audience())}**")
    u = access.user()
    if u is not None:
        bits.append(t("signed_in_as", name=u.name, role=t("role_" + u.role.value)))
    st.caption(" · ".join(bits), help=t("demo_note") if v.is_demo else None)


# ------------------------------------------------------------------ protected numbers

def k() -> int:
    return int(config.get("suppress_k"))


def count(row, col: str) -> str:
    """A count as text for the audience: '<5' when below k and hidden, 'x' when hidden as a complement."""
    if bool(row.get(col + "__suppressed", False)):
        return f"<{k()}" if bool(row.get(col + "__small", False)) else "x"
    return fmt_int(row.get(col))


def share(row, col: str, digits: int = 0) -> str:
    """A rate as text: 'x' when it is hidden (its group is too small or its count is hidden)."""
    if bool(row.get(col + "__suppressed", False)):
        return "x"
    return i18n.fmt_pct(row.get(col), digits)


def display_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A result for on-screen tables, without flag columns.

    Publiek: withheld cells as '<5' or 'x'. Intern: exact numbers (still sortable) and a column
    that marks rows with a small group.
    """
    out = df.copy()
    flags = [c for c in df.columns if c.endswith("__suppressed") or c.endswith("__small") or c == "small"]
    smalls = [c for c in df.columns if c.endswith("__small")]
    if df.attrs.get("audience") == "intern" and smalls:
        any_small = df[smalls].any(axis=1)
        if any_small.any():
            out[t("small_group_col", k=k())] = np.where(any_small, "*", "")
    for flag in [c for c in flags if c.endswith("__suppressed")]:
        col = flag[: -len("__suppressed")]
        if col not in df.columns:
            continue
        hid = df[flag].to_numpy(bool)
        small = df.get(col + "__small", pd.Series(False, index=df.index)).to_numpy(bool)
        if hid.any():
            # One text column (Arrow needs one type): counts as integers, other values with two decimals.
            is_count = col + "__small" in df.columns
            text = [i18n.fmt_num(v, 0 if is_count else 2) for v in df[col]]
            for i in np.flatnonzero(hid):
                text[i] = f"<{k()}" if small[i] else "x"
            out[col] = text
    return out.drop(columns=flags)


def protection_note(*results: data.Result) -> None:
    """Under a chart or table: what the marks mean, when a mark is shown."""
    hidden = small = False
    for r in results:
        if r.empty:
            continue
        hidden |= any(r.df[c].any() for c in r.df.columns if c.endswith("__suppressed"))
        small |= any(r.df[c].any() for c in r.df.columns if c.endswith("__small"))
    if hidden and results[0].audience == "publiek":
        st.caption(t("legend_publiek", k=k()))
    elif small:
        st.caption(t("legend_intern", k=k()))


def _is_nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def mark_hidden(fig):
    """Show hidden values as an 'x' at the axis instead of leaving a silent gap."""
    extra = []
    for tr in fig.data:
        if tr.type == "bar":
            horizontal = tr.orientation == "h"
            vals = list(tr.x if horizontal else tr.y) if (tr.x if horizontal else tr.y) is not None else []
            idx = [i for i, v in enumerate(vals) if _is_nan(v)]
            if not idx:
                continue
            cats = list(tr.y if horizontal else tr.x) if (tr.y if horizontal else tr.x) is not None else []
            pts = [cats[i] for i in idx if i < len(cats)]
            extra.append(dict(x=[0] * len(pts) if horizontal else pts, y=pts if horizontal else [0] * len(pts),
                              name=tr.name, xaxis=tr.xaxis, yaxis=tr.yaxis))
        elif tr.type == "scatter" and tr.y is not None and tr.x is not None:
            ys = list(tr.y)
            idx = [i for i, v in enumerate(ys) if _is_nan(v)]
            if idx and any(not _is_nan(v) for v in ys):
                xs = list(tr.x)
                extra.append(dict(x=[xs[i] for i in idx], y=[0] * len(idx), name=tr.name, xaxis=tr.xaxis,
                                  yaxis=tr.yaxis))
    for e in extra:
        fig.add_scatter(x=e["x"], y=e["y"], mode="text", text=["x"] * len(e["x"]), textfont=dict(size=14),
                        showlegend=False, xaxis=e["xaxis"], yaxis=e["yaxis"], cliponaxis=False,
                        hovertemplate=f"{e['name'] or ''}: {t('hidden_value')}<extra></extra>")
    return fig


# ------------------------------------------------------------------ page building blocks

def empty_state(message: str | None = None) -> None:
    if message == t("no_data"):  # a page without data: say what is wrong with it, if that is the reason
        message = ctx().problem()
    st.info(message or t("empty"), icon=":material/search_off:")


def failed(result: data.Result) -> bool:
    """Show a clear message for a failed or empty result; True when there is nothing to draw."""
    if result.error:
        # Dutch first; what DuckDB said only behind the details toggle.
        st.warning(t("query_failed_nl", name=result.name), icon=":material/warning:")
        with st.expander(t("details")):
            st.code(result.error, language=None, wrap_lines=True)
        return True
    if result.df.empty:
        empty_state()
        return True
    return False


def chart(fig, *results: data.Result, key: str) -> None:
    """A chart with its downloads and, under it, the SQL, parameter values and data that produced it.

    Every chart is also collected for the page's PowerPoint; in presentation mode it is only
    collected, and present_page() shows one at a time. Withheld values (publiek) are marked first.
    """
    if any(r.audience == "publiek" for r in results):
        mark_hidden(fig)
    _collected()[key] = present.Collected(fig, tuple(results), key)
    if access.presenting():
        return
    st.plotly_chart(fig, theme=None, width="stretch", key=key,
                    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080}})
    protection_note(*results)
    with st.container(horizontal=True, wrap=False, gap="small"):
        downloads(fig, *results, key=key)
        query_and_data(*results, key=key)


def queries_person_rows(name: str) -> bool:
    from .db import queries

    return queries()[name].person_rows


def query_and_data(*results: data.Result, key: str) -> None:
    from . import export  # here, not at the top: this function is the only user in this module

    # A stateful expander: its content is only built while it is open. Streamlit otherwise sends a
    # closed expander's tables, code and CSV bytes anyway, which made every page open markedly slower.
    exp = st.expander(t("query_and_data"), key=f"qd-{key}", on_change="rerun")
    if not exp.open:
        return
    with exp:
        for r in results:
            st.markdown(f"**`queries/{r.name}.sql`**")
            st.code(r.sql, language="sql")
            st.caption(t("params") + ": " + ", ".join(f"`${k}` = `{v}`" for k, v in r.params.items()))
            if queries_person_rows(r.name) and not access.can("person_rows"):
                st.info(t("person_rows_only_researcher"), icon=":material/lock:")
                continue
            st.dataframe(display_frame(r.df), hide_index=True, width="stretch")
            row = st.container(horizontal=True)
            # Downloads hold what the table shows: withheld cells as '<5' or 'x' (publiek), small groups marked (intern).
            out = display_frame(r.df)
            row.download_button(t("download_csv"), out.to_csv(index=False).encode("utf-8-sig"),
                                file_name=f"{r.name}.csv", mime="text/csv", key=f"dl-{key}-{r.name}")
            # Parquet and Excel are made only when clicked (a callable), so pages do not pay for them on every run.
            # ("Download …" is the same in Dutch and English.)
            row.download_button("Download Parquet", lambda df=out: export.parquet_bytes(df),
                                file_name=f"{r.name}.parquet", mime="application/vnd.apache.parquet",
                                key=f"dl-{key}-{r.name}-parquet", on_click="ignore")
            row.download_button("Download Excel", lambda df=out, n=r.name[:31]: export.excel_bytes(df, sheet_name=n),
                                file_name=f"{r.name}.xlsx", key=f"dl-{key}-{r.name}-xlsx", on_click="ignore",
                                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


# ------------------------------------------------------------------ presentation mode, exports, share

_SLIDE = "dia"  # session key of the 1-based slide number (also its URL parameter)
_CHARTS = "_charts"  # the charts this run's page drew: key -> present.Collected
_JOBS = "_export_jobs"  # the download callables of this run, by button key (tests call them)
_PAGE = "_page"  # (title, url_path) of the page being shown
_PRESENT_WIDGET = "w_present"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

_PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarCollapseButton"], header[data-testid="stHeader"] {display: none !important;}
.st-key-page_body {display: none !important;}
[data-testid="stMainBlockContainer"] {padding-top: 1.25rem; padding-bottom: 0.5rem; max-width: none;}
.st-key-present_head p {font-size: 30px; line-height: 1.3; color: #111827; margin: 0;}
.st-key-present_head p.pr-sub {font-size: 22px; color: #374151;}
.st-key-present_nav p {font-size: 22px;}
.st-key-present_nav button {min-height: 3rem; padding: 0.25rem 1.25rem;}
.st-key-present_empty p {font-size: 26px;}
</style>"""


def init_presentation() -> bool:
    """Presentation mode and slide from the URL on a session's first run; call before
    st.set_page_config, so the sidebar can start collapsed."""
    ss = st.session_state
    if "_present_init" not in ss:
        ss["_present_init"] = True
        ss[access.PRESENT] = st.query_params.get(present.PRESENT_PARAM) == "1"
        ss[_SLIDE] = present.slide_number(st.query_params.get(present.SLIDE_PARAM))
    return access.presenting()


def set_presenting(on: bool) -> None:
    """Switch presentation mode (a button callback); starting always begins at slide 1."""
    ss = st.session_state
    ss[access.PRESENT] = bool(on)
    ss[_PRESENT_WIDGET] = bool(on)
    if on:
        ss[_SLIDE] = 1


def _go_slide(n: int) -> None:
    st.session_state[_SLIDE] = max(1, n)


def presentation_switch() -> None:
    """The sidebar toggle for presentation mode."""
    ss = st.session_state
    ss[_PRESENT_WIDGET] = access.presenting()
    st.sidebar.toggle(t("pr_toggle"), key=_PRESENT_WIDGET, help=t("pr_toggle_help"),
                      on_change=lambda: set_presenting(st.session_state[_PRESENT_WIDGET]))


def begin_page(page) -> None:
    """Start collecting this run's charts and download jobs (call before the page runs)."""
    ss = st.session_state
    ss[_CHARTS] = {}
    ss[_JOBS] = {}
    ss[_PAGE] = (page.title, page.url_path)


class _PageStopped(Exception):
    """A page called st.stop() while run_page runs it."""


_page_run = threading.local()
_REAL_STOP = getattr(st.stop, "_meedoen_original", st.stop)


def _page_stop() -> None:
    # Inside run_page a page's st.stop() ends the page only; elsewhere it is Streamlit's own.
    if getattr(_page_run, "active", False):
        raise _PageStopped
    _REAL_STOP()


_page_stop._meedoen_original = _REAL_STOP
st.stop = _page_stop


def run_page(page) -> None:
    """Run the chosen page. Pages end early with st.stop() (no data, empty selection); that must
    not also stop app.py, which draws the toolbar and, in presentation mode, the slides after it."""
    _page_run.active = True
    try:
        page.run()
    except _PageStopped:
        pass
    finally:
        _page_run.active = False


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


def end_page(tools) -> None:
    """After the page ran: in presentation mode the chosen chart, else the page's toolbar."""
    if access.presenting():
        present_page()
    elif ctx().filters is not None:
        page_tools(tools)


def _audience_label() -> str:
    return t("ex_aud_" + access.audience())


def _footer() -> str:
    """Audience in force and date, for every exported file (computed in the script thread)."""
    return t("ex_footer", audience=_audience_label(), date=fmt_date(dt.date.today()))


def _source() -> str | None:
    c = ctx()
    return c.source() if c.version is not None else None


def _file_stem(what: str) -> str:
    c = ctx()
    bits = ["meedoen", what]
    if c.filters is not None:
        bits += [c.filters.period.code, c.filters.region or "NL"]
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(bits)).strip("-")


def export_problem() -> str | None:
    """Why images cannot be made here (Dutch, from export.py), or None."""
    try:
        export.check_available()
    except export.ExportUnavailable as e:
        return str(e)
    return present.unavailable()


def downloads(fig, *results: data.Result, key: str) -> None:
    """A 'Downloaden' popover: PNG and SVG made on click (cached), CSV of each result."""
    jobs = _jobs()
    source, footer, stem = _source(), _footer(), _file_stem(key)
    with st.popover(t("ex_download"), icon=":material/download:"):
        problem = export_problem()
        if problem:
            st.warning(problem, icon=":material/image_not_supported:")
        else:
            for fmt, label, mime, icon in (("png", t("ex_png"), "image/png", ":material/image:"),
                                           ("svg", t("ex_svg"), "image/svg+xml", ":material/draw:")):
                job = jobs[f"{fmt}-{key}"] = functools.partial(present.image_bytes, fig, fmt, source=source,
                                                               footer=footer)
                st.download_button(label, job, file_name=f"{stem}.{fmt}", mime=mime, key=f"{fmt}-{key}",
                                   on_click="ignore", icon=icon, width="stretch")
            st.caption(t("ex_wait"))
        for r in results:
            if r.error:
                continue
            job = jobs[f"csv-{key}-{r.name}"] = functools.partial(export.csv_bytes, display_frame(r.df))
            st.download_button(t("ex_csv", name=r.name), job, file_name=f"{r.name}.csv", mime="text/csv",
                               key=f"csv-{key}-{r.name}", on_click="ignore", icon=":material/table:",
                               width="stretch")


def deck_job(page_title: str):
    """The callable that makes this view's PowerPoint (texts fixed now, in the script thread)."""
    c = ctx()
    p = data.peildatum(c.version)
    subtitle = c.filters.period.label() + (f" · {t('peildatum')} {fmt_date(p)}" if p else "")
    footer = " · ".join(x for x in (_source(), f"{t('audience')}: {_audience_label()}") if x)
    return functools.partial(
        present.deck_bytes, list(_collected().values()), title=f"{page_title} — {c.region_name()}",
        subtitle=subtitle, footer=footer, source=_source(), lang=i18n.lang(), audience=access.audience(),
        category=t("ex_category"), value=t("ex_value"))


def page_tools(tools) -> None:
    """Share link, PowerPoint of the charts this page drew, and a button to start presenting."""
    title = st.session_state.get(_PAGE, ("Meedoen", ""))[0]
    with tools:
        share_popover()
        if _collected():
            problem = export_problem()
            if problem:
                st.button(t("ex_deck"), disabled=True, help=problem, icon=":material/co_present:", key="deck_off")
            else:
                job = _jobs()["deck"] = deck_job(title)
                st.download_button(t("ex_deck"), job, file_name=_file_stem(title) + ".pptx", mime=PPTX_MIME,
                                   key="deck", on_click="ignore", icon=":material/co_present:",
                                   help=t("ex_deck_help"))
            st.button(t("pr_start"), icon=":material/slideshow:", on_click=set_presenting, args=(True,),
                      key="pr_start", help=t("pr_toggle_help"))
    if _collected() and (problem := export_problem()):
        st.caption(problem)


def current_link() -> str:
    """The full address of this view: page, filters, language, presentation mode and slide."""
    base = st.context.url or ""
    if not base:  # no browser (AppTest): the host from the request, else the local default
        try:
            host = st.context.headers.get("host")
        except Exception:
            host = None
        path = st.session_state.get(_PAGE, ("", ""))[1]
        base = f"http://{host or 'localhost:8501'}/{path}"
    return present.share_link(base, st.query_params.to_dict())


def share_popover() -> None:
    """'Kopieer link': the address of this view in a code box, which has a copy button."""
    with st.popover(t("sh_copy"), icon=":material/link:"):
        st.code(current_link(), language=None, wrap_lines=True)
        st.caption(t("sh_help"))


def present_page() -> None:
    """Presentation mode: the header, chart N of this page enlarged, and the slide buttons."""
    ss = st.session_state
    c = ctx()
    st.html(_PRESENT_CSS)
    title = ss.get(_PAGE, ("Meedoen", ""))[0]
    items = list(_collected().values())
    with st.container(key="present_head"):
        if c.filters is not None:
            where = " · ".join((title, c.region_name(), c.filters.period.label()))
            st.markdown(f"**{where}**")
            st.html(f'<p class="pr-sub">{html.escape(c.source())} · {t("audience")}: '
                    f'{html.escape(t("aud_" + access.audience()))}</p>')
        else:
            st.markdown(f"**{title}**")
    if not items:
        with st.container(key="present_empty"):
            st.info(t("pr_empty") if c.filters is not None else t("no_data"), icon=":material/slideshow:")
        with st.container(horizontal=True, key="present_nav", vertical_alignment="center"):
            share_popover()
            st.button(t("pr_exit"), on_click=set_presenting, args=(False,), key="pr_exit", icon=":material/close:")
        return
    total = len(items)
    n = min(max(1, ss.get(_SLIDE, 1)), total)
    if n != ss.get(_SLIDE):
        ss[_SLIDE] = n
        st.query_params[present.SLIDE_PARAM] = str(n)
    item = items[n - 1]
    fig = present.presentation_figure(item.fig, source=_source())
    st.plotly_chart(fig, theme=None, width="stretch", key=f"present-{item.key}",
                    config={"displaylogo": False, "displayModeBar": False})
    with st.container(horizontal=True, key="present_nav", vertical_alignment="center", gap="medium"):
        st.button(t("pr_prev"), on_click=_go_slide, args=(n - 1,), disabled=n <= 1, key="pr_prev",
                  icon=":material/arrow_back:", shortcut="Left")
        st.markdown(f"**{t('pr_count', n=n, total=total)}**", width="content")
        st.button(t("pr_next"), on_click=_go_slide, args=(n + 1,), disabled=n >= total, key="pr_next",
                  icon=":material/arrow_forward:", shortcut="Right")
        st.space("stretch")
        share_popover()
        st.button(t("pr_exit"), on_click=set_presenting, args=(False,), key="pr_exit", icon=":material/close:")
