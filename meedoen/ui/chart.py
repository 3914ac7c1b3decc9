"""The chart frame: a chart with its downloads and, under it, the SQL, parameters and data behind it."""

from __future__ import annotations

import datetime as dt
import functools
import re

import streamlit as st

from .. import access, export
from ..charts import memo
from ..i18n import fmt_date, lang, t
from ..query import data
from . import chart_element, present
from .context import _collected, _jobs, ctx
from .tiles import display_frame, mark_hidden, protection_note


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


def chart(fig, *results: data.Result, key: str, note: str | None = None) -> None:
    """A chart with its downloads and, under it, the SQL, parameter values and data that produced it.

    Every chart is also collected for the page's PowerPoint; in presentation mode it is only
    collected, and present_page() shows one at a time. Withheld values (publiek) are marked first.
    `note`: a line under the chart (who is not ranked and why), also in the slide's speaker notes.
    """
    fig = collect(fig, *results, key=key, note=note)
    if access.presenting():
        return
    plot(fig, key=key)
    summary(fig)
    if note:
        st.caption(note)
    protection_note(*results)
    with st.container(horizontal=True, wrap=False, gap="small"):
        downloads(fig, *results, key=key)
        query_and_data(*results, key=key)


_MD = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~$"})


def plot(fig, *, key: str, on_select: str | None = None):
    """A chart on the page: its title as a heading and its source line as a caption, written as text so
    they wrap on a phone and a screen reader finds the heading; the figure without them (see
    present.screen_figure). With on_select="rerun", returns the clicked points like st.plotly_chart's selection."""
    source = _source()
    select = on_select == "rerun"
    title, subtitle, data, said = memo.derived(fig, ("screen", source, lang(), select),
                                               lambda: _screen(fig, source, select))
    if title:
        st.markdown("#### " + title.translate(_MD))
    if subtitle:
        st.caption(subtitle.translate(_MD))
    event = chart_element.draw(data, key=key, select=select)
    if said:
        st.caption(export.plain(said).translate(_MD))
    return event


def _screen(fig, source: str | None, select: bool) -> tuple:
    """What the page shows of a figure: title, subtitle, what the chart element is sent (the screen copy with
    the locale of its numbers) and its source line (made once per kept figure, see memo)."""
    title, subtitle = export.split_title(present.figure_title(fig))
    screen, said = present.screen_figure(fig, source)
    spec = screen.to_dict()
    for tr in spec.get("data", []):
        meta = tr.get("meta")
        if isinstance(meta, dict) and "values" in meta:  # a map's values: only the server reads them (text, notes)
            tr["meta"] = {name: v for name, v in meta.items() if name != "values"}
    config = {"displaylogo": False, **export.locale_config(fig)}
    data = chart_element.payload(spec, config, label=title or "", fullscreen=t("fullscreen"), select=select)
    return title, subtitle, data, said


def collect(fig, *results: data.Result, key: str, note: str | None = None):
    """Take a chart into the page's deck and presentation without drawing it here (a page that draws
    it itself, such as the clickable map). Withheld values (publiek) are marked first, on a copy (a kept
    figure is shared, see memo). Returns the figure as collected."""
    if any(r.audience == "publiek" for r in results):
        fig = memo.derived(fig, "publiek marks", lambda: mark_hidden(fig, copy=True))
    _collected()[key] = present.Collected(fig, tuple(results), key, note or "")
    return fig


def summary(fig) -> None:
    """The chart's text alternative: one sentence with its key numbers, next to it for everyone
    (and a screen reader)."""
    said = memo.derived(fig, ("summary", lang()), lambda: export.text_alternative(fig, lang()))
    if said:
        st.caption(t("summary", text=said))


def queries_person_rows(name: str) -> bool:
    from ..query.db import queries

    return queries()[name].person_rows


def query_and_data(*results: data.Result, key: str) -> None:
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
            # Made only when clicked (a callable), so pages do not pay for them on every run; CSV in the
            # Excel dialect of the page's language.
            row.download_button(t("download_csv"), lambda df=out, lg=lang(): export.csv_bytes(df, lang=lg),
                                file_name=f"{r.name}.csv", mime="text/csv", key=f"dl-{key}-{r.name}",
                                on_click="ignore")
            row.download_button(t("download_parquet"), lambda df=out: export.parquet_bytes(df),
                                file_name=f"{r.name}.parquet", mime="application/vnd.apache.parquet",
                                key=f"dl-{key}-{r.name}-parquet", on_click="ignore")
            row.download_button(t("download_excel"), lambda df=out, n=r.name[:31]: export.excel_bytes(df, sheet_name=n),
                                file_name=f"{r.name}.xlsx", key=f"dl-{key}-{r.name}-xlsx", on_click="ignore",
                                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _audience_label() -> str:
    return t("ex_aud_" + ctx().scope.audience)


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


AUDIENCES = ("intern", "publiek")


def _choose_audience(widget: str) -> None:
    choice = st.session_state.get(widget)
    if choice in AUDIENCES:  # clicking the chosen one again clears a segmented control: keep it
        st.session_state[access.PUBLIEK] = choice == "publiek"


def audience_choice(key: str) -> None:
    """At the top of every export dialog: whom the files are for, and so which numbers they carry.
    Choosing publiek switches the view (and so every file made from it) to the publiek numbers."""
    aud = ctx().scope.audience
    if access.may_choose_audience():
        widget = f"aud-{key}"
        st.session_state[widget] = aud
        names = {a: t("ex_for_" + a) for a in AUDIENCES}  # made now, in the script thread
        st.segmented_control(t("ex_for"), AUDIENCES, key=widget, format_func=names.__getitem__,
                             help=t("ex_for_help"), on_change=_choose_audience, args=(widget,))
    st.caption(t("ex_carries_" + aud))


def downloads(fig, *results: data.Result, key: str) -> None:
    """A 'Downloaden' popover: whom the files are for, PNG and SVG made on click (cached), CSV of each result."""
    jobs = _jobs()
    source, footer, stem = _source(), _footer(), _file_stem(key)
    with st.popover(t("ex_download"), icon=":material/download:"):
        audience_choice(key)
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
            job = jobs[f"csv-{key}-{r.name}"] = functools.partial(export.csv_bytes, display_frame(r.df), lang=lang())
            st.download_button(t("ex_csv", name=r.name), job, file_name=f"{r.name}.csv", mime="text/csv",
                               key=f"csv-{key}-{r.name}", on_click="ignore", icon=":material/table:",
                               width="stretch")
