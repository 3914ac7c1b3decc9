"""Meedoen: router. Page config, language, data version, global filters; then the chosen page."""

import streamlit as st

from meedoen import access, nav_admin, nav_p1, nav_p2, nav_research, ui
from meedoen.i18n import t

st.set_page_config(page_title="Meedoen", page_icon=":material/groups:", layout="wide")
ui.init_language()
ui.login_gate()

pages = {
    t("nav_managers"): [
        st.Page("app_pages/overview.py", title=t("page_overview"), icon=":material/dashboard:", url_path="overzicht",
                default=True),
        st.Page("app_pages/regions.py", title=t("page_regions"), icon=":material/map:", url_path="regios"),
        *nav_p1.pages(),
        *nav_p2.pages(),
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
ui.status_line(c)
nav.run()
