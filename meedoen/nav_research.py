"""Navigation entries of the Onderzoek pages: SQL lab and data dictionary."""

import streamlit as st

from meedoen import strings_research  # noqa: F401
from meedoen.i18n import t


def pages() -> list[st.Page]:
    return [
        st.Page("app_pages/sql.py", title=t("rs_page_sql"), icon=":material/terminal:", url_path="sql"),
        st.Page("app_pages/dictionary.py", title=t("rs_page_dictionary"), icon=":material/menu_book:",
                url_path="woordenboek"),
    ]
