"""Navigation entries of the Doelen, Beschut en regulier, Trends and Doelgroepen pages."""

import streamlit as st

from meedoen import strings_p1  # noqa: F401
from meedoen.i18n import t


def pages() -> list[st.Page]:
    return [
        st.Page("app_pages/targets.py", title=t("page_targets"), icon=":material/flag:", url_path="doelen"),
        st.Page("app_pages/kinds.py", title=t("page_kinds"), icon=":material/stacked_bar_chart:",
                url_path="beschut-regulier"),
        st.Page("app_pages/trends.py", title=t("page_trends"), icon=":material/show_chart:", url_path="trends"),
        st.Page("app_pages/doelgroepen.py", title=t("page_doelgroepen"), icon=":material/diversity_3:",
                url_path="doelgroepen"),
    ]
