"""Who is looking, and what they may see: the signed-in user, their role, the audience in force.

Without a login configured (the demo, a local install) the role is the setting `local_role`
(default admin: it is your own machine); a server configured as publiek always gets viewer.
The audience is publiek when the server is configured so, or while presentation mode is on.
"""

from __future__ import annotations

import streamlit as st

from . import auth, config

_USER = "_user"
PRESENT = "present"
PUBLIEK = "publiek_files"  # an intern session chose publiek numbers for its files (and so its view)


def secrets():
    try:
        return st.secrets
    except Exception:  # no secrets file
        return {}


def login_required() -> bool:
    return auth.auth_configured(secrets())


def user() -> auth.User | None:
    return st.session_state.get(_USER)


def sign_in(u: auth.User) -> None:
    st.session_state[_USER] = u


def sign_out() -> None:
    st.session_state.pop(_USER, None)


def role() -> auth.Role | None:
    """The role in force; None when a login is required and nobody signed in."""
    if login_required():
        u = user()
        return u.role if u else None
    if config.get("audience") == "publiek":
        return auth.Role.VIEWER
    return auth.parse_role(config.get("local_role")) or auth.Role.VIEWER


def can(capability: str) -> bool:
    return auth.allowed(role(), capability)


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT))


def audience() -> str:
    """'publiek' for a public server, in presentation mode and when the session chose publiek files
    in an export dialog (the screen then shows what the files carry); else 'intern'."""
    if config.get("audience") == "publiek" or presenting() or st.session_state.get(PUBLIEK):
        return "publiek"
    return "intern"


def may_choose_audience() -> bool:
    """Whether this session may choose intern numbers at all (not on a public server or screen)."""
    return config.get("audience") != "publiek" and not presenting()


def allowed_regions() -> set[str] | None:
    """Region codes the signed-in user is restricted to; None for all."""
    return auth.allowed_regions(user()) if login_required() else None


def permitted(parents) -> set[str] | None:
    """Codes a restricted user may see (gemeenten, and regions wholly made of them); None for all.

    `parents` is the region_parents query result (gemeente, arbeidsmarktregio, provincie).
    """
    allow = allowed_regions()
    if allow is None:
        return None
    allow = {a.upper() for a in allow}
    if "NL" in allow:
        return None
    rows = list(parents[["gemeente_code", "arbeidsmarktregio_code", "provincie_code"]].itertuples(index=False, name=None))
    ok = {g for g, a, p in rows if {g, a, p} & allow}
    members: dict[str, set[str]] = {}
    for g, a, p in rows:
        members.setdefault(a, set()).add(g)
        members.setdefault(p, set()).add(g)
    return ok | {r for r, gms in members.items() if gms <= ok}


def clamp(code: str | None, parents) -> str | None:
    """The region to query: `code` when the user may see it, else the widest region they may see."""
    allow = allowed_regions()
    if allow is None:
        return code
    rp = {g: (a, p) for g, a, p in parents[["gemeente_code", "arbeidsmarktregio_code", "provincie_code"]]
          .itertuples(index=False, name=None)}
    return auth.clamp_region(code, allow, rp)
