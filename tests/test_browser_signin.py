"""Sign-in in a real browser: the cookie keeps a user signed in across a reload and an opened link."""

from __future__ import annotations

import pytest
from conftest import streamlit_server, wait_for_app

from meedoen import auth

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def signin_server(demo_root, tmp_path_factory, browser):
    d = tmp_path_factory.mktemp("signin")
    secrets = d / "secrets.toml"
    secrets.write_text(f"""[auth]
cookie_secret = "{'s' * 40}"

[auth.users.ann]
password_hash = "{auth.hash_password('geheim', iterations=1000)}"
role = "researcher"
""")
    with streamlit_server(demo_root, d / "streamlit.log", args=("--secrets.files", str(secrets)),
                          MEEDOEN_SESSION_HOURS="2") as base:
        yield base


def _signed_in(pg) -> bool:
    wait_for_app(pg, timeout=180_000)
    return pg.get_by_test_id("stSidebar").get_by_text("Uitloggen").count() > 0


def test_sign_in_survives_reload_and_opened_link_until_sign_out(signin_server, browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        pg = ctx.new_page()
        pg.goto(f"{signin_server}/?periode=2016")
        wait_for_app(pg, timeout=180_000)
        assert not _signed_in(pg) and pg.get_by_text("Log in om het dashboard te zien.").count() == 1
        pg.get_by_label("Gebruikersnaam").fill("ann")
        pg.get_by_label("Wachtwoord").fill("geheim")
        pg.get_by_role("button", name="Inloggen").click()
        pg.wait_for_function("document.cookie.includes('meedoen_session=')", timeout=60_000)
        assert _signed_in(pg)
        cookie = next(c for c in ctx.cookies() if c["name"] == "meedoen_session")
        assert cookie["sameSite"] == "Lax" and 2 * 3600 - 120 < cookie["expires"] - __import__("time").time() <= 7200

        pg.reload()  # a full page reload is a new Streamlit session
        assert _signed_in(pg)

        link = ctx.new_page()  # a shared link opened in another tab
        link.goto(f"{signin_server}/sql?periode=2016")
        assert _signed_in(link) and link.get_by_text("SQL-lab").count() > 0
        link.close()

        pg.get_by_test_id("stSidebar").get_by_text("Uitloggen").click()
        pg.wait_for_function("!document.cookie.includes('meedoen_session=')", timeout=60_000)
        assert not _signed_in(pg)
        pg.reload()
        assert not _signed_in(pg) and pg.get_by_label("Wachtwoord").count() == 1
    finally:
        ctx.close()


def test_forged_cookie_does_not_sign_in(signin_server, browser):
    ctx = browser.new_context()
    try:
        host = signin_server.split("//")[1].split(":")[0]
        forged = auth._b64(auth.json_dumps({"v": 1, "u": "ann", "e": 10**10, "p": "0" * 16, "n": "x"})) + ".AAAA"
        ctx.add_cookies([{"name": "meedoen_session", "value": forged, "domain": host, "path": "/"}])
        pg = ctx.new_page()
        pg.goto(signin_server)
        assert not _signed_in(pg) and pg.get_by_label("Wachtwoord").count() == 1
    finally:
        ctx.close()
