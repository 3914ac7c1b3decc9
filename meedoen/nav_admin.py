"""Navigation entry of the data management page (shown to data administrators only, by app.py)."""

import streamlit as st

from meedoen import strings_admin  # noqa: F401
from meedoen.i18n import t


def pages() -> list[st.Page]:
    return [st.Page("app_pages/admin.py", title=t("page_admin"), icon=":material/database:", url_path="beheer")]
