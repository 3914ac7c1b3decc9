"""Sign-in that resists guessing, and stays signed in across a page reload or an opened link.

Password sign-in goes through `attempt`: per user name and per client (IP address) failures are
counted (`auth.Throttle`), and once `login_max_failures` is passed every further attempt must wait,
doubling each time, *before* the PBKDF2 hash is computed. Unknown names and wrong passwords get the
same message. Every failure and every lock-out is logged (logger `meedoen.auth`).

A successful sign-in sets a cookie holding a signed token (`auth.make_token`: user, expiry after
`session_hours`, a tag of the user's password hash and role, a nonce; HMAC-SHA256 with the key from
`[auth] cookie_secret` in secrets or the generated file `secret_file`). Streamlit hands the browser's
cookies to the script (`st.context.cookies`), so a reload or a link opened in a new tab signs the
user in again. Streamlit cannot set a cookie from Python: a small script in the page does
(`st.html(..., unsafe_allow_javascript=True)`), which is why the cookie is not HttpOnly. Signing out
clears the cookie and revokes its nonce in this server process.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time

import streamlit as st

from . import access, auth, config
from .i18n import t

COOKIE = "meedoen_session"
log = logging.getLogger("meedoen.auth")

_throttle: auth.Throttle | None = None
_throttle_lock = threading.Lock()
_revoked: dict[str, float] = {}  # nonce -> when its token would have expired
_SET, _CLEAR, _OUT, _NONCE = "_signin_set_cookie", "_signin_clear_cookie", "_signin_signed_out", "_signin_nonce"


def throttle() -> auth.Throttle:
    global _throttle
    with _throttle_lock:
        if _throttle is None or _throttle.max_failures != int(config.get("login_max_failures")):
            _throttle = auth.Throttle(max_failures=int(config.get("login_max_failures")))
        return _throttle


def client() -> str:
    """Who is knocking: the client's IP address as Streamlit sees it."""
    try:
        return str(st.context.ip_address or "onbekend")
    except Exception:  # outside a browser session (tests)
        return "onbekend"


def attempt(secrets, name: str, password: str) -> tuple[auth.User | None, str | None]:
    """(the user, None) on success, else (None, the message to show)."""
    name = str(name or "").strip()
    keys = (f"user:{name.lower()}", f"client:{client()}")
    wait = throttle().wait(*keys)
    if wait > 0:  # refused before any hashing: guessing costs the server nothing
        log.warning("sign-in refused unchecked for name %r from %s: wait %.0f s", name, client(), wait)
        return None, t("login_locked", seconds=math.ceil(wait))
    user = auth.authenticate(secrets, name, password)
    if user is None:
        throttle().failed(*keys)
        log.warning("sign-in failed for name %r from %s (%d failures for the name, %d from the client)",
                    name, client(), throttle().failures(keys[0]), throttle().failures(keys[1]))
        return None, t("login_failed")
    throttle().succeeded(*keys)
    log.info("signed in: %s (%s) from %s", user.name, user.role.value, client())
    return user, None


def _secret() -> bytes:
    return auth.cookie_secret(access.secrets(), config.get("secret_file"))


def _hours() -> float:
    return float(config.get("session_hours"))


def remember(user: auth.User) -> None:
    """After a sign-in: the next run of the page sets the cookie."""
    if _hours() > 0:
        st.session_state[_SET] = auth.make_token(user, _secret(), _hours(), time.time())
    st.session_state.pop(_OUT, None)


def from_cookie() -> auth.User | None:
    """The user the browser's sign-in cookie names, if it is genuine, current and not signed out."""
    if _hours() <= 0 or st.session_state.get(_OUT):
        return None
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # no browser session
        return None
    if not token:
        return None
    now = time.time()
    got = auth.read_token(token, access.secrets(), _secret(), now, revoked=_revoked)
    if got is None:
        log.info("sign-in cookie refused (forged, expired, revoked or stale) from %s", client())
        return None
    user, nonce = got
    st.session_state[_NONCE] = nonce
    log.info("signed in again from cookie: %s from %s", user.name, client())
    return user


def forget() -> None:
    """Sign-out: revoke this sign-in's token here and clear the cookie in the browser."""
    now = time.time()
    for n, until in list(_revoked.items()):
        if until < now:
            _revoked.pop(n, None)
    token = st.session_state.pop(_SET, None)
    nonce = st.session_state.pop(_NONCE, None)
    if token:
        got = auth.read_token(token, access.secrets(), _secret(), now)
        nonce = got[1] if got else nonce
    if nonce:
        _revoked[nonce] = now + _hours() * 3600
    st.session_state[_CLEAR] = True
    st.session_state[_OUT] = True  # this tab's old cookie (still in st.context) must not sign in again


def cookie_script() -> None:
    """Set or clear the cookie in the browser when a sign-in or sign-out asked for it."""
    token = st.session_state.pop(_SET, None)
    clear = st.session_state.pop(_CLEAR, False)
    if not token and not clear:
        return
    if token:
        got = auth.read_token(token, access.secrets(), _secret(), time.time())
        if got:
            st.session_state[_NONCE] = got[1]
        value, age = token, int(_hours() * 3600)
    else:
        value, age = "", 0
    script = (f"<script>document.cookie = {json.dumps(COOKIE)} + '=' + {json.dumps(value)} + "
              f"'; path=/; max-age={age}; samesite=lax' + (location.protocol === 'https:' ? '; secure' : '');"
              "</script>")
    st.html(script, unsafe_allow_javascript=True, width="content")
