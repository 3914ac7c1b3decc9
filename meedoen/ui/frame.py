"""The page frame: what runs around every page (start, the page itself, an early stop, the toolbar),
and the opening block every manager page shares."""

from __future__ import annotations

import threading

import streamlit as st

from .. import access, pages
from ..filters import level_label
from ..i18n import label, t
from . import choices
from .chart import _file_stem, audience_choice, empty_state, export_problem
from .context import _CHARTS, _JOBS, _PAGE, _TILES, Context, _collected, _jobs, ctx, draw_filters, language_switch
from .presentation import PPTX_MIME, deck_job, presentation_switch, set_presenting, share_popover, present_page


def begin_page(page) -> None:
    """Start collecting this run's charts and download jobs (call before the page runs)."""
    ss = st.session_state
    ss[_CHARTS] = {}
    ss[_TILES] = []
    ss[_JOBS] = {}
    ss[_PAGE] = (page.title, page.url_path)
    choices.begin(page.url_path)


class PageStopped(Exception):
    """Raised by stop(): the page ends there, app.py goes on."""


_running = threading.local()  # inside run_page: stop() ends the page only


def stop() -> None:
    """End the running page here (no data, an empty selection). Unlike st.stop() this ends the page
    only: app.py still draws the toolbar and, in presentation mode, the slides after it. A page
    script run on its own (not through app.py) stops as with st.stop()."""
    if getattr(_running, "page", False):
        raise PageStopped
    st.stop()


def run_page(page) -> None:
    """Run the chosen page; an early stop() ends the page, not the run."""
    _running.page = True
    try:
        page.run()
    except PageStopped:
        pass
    finally:
        _running.page = False


def page() -> Context:
    """The opening every manager page shares: the page's title (from the registry) with region and
    period, and the context; without data, the plain title and a message, and the page stops."""
    c = ctx()
    entry = pages.find(st.session_state.get(_PAGE, ("", ""))[1])
    title = t(entry.title) if entry else "Meedoen"
    if c.filters is None:
        st.title(title)
        empty_state(t("no_data"))
        stop()
    st.title(f"{title} — {c.region_name()}, {c.filters.period.label()}")
    filters_as_text(c)
    return c


def filters_as_text(c: Context) -> None:
    """The filters in one line, for print only (the sidebar does not print)."""
    f = c.filters
    bits = [f"{t('period')}: {f.period.label()}", f"{t('level')}: {level_label(f.level)}",
            f"{t('region')}: {c.region_name()}", f"{t('programme')}: {f.programme or t('all')}",
            f"{t('doelgroep')}: {label('dg', f.doelgroep) if f.doelgroep else t('all')}"]
    with st.container(key="print_only_filters"):
        st.caption(t("filters") + " — " + " · ".join(bits))


STYLE = """<style>
/* The page writes each chart's title as a heading above it (ui.plot). */
.st-key-page_body .meedoen-chart .g-gtitle {display: none;}
.st-key-print_only_filters {display: none;}
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stButton"], [data-testid="stDownloadButton"],
  [data-testid="stPopover"], [data-testid="stExpander"], [data-testid="stElementToolbar"], .modebar-container,
  [data-testid="stSegmentedControl"], [data-testid="stTabs"] [role="tablist"], .st-key-present_nav {display: none !important;}
  .st-key-print_only_filters {display: block !important;}
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stAppScrollToBottomContainer"] {
    position: static !important; overflow: visible !important; height: auto !important;}
  [data-testid="stMainBlockContainer"] {padding: 0 !important; max-width: none !important;}
  .meedoen-chart, [data-testid="stTable"], [data-testid="stMetric"], [data-testid="stDataFrame"] {
    break-inside: avoid;}
}
</style>"""


def styles() -> None:
    """The app's stylesheet: chart titles drawn as text on the page, and what prints (the page title,
    the filters as text, tiles, charts and tables; no sidebar, buttons or dialogs)."""
    st.html(STYLE)


def widgets() -> None:
    """The run's widgets, drawn after the page (app.py): the page's choices it asked to draw later
    (ui.later), then the sidebar's global filters, language and presentation mode.

    The browser fetches a kind of widget's code when the first one arrives, over a few connections, so
    widgets drawn first put a queue of small requests before the chart component and delay every chart.
    Their values were read before the page ran (setup(), ui.choice) and a widget keeps its value by its
    key, so what they show does not change."""
    choices.draw_later()
    draw_filters()
    language_switch()
    presentation_switch()


def end_page(tools) -> None:
    """After the page ran: in presentation mode the chosen chart, else the page's toolbar."""
    choices.sync()  # before the share link is drawn: it copies the address bar
    if access.presenting():
        present_page()
    elif ctx().filters is not None:
        page_tools(tools)


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
                with st.popover(t("ex_deck_menu"), icon=":material/co_present:"):
                    audience_choice("deck")
                    job = _jobs()["deck"] = deck_job(title)
                    st.download_button(t("ex_deck"), job, file_name=_file_stem(title) + ".pptx", mime=PPTX_MIME,
                                       key="deck", on_click="ignore", icon=":material/download:",
                                       help=t("ex_deck_help"))
            st.button(t("pr_start"), icon=":material/slideshow:", on_click=set_presenting, args=(True,),
                      key="pr_start", help=t("pr_toggle_help"))
    if _collected() and (problem := export_problem()):
        st.caption(problem)
