"""Presentation mode (one chart per screen, large type), the share link and the PowerPoint of a view."""

from __future__ import annotations

import functools
import html

import streamlit as st

from .. import access, export, i18n
from ..charts import memo
from ..i18n import fmt_date, t
from ..query import data
from . import chart_element, present
from .context import _PAGE, _SLIDE, _collected, _jobs, _tiles, ctx
from .chart import _audience_label, _file_stem, _source, export_problem


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
/* A slide takes the screen's height less the header and the buttons (about 190 px), so the chart is as
   big as the screen allows and the buttons stay in view; 420 px at the least. */
.st-key-present_slide [data-testid="stCaptionContainer"] p {font-size: 16px; line-height: 1.35; padding-top: 0.5rem;}  /* a footnote: the chart keeps the room */
.st-key-present_slide .g-gtitle {display: none;}
/* The chart takes what the title and the note leave (Streamlit's own share came out 16 px too tall). */
.st-key-present_slide > div:has(.meedoen-chart) {flex: 1 1 0 !important; min-height: 0 !important;}
.st-key-present_slide > div:not(:has(.meedoen-chart)) {flex: 0 0 auto !important;}
.st-key-present_slide h2.pr-title {font-size: 32px; line-height: 1.25; font-weight: 600; color: #111827; margin: 0; padding: 0;}
.st-key-present_slide p.pr-subtitle {font-size: 22px; line-height: 1.3; color: #374151; margin: 0.25rem 0 0 0;}
.st-key-present_slide [data-testid="stHtml"] {padding-bottom: 0.75rem;}
.st-key-present_slide, .st-key-present_tiles {flex: 0 0 auto !important; height: max(420px, calc(100vh - 200px)) !important;}
.st-key-present_tiles h2 {font-size: 32px; padding: 0 0 0.5rem 0;}
.st-key-present_tiles [data-testid="stMetricLabel"] p {font-size: 24px;}
.st-key-present_tiles [data-testid="stMetricValue"] {font-size: 60px;}
.st-key-present_tiles [data-testid="stMetricDelta"] div, .st-key-present_tiles [data-testid="stCaptionContainer"] p
{font-size: 22px;}
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


def deck_job(page_title: str):
    """The callable that makes this view's PowerPoint (texts fixed now, in the script thread)."""
    c = ctx()
    p = data.peildatum(c.version)
    subtitle = c.filters.period.label() + (f" · {t('peildatum')} {fmt_date(p)}" if p else "")
    footer = " · ".join(x for x in (_source(), f"{t('audience')}: {_audience_label()}") if x)
    return functools.partial(
        present.deck_bytes, list(_collected().values()), title=f"{page_title} — {c.region_name()}",
        subtitle=subtitle, footer=footer, source=_source(), lang=i18n.lang(), audience=c.scope.audience,
        tiles=list(_tiles()), tiles_title=f"{t('ex_tiles')} — {c.region_name()}, {c.filters.period.label()}")


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


def _slide(fig, source: str | None, lang: str) -> tuple:
    """A chart as its slide shows it: what the chart element is sent, title, subtitle."""
    out, title, subtitle = present.slide_figure(fig, source=source, lang=lang)
    config = {"displaylogo": False, "displayModeBar": False, **export.locale_config(out)}  # sized by the element
    return chart_element.payload(out.to_dict(), config, label=title or "", stretch=True), title, subtitle


def present_page() -> None:
    """Presentation mode: the header, chart N of this page enlarged, and the slide buttons."""
    ss = st.session_state
    c = ctx()
    st.html(_PRESENT_CSS)
    title = ss.get(_PAGE, ("Meedoen", ""))[0]
    # The page's KPI tiles (when it has them) are the first slide, then one chart per slide.
    items = ([None] if _tiles() else []) + list(_collected().values())
    with st.container(key="present_head"):
        if c.filters is not None:
            where = " · ".join((title, c.region_name(), c.filters.period.label()))
            st.markdown(f"**{where}**")
            st.html(f'<p class="pr-sub">{html.escape(c.source())} · {t("audience")}: '
                    f'{html.escape(t("aud_" + c.scope.audience))}</p>')
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
    if item is None:
        tiles_slide()
    else:
        # The slide's CSS height decides the chart's (see _PRESENT_CSS); the title is text above it.
        source, lang = _source(), i18n.lang()
        payload, title, subtitle = memo.derived(item.fig, ("slide", source, lang),
                                                lambda: _slide(item.fig, source, lang))
        # No gap: a stretched chart's height leaves out the gaps between its siblings.
        with st.container(key="present_slide", gap=None):
            if title:
                st.html(f'<h2 class="pr-title">{html.escape(title)}</h2>'
                        + (f'<p class="pr-subtitle">{html.escape(subtitle)}</p>' if subtitle else ""))
            chart_element.draw(payload, key=f"present-{item.key}", stretch=True)
            if item.note:  # who the ranking leaves out: its title points here
                st.caption(item.note)
    with st.container(horizontal=True, key="present_nav", vertical_alignment="center", gap="medium"):
        st.button(t("pr_prev"), on_click=_go_slide, args=(n - 1,), disabled=n <= 1, key="pr_prev",
                  icon=":material/arrow_back:", shortcut="Left")
        st.markdown(f"**{t('pr_count', n=n, total=total)}**", width="content")
        st.button(t("pr_next"), on_click=_go_slide, args=(n + 1,), disabled=n >= total, key="pr_next",
                  icon=":material/arrow_forward:", shortcut="Right")
        st.space("stretch")
        share_popover()
        deck_button(title)
        st.button(t("pr_exit"), on_click=set_presenting, args=(False,), key="pr_exit", icon=":material/close:")


def tiles_slide() -> None:
    """The page's KPI tiles as one slide, in projector-sized type (at most four to a row)."""
    tiles = _tiles()
    per_row = len(tiles) if len(tiles) <= 4 else 3
    with st.container(key="present_tiles", height=PRESENT_TILES_HEIGHT, border=False):
        st.subheader(t("ex_tiles"), anchor=False)
        for start in range(0, len(tiles), per_row):
            for col, tile in zip(st.columns(per_row, gap="medium"), tiles[start:start + per_row]):
                with col:
                    st.metric(tile.label, tile.value, delta=tile.delta or None, delta_color=tile.delta_color,
                              delta_arrow=tile.delta_arrow)
                    if tile.detail:
                        st.caption(tile.detail)


PRESENT_TILES_HEIGHT = present.PRESENT_HEIGHT  # the height of a chart slide, so the buttons stay put


def deck_button(title: str) -> None:
    """The PowerPoint of the slides being shown: publiek numbers, as on the screen (and it says so)."""
    if export_problem():
        return
    job = _jobs()["deck"] = deck_job(title)
    st.download_button(t("ex_deck_menu"), job, file_name=_file_stem(title) + ".pptx", mime=PPTX_MIME, key="deck",
                       on_click="ignore", icon=":material/co_present:", help=t("ex_carries_" + ctx().scope.audience))
