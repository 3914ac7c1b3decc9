"""Navigation entries of the pilots, proeftuinen and werkgevers pages."""

import streamlit as st

from meedoen import strings_p2  # noqa: F401  (registers the strings)
from meedoen.i18n import t


def pages() -> list:
    """The st.Page objects of these pages, for app.py."""
    return [
        st.Page("app_pages/pilots.py", title=t("page_pilots"), icon=":material/science:", url_path="pilots"),
        st.Page("app_pages/proeftuinen.py", title=t("page_proeftuinen"), icon=":material/alt_route:",
                url_path="proeftuinen"),
        st.Page("app_pages/employers.py", title=t("page_employers"), icon=":material/business:", url_path="werkgevers"),
    ]
