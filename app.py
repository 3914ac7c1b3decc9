"""Meedoen: router. Page config, language, data version, global filters; then the chosen page."""

import streamlit as st

from meedoen import access, nav_admin, nav_p1, nav_p2, nav_research, ui
from meedoen.i18n import t

# Presentation mode (?presentatie=1) is known before the page config: the sidebar starts collapsed.
presenting = ui.init_presentation()
st.set_page_config(page_title="Meedoen", page_icon=":material/groups:", layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")
ui.init_language()
ui.login_gate()

# Streamlit serves the default page at "/" only: its url_path is reserved but never matched, so a
# fresh browser opening /overzicht got "Page not found". A hidden second entry for the same script
# gives the overview its own address as well.
OVERVIEW = "app_pages/overview.py"
pages = {
    t("nav_managers"): [
        st.Page(OVERVIEW, title=t("page_overview"), icon=":material/dashboard:", url_path="start", default=True),
        st.Page("app_pages/regions.py", title=t("page_regions"), icon=":material/map:", url_path="regios"),
        *nav_p1.pages(),
        *nav_p2.pages(),
        st.Page(OVERVIEW, title=t("page_overview"), icon=":material/dashboard:", url_path="overzicht",
                visibility="hidden"),
    ],
    t("nav_research"): [
        *nav_research.pages(),
    ],
}
if access.can("data_admin"):
    pages[t("nav_admin")] = nav_admin.pages()
nav = st.navigation(pages)
c = ui.setup()
ui.language_switch()
ui.presentation_switch()
ui.begin_page(nav)
# The page body is hidden in presentation mode (CSS on .st-key-page_body): the charts it
# collects are then shown one per screen by ui.end_page.
with st.container(key="page_body"):
    with st.container(horizontal=True, vertical_alignment="center", wrap=False):
        ui.status_line(c)
        tools = st.container(horizontal=True, horizontal_alignment="right", width="content")
    ui.run_page(nav)
ui.end_page(tools)
