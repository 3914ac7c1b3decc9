"""Roles, password hashes, sign-in configuration and region restrictions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from meedoen import auth
from meedoen.auth import Role, allowed, allowed_regions, clamp_region, hash_password, verify
from meedoen.regions import read_division

ROOT = Path(__file__).resolve().parent.parent
FAST = 1000  # iterations for tests that are not about the default strength


@pytest.fixture(scope="module")
def parents():
    division, _ = read_division(None)
    return auth.region_parents_from(division)


def test_hash_round_trip_with_default_strength():
    h = hash_password("Westland 2016!")
    algorithm, iterations, salt, digest = h.split("$")
    assert (algorithm, int(iterations)) == ("pbkdf2_sha256", auth.ITERATIONS)
    assert len(salt) == 32 and len(digest) == 64
    assert verify("Westland 2016!", h)


def test_wrong_password_and_salting():
    h = hash_password("geheim", iterations=FAST)
    assert not verify("Geheim", h)
    assert not verify("", h)
    assert hash_password("geheim", iterations=FAST) != h  # a new salt each time
    assert hash_password("geheim", iterations=FAST, salt="abc") == hash_password("geheim", iterations=FAST, salt="abc")


@pytest.mark.parametrize("stored", ["", "geheim", "pbkdf2_sha256$1000$salt", "md5$1000$salt$00",
                                    "pbkdf2_sha256$veel$salt$00", "pbkdf2_sha256$0$salt$00",
                                    "pbkdf2_sha256$99999999999$salt$00", "pbkdf2_sha256$1000$salt$zz", None])
def test_malformed_hashes_never_match(stored):
    assert not verify("geheim", stored)


def test_empty_password_cannot_be_hashed():
    with pytest.raises(ValueError, match="leeg"):
        hash_password("")


MATRIX = {
    Role.VIEWER: {"pages"},
    Role.RESEARCHER: {"pages", "person_rows", "sql_lab"},
    Role.ADMIN: {"pages", "person_rows", "sql_lab", "data_admin"},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("capability", sorted(auth.CAPABILITIES))
def test_roles_matrix(role, capability):
    assert allowed(role, capability) == (capability in MATRIX[role])
    assert allowed(role.value, capability) == (capability in MATRIX[role])


def test_unknown_role_has_nothing_and_unknown_capability_is_an_error():
    assert not any(allowed(r, c) for r in ("", "beheerder", None) for c in auth.CAPABILITIES)
    assert allowed(" Admin ", "data_admin")
    with pytest.raises(ValueError, match="bevoegdheid"):
        allowed(Role.ADMIN, "alles")


def secrets_with(**users):
    return {"auth": {"users": users}}


def test_users_and_authenticate():
    h = hash_password("welkom", iterations=FAST)
    s = secrets_with(anna={"password_hash": h, "role": "viewer", "regions": ["gm1783"]},
                     bob={"password_hash": h, "role": "researcher"},
                     eve={"password_hash": h, "role": "koning"})
    users = auth.users(s)
    assert set(users) == {"anna", "bob"}  # an unknown role is left out, not promoted
    assert users["anna"].regions == frozenset({"GM1783"})
    assert auth.authenticate(s, "anna", "welkom") == users["anna"]
    assert auth.authenticate(s, "anna", "fout") is None
    assert auth.authenticate(s, "niemand", "welkom") is None
    assert auth.authenticate(s, "eve", "welkom") is None
    assert auth.lookup_user(s, "bob").role is Role.RESEARCHER


@pytest.mark.parametrize("secrets, expected", [
    ({}, False),
    (None, False),
    ({"auth": {}}, False),
    ({"auth": {"users": {}}}, False),
    ({"auth": {"users": {"a": {"password_hash": "x", "role": "viewer"}}}}, True),
    ({"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s",
               "client_id": "meedoen", "client_secret": "c", "server_metadata_url": "https://id/.well-known"}}, True),
    ({"auth": {"redirect_uri": "r", "cookie_secret": "s", "microsoft": {"client_id": "m", "client_secret": "c"}}}, True),
    ({"auth": {"redirect_uri": "r", "cookie_secret": "s"}}, False),
    ({"meedoen": {"audience": "publiek"}}, False),
])
def test_auth_configured(secrets, expected):
    assert auth.auth_configured(secrets) is expected


def test_allowed_regions():
    assert allowed_regions({"role": "viewer", "regions": ["GM1783", " am21 "]}) == {"GM1783", "AM21"}
    assert allowed_regions({"role": "viewer"}) is None
    assert allowed_regions({"role": "viewer", "regions": []}) is None
    assert allowed_regions({"role": "admin", "regions": ["GM1783"]}) is None
    assert allowed_regions(auth.User("r", Role.RESEARCHER, frozenset({"PV28"}))) == {"PV28"}
    assert allowed_regions(None) is None


@pytest.mark.parametrize("requested", ["GM1783", "AM21", "PV28", None, "NL", "GM0518", "AM25", "GM9999", "gm1783"])
def test_clamp_restricted_to_one_gemeente(requested, parents):
    assert clamp_region(requested, {"GM1783"}, parents) == "GM1783"


def test_clamp_unrestricted_passes_through(parents):
    assert clamp_region("AM21", None, parents) == "AM21"
    assert clamp_region("NL", None, parents) is None
    assert clamp_region(None, {"NL"}, parents) is None


def test_clamp_amr_needs_all_its_gemeenten(parents):
    haaglanden = {g for g, (a, _) in parents.items() if a == "AM21"}
    assert clamp_region("AM21", haaglanden, parents) == "AM21"
    assert clamp_region("AM21", {"AM21"}, parents) == "AM21"
    assert clamp_region("GM0518", {"AM21"}, parents) == "GM0518"
    # Zuid-Holland also holds other regions: a Haaglanden user gets Haaglanden, not the province.
    assert clamp_region("PV28", {"AM21"}, parents) == "AM21"
    assert clamp_region(None, {"AM21"}, parents) == "AM21"
    partial = haaglanden - {"GM1842"}
    assert clamp_region("AM21", partial, parents) == min(partial)
    assert clamp_region("PV28", {"PV28"}, parents) == "PV28"
    assert clamp_region(None, {"PV28"}, parents) == "PV28"


def test_clamp_several_gemeenten_prefers_one_inside_the_request(parents):
    allow = {"GM1783", "GM1916"}  # Westland (AM21) and Leidschendam-Voorburg (AM34)
    assert clamp_region("AM34", allow, parents) == "GM1916"
    assert clamp_region("GM1916", allow, parents) == "GM1916"
    assert clamp_region("GM0758", allow, parents) == "GM1783"


def test_clamp_all_gemeenten_allowed_means_the_whole_country(parents):
    assert clamp_region(None, set(parents), parents) is None
    assert clamp_region("PV30", set(parents), parents) == "PV30"


def test_clamp_without_any_known_region_refuses(parents):
    with pytest.raises(PermissionError, match="regions"):
        clamp_region("GM1783", {"AM99"}, parents)


def test_region_parents_from_division():
    df = pd.DataFrame({"gemeente_code": ["GM1783"], "arbeidsmarktregio_code": ["AM21"], "provincie_code": ["PV28"]})
    assert auth.region_parents_from(df) == {"GM1783": ("AM21", "PV28")}


def run_cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "meedoen.auth", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_cli_hash_reads_stdin():
    done = run_cli("hash", stdin="mijn wachtwoord\n")
    assert done.returncode == 0, done.stderr
    assert verify("mijn wachtwoord", done.stdout.strip())


def test_cli_refuses_empty_input_and_unknown_command():
    empty = run_cli("hash", stdin="")
    assert empty.returncode == 2 and "wachtwoord" in empty.stderr
    assert run_cli("iets").returncode == 2
