"""Sign-in that resists guessing (counters checked before hashing) and a signed, expiring cookie."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from conftest import ROOT

from meedoen import auth, i18n, signin
from meedoen.auth import Role, Throttle, User, hash_password, make_token, read_token

FAST = 1000
HASH = hash_password("geheim", iterations=FAST)
SECRETS = {"auth": {"users": {"ann": {"password_hash": HASH, "role": "researcher", "regions": ["GM1783"]}}}}
KEY = b"k" * 32


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_throttle_waits_grow_after_the_allowed_failures():
    clock = Clock()
    th = Throttle(max_failures=3, base_delay=2, max_delay=60, clock=clock)
    for _ in range(2):
        th.failed("user:ann")
        assert th.wait("user:ann") == 0
    waits = []
    for _ in range(6):
        th.failed("user:ann")
        waits.append(th.wait("user:ann"))
    assert waits == [2, 4, 8, 16, 32, 60]
    assert th.wait("user:bob") == 0 and th.wait("user:bob", "user:ann") == 60
    clock.now += 61
    assert th.wait("user:ann") == 0
    th.succeeded("user:ann")
    assert th.failures("user:ann") == 0


def test_throttle_forgets_old_failures_and_stays_bounded():
    clock = Clock()
    th = Throttle(max_failures=2, forget_after=100, max_keys=10, clock=clock)
    th.failed("a")
    clock.now += 101
    th.failed("a")
    assert th.failures("a") == 1  # the first one was too long ago
    for i in range(50):
        th.failed(f"name{i}")
    assert len(th._state) <= 11


@pytest.fixture
def guarded(monkeypatch):
    """A fresh throttle with a fake clock, and a count of password hashes computed."""
    clock = Clock()
    monkeypatch.setattr(signin, "_throttle", Throttle(max_failures=5, clock=clock))
    monkeypatch.setattr(signin, "throttle", lambda: signin._throttle)
    calls = []
    real = auth.verify
    monkeypatch.setattr(auth, "verify", lambda p, s: calls.append(p) or real(p, s))
    i18n.set_lang("nl")
    return clock, calls


def test_guessing_is_locked_out_before_hashing(guarded, caplog):
    clock, calls = guarded
    caplog.set_level(logging.INFO, logger="meedoen.auth")
    for i in range(15):
        u, msg = signin.attempt(SECRETS, "ann", f"gok{i}")
        assert u is None
    assert len(calls) == 5, "after 5 failures no password may be hashed any more"
    u, msg = signin.attempt(SECRETS, "ann", "geheim")  # the right password, while locked
    assert u is None and "Te veel mislukte pogingen" in msg and len(calls) == 5
    assert any("refused unchecked" in r.message for r in caplog.records)
    assert sum("sign-in failed" in r.message for r in caplog.records) == 5
    clock.now += 3  # the first wait (2 s) is over
    u, msg = signin.attempt(SECRETS, "ann", "geheim")
    assert u is not None and u.name == "ann" and msg is None


def test_unknown_name_and_wrong_password_get_the_same_answer(guarded):
    _, calls = guarded
    _, unknown = signin.attempt(SECRETS, "niemand", "x")
    _, wrong = signin.attempt(SECRETS, "ann", "x")
    assert unknown == wrong == i18n.t("login_failed")
    assert len(calls) == 2  # an unknown name costs a hash too: the timing tells nothing


def test_guessing_many_names_from_one_client_is_locked_out(guarded):
    _, calls = guarded
    for i in range(12):
        signin.attempt(SECRETS, f"naam{i}", "x")
    assert len(calls) == 5  # the client's counter, not the names', stopped it
    assert "Te veel" in signin.attempt(SECRETS, "ann", "geheim")[1]


def _user(**kw):
    return auth.users(SECRETS)["ann"] if not kw else User(**{"name": "ann", "role": Role.RESEARCHER,
                                                             "password_hash": HASH, **kw})


def test_token_round_trip_and_every_way_to_break_it():
    u = _user()
    tok = make_token(u, KEY, hours=8, now=1000)
    got = read_token(tok, SECRETS, KEY, now=1000 + 3600)
    assert got and got[0] == u and len(got[1]) == 16
    assert read_token(tok, SECRETS, KEY, now=1000 + 8 * 3600 + 1) is None  # expired
    assert read_token(tok, SECRETS, b"x" * 32, now=1001) is None  # another key
    assert read_token(tok, SECRETS, KEY, now=1001, revoked={got[1]}) is None  # signed out
    body, sig = tok.split(".")
    forged = auth._b64(auth.json_dumps({**__import__("json").loads(auth._unb64(body)), "u": "ann", "e": 10**12}))
    assert read_token(forged + "." + sig, SECRETS, KEY, now=1001) is None
    new_pw = {"auth": {"users": {"ann": {**SECRETS["auth"]["users"]["ann"], "password_hash": hash_password(
        "nieuw", iterations=FAST)}}}}
    assert read_token(tok, new_pw, KEY, now=1001) is None  # a new password ends old sign-ins
    demoted = {"auth": {"users": {"ann": {**SECRETS["auth"]["users"]["ann"], "role": "viewer"}}}}
    assert read_token(tok, demoted, KEY, now=1001) is None
    assert read_token(tok, {"auth": {"users": {}}}, KEY, now=1001) is None  # removed user
    for junk in (None, "", ".", "a.b", "x" * 5000, tok + "x", "é.é", tok.replace(".", "..")):
        assert read_token(junk, SECRETS, KEY, now=1001) is None


def test_cookie_secret_from_secrets_or_a_private_file(tmp_path):
    assert auth.cookie_secret({"auth": {"cookie_secret": "s" * 20}}, tmp_path / "no") == b"s" * 20
    f = tmp_path / "conf" / "cookie-secret"
    key = auth.cookie_secret({}, f)
    assert len(key) == 64 and auth.cookie_secret({}, f) == key
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o600
    assert not str(f.resolve()).startswith(str(ROOT))


def test_default_secret_file_is_outside_the_checkout():
    from meedoen import config

    default = Path(next(s.default for s in config.SETTINGS if s.name == "secret_file")).expanduser().resolve()
    assert not str(default).startswith(str(ROOT.resolve()))


def test_login_form_locks_out_after_repeated_failures(app_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(signin, "_throttle", None)
    monkeypatch.setenv("MEEDOEN_LOGIN_MAX_FAILURES", "2")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = {"users": {"ann": {"password_hash": HASH, "role": "viewer"}}}
    at.run()
    messages = []
    for pw in ("a", "b", "c", "geheim"):
        at.text_input[0].input("ann")
        at.text_input[1].input(pw)
        at.button[0].click()
        at.run()
        messages.append(at.error[0].value if at.error else "")
    assert messages[0] == messages[1] == "Gebruikersnaam of wachtwoord klopt niet."
    assert "Te veel mislukte pogingen" in messages[2] and "Te veel mislukte pogingen" in messages[3]
    assert not at.metric  # the right password, during the lock-out, did not sign in
    monkeypatch.setattr(signin, "_throttle", None)
