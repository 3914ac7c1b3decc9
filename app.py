"""Meedoen: router. Page config, language, data version, global filters; then the chosen page."""

import streamlit as st

from meedoen import access, pages, ui

# Presentation mode (?presentatie=1) is known before the page config: the sidebar starts collapsed.
presenting = ui.init_presentation()
st.set_page_config(page_title="Meedoen", page_icon=":material/groups:", layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")
ui.init_language()
ui.login_gate()

nav = st.navigation(pages.navigation(access.can))
c = ui.setup()
ui.styles()
ui.begin_page(nav)
try:
    # The page body is hidden in presentation mode (CSS on .st-key-page_body): the charts it
    # collects are then shown one per screen by ui.end_page.
    with st.container(key="page_body"):
        with st.container(horizontal=True, vertical_alignment="center", key="page_head"):
            ui.status_line(c)
            tools = st.container(horizontal=True, horizontal_alignment="right", width="content")
        ui.run_page(nav)
    ui.end_page(tools)
finally:
    # The widgets after the page, so its charts load first (ui.widgets); also when the page failed.
    ui.widgets()
