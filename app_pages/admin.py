"""Gegevens beheren: load new exports as a new data version, or make an earlier version active again."""

import streamlit as st

from meedoen import access, config, ui
from meedoen.ui import admin
from meedoen.i18n import t

st.title(t("page_admin"))
if not access.can("data_admin"):
    st.error(t("adm_denied"), icon=":material/lock:")
    ui.stop()

root = config.data_dir()
st.caption(t("adm_intro"))
admin.active_line(root)  # the other pages keep the version id behind Details; here it is the subject
admin.health_section(root)
admin.flash()

st.subheader(t("adm_load_header"))
admin.upload_section(root)

st.subheader(t("adm_versions_header"))
admin.versions_section(root)
