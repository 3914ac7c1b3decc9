"""Datawoordenboek: every table and column of the export contract, with row counts and date ranges from the data."""

import streamlit as st

from meedoen import contract, ui
from meedoen.ui import research
from meedoen.query.data import peildatum, run
from meedoen.i18n import fmt_date, fmt_int, lang, t

c = ui.ctx()
st.title(t("rs_page_dictionary"))

stats = None
if c.version is None:
    st.info(t("dd_no_data"))
elif c.defects:
    st.warning(c.problem(), icon=":material/warning:")
else:
    p = peildatum(c.version)
    st.caption(t("dd_intro", version=c.version.id, peildatum=fmt_date(p) if p else "–") + " "
               + t("dd_counts_" + c.scope.audience))
    res = run("table_stats", c.scope)
    if res.error:
        st.warning(t("dd_stats_failed", error=res.error))
    else:
        stats = res.df

st.subheader(t("dd_tables"))
st.table(research.overview(stats), hide_index=True, border="horizontal")

for tb in contract.TABLES.values():
    st.subheader(f"`{tb.name}`", anchor=tb.name)
    st.markdown(tb.nl if lang() == "nl" else tb.en)
    n = research.table_rows(stats, tb.name)
    bits = [t("dd_table_caption", keys=", ".join(tb.key), rows="–" if n is None else n if isinstance(n, str) else fmt_int(n))]
    if tb.date_order:
        bits.append(t("dd_date_order", pairs="; ".join(f"{a} ≤ {b}" for a, b in tb.date_order)))
    if tb.name not in contract.REQUIRED_TABLES:
        bits.append(t("dd_optional_table"))
    st.caption(" ".join(bits))
    st.table(research.columns(tb, stats), hide_index=True, border="horizontal")
