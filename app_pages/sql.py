"""SQL: researchers' own SELECT queries in the hardened SQL lab, and the named queries behind the charts."""

import streamlit as st

from meedoen import access, ui
from meedoen.ui import research
from meedoen.query.db import queries
from meedoen.i18n import fmt_int, fmt_num, t

ss = st.session_state
st.title(t("rs_title"))

# Person-level rows: never on a public screen, never for a viewer. Nothing else is drawn then.
role = access.role()
why = research.lab_refusal(access.can("sql_lab"), ui.ctx().scope.audience, role.value if role else None,
                           access.login_required())
if why:
    st.warning(why, icon=":material/lock:")
    ui.stop()

c = ui.ctx()
if c.version is None or c.fatal():
    ui.empty_state(c.problem())
    ui.stop()
regions = c.scope.allowed  # the regions of a restricted user, resolved once for this run (ui.setup)
try:
    lab = research.lab(c.version, regions)
except Exception as e:  # a broken setting or data folder: say so, no traceback
    st.error(t("rs_no_lab", error=str(e).splitlines()[0][:300]))
    ui.stop()
st.caption(t("rs_intro", version=c.version.id, rows=fmt_int(lab.max_rows), limit=fmt_num(lab.time_limit, 0)))
if lab.regions:
    st.info(t("lab_restricted", regions=", ".join(sorted(lab.regions))), icon=":material/lock:")

example = research.example_sql(c.filters.period.year if c.filters else 2016)
ss.setdefault("rs_sql", example)
ss.setdefault("rs_history", [])

editor_tab, named_tab = st.tabs([t("rs_tab_editor"), t("rs_tab_named")])

with editor_tab:
    left, right = st.columns([2, 1], gap="medium")
    with left:
        st.html(research.EDITOR_CSS)  # SQL reads better in a fixed-width font
        st.text_area(t("rs_editor"), key="rs_sql", height=220, help=t("rs_editor_help"))
        buttons = st.container(horizontal=True)
        if buttons.button(t("rs_run"), type="primary", icon=":material/play_arrow:", key="rs_run"):
            sql = ss["rs_sql"]
            result = lab.run(sql)  # checked and run in a worker process, never here
            ss["rs_result"] = (sql, result, result.refused)
            ss["rs_history"] = research.add_history(ss["rs_history"], sql, result)
        buttons.button(t("rs_example_reset"), key="rs_reset", on_click=research.load_sql, args=(example,))
        if "rs_result" in ss:
            research.show_lab_result(*ss["rs_result"], max_rows=lab.max_rows, max_mb=lab.max_result_mb)
    with right:
        research.show_tables(lab.tables())
        research.show_history(ss["rs_history"])

with named_tab:
    st.caption(t("rs_named_intro"))
    names = list(queries())
    # Labels made now, in the script thread: a format_func may be called outside it.
    described = {n: f"{n} — {research.query_text(queries()[n])}"[:120] for n in names}
    name = st.selectbox(t("rs_named_pick"), names, key="rs_named",
                        index=names.index("placement_rate") if "placement_rate" in names else 0,
                        format_func=described.__getitem__)
    params, runnable = research.named_query_form(queries()[name], c)
    if st.button(t("rs_named_run"), type="primary", icon=":material/play_arrow:", key="rs_named_run",
                 disabled=not runnable):
        ss["rs_named_last"] = (name, params)
    if ss.get("rs_named_last", (None,))[0] == name:
        research.show_named_result(research.run_named(name, c.scope, ss["rs_named_last"][1]))
