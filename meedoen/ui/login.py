"""The login gate: when a login is configured, nothing is shown until someone signs in."""

from __future__ import annotations

import streamlit as st

from .. import access
from ..i18n import t


def login_gate() -> None:
    """When a login is configured, nothing is shown until someone signs in (see meedoen.signin)."""
    if not access.login_required():
        return
    from .. import auth, signin

    secrets = access.secrets()
    if access.user() is None and auth.oidc_configured(secrets) and getattr(st.user, "is_logged_in", False):
        u = auth.lookup_user(secrets, st.user.get("email") or st.user.get("name") or "")
        if u is None:
            st.error(t("login_unknown", name=st.user.get("email") or "?"))
            st.button(t("logout"), on_click=st.logout)
            st.stop()
        access.sign_in(u)
    if access.user() is None:
        u = signin.from_cookie()  # a reload or an opened link: still signed in
        if u is not None:
            access.sign_in(u)
    if access.user() is not None:
        signin.cookie_script()
        if st.sidebar.button(t("logout"), key="logout", icon=":material/logout:"):
            signin.forget()
            access.sign_out()
            if getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()
        return
    signin.cookie_script()  # clears the cookie after a sign-out
    st.title("Meedoen")
    st.write(t("login_intro"))
    if auth.oidc_configured(secrets):
        st.button(t("login_oidc"), on_click=st.login, type="primary")
    if auth.users(secrets):
        with st.form("login"):
            name = st.text_input(t("login_name"))
            password = st.text_input(t("login_password"), type="password")
            if st.form_submit_button(t("login_submit"), type="primary"):
                u, message = signin.attempt(secrets, name, password)
                if u is None:
                    st.error(message)
                else:
                    access.sign_in(u)
                    signin.remember(u)
                    st.rerun()
    st.stop()
