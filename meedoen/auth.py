"""Roles, password hashes and region restrictions; pure functions, the UI calls them.

Users are configured in Streamlit secrets:

    [auth.users.anna]
    password_hash = "pbkdf2_sha256$600000$<salt>$<hash>"   # python -m meedoen.auth hash
    role = "viewer"                                         # viewer, researcher or admin
    regions = ["GM1783"]                                    # optional; gemeente, AMR or provincie codes

A Streamlit OIDC set-up (`[auth]` with `client_id`, for `st.login`) also counts as configured;
it is detected here, not implemented.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import hmac
import secrets as _secrets
import sys
from collections.abc import Iterable, Mapping

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
MAX_ITERATIONS = 10_000_000  # a stored hash asking for more is treated as invalid, not computed


class Role(str, enum.Enum):
    VIEWER = "viewer"
    RESEARCHER = "researcher"
    ADMIN = "admin"


CAPABILITIES: dict[str, frozenset[Role]] = {
    "pages": frozenset(Role),
    "person_rows": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "sql_lab": frozenset({Role.RESEARCHER, Role.ADMIN}),
    "data_admin": frozenset({Role.ADMIN}),
}


def parse_role(role: Role | str | None) -> Role | None:
    """The Role for a value from secrets, or None when it is not a known role."""
    if isinstance(role, Role):
        return role
    try:
        return Role(str(role).strip().lower())
    except ValueError:
        return None


def allowed(role: Role | str | None, capability: str) -> bool:
    """Whether a role has a capability; an unknown role has none."""
    if capability not in CAPABILITIES:
        raise ValueError(f"Onbekende bevoegdheid '{capability}'; bekend: {', '.join(CAPABILITIES)}.")
    r = parse_role(role)
    return r is not None and r in CAPABILITIES[capability]


def hash_password(password: str, *, iterations: int = ITERATIONS, salt: str | None = None) -> str:
    """A PBKDF2-SHA256 hash as 'pbkdf2_sha256$<iterations>$<salt>$<hex hash>'."""
    if not password:
        raise ValueError("Een leeg wachtwoord kan niet worden gebruikt.")
    salt = salt or _secrets.token_hex(16)
    if "$" in salt:
        raise ValueError("Het zout mag geen '$' bevatten.")
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("utf-8"), iterations)
    return f"{ALGORITHM}${iterations}${salt}${digest.hex()}"


def verify(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash; a malformed hash never matches."""
    try:
        algorithm, iterations, salt, expected = str(stored).split("$")
        n = int(iterations)
        bytes.fromhex(expected)
    except (ValueError, TypeError):
        return False
    if algorithm != ALGORITHM or not 1 <= n <= MAX_ITERATIONS or not salt or not expected:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", str(password).encode("utf-8"), salt.encode("utf-8"), n)
    return hmac.compare_digest(digest.hex(), expected.lower())


@dataclasses.dataclass(frozen=True)
class User:
    name: str
    role: Role
    regions: frozenset[str] | None = None  # None = every region
    password_hash: str = dataclasses.field(default="", repr=False)


def _auth_section(secrets: Mapping | None) -> Mapping:
    try:
        section = (secrets or {}).get("auth", {})
    except Exception:  # st.secrets raises when there is no secrets file at all
        return {}
    return section if isinstance(section, Mapping) else {}


def oidc_configured(secrets: Mapping | None) -> bool:
    """Whether secrets hold a Streamlit OIDC set-up ([auth] or [auth.<provider>] with client_id)."""
    auth = _auth_section(secrets)
    if auth.get("client_id"):
        return True
    return any(isinstance(v, Mapping) and v.get("client_id") for k, v in auth.items() if k != "users")


def users(secrets: Mapping | None) -> dict[str, User]:
    """The users configured under [auth.users]; entries without a known role are left out."""
    out = {}
    raw = _auth_section(secrets).get("users", {})
    if not isinstance(raw, Mapping):
        return out
    for name, entry in raw.items():
        if not isinstance(entry, Mapping):
            continue
        role = parse_role(entry.get("role"))
        if role is None:
            continue
        regions = entry.get("regions")
        if isinstance(regions, str):
            regions = [regions]
        regs = frozenset(str(r).strip().upper() for r in regions or () if str(r).strip())
        out[str(name)] = User(str(name), role, regs or None, str(entry.get("password_hash", "")))
    return out


def auth_configured(secrets: Mapping | None) -> bool:
    """Whether sign-in is configured: password users or Streamlit OIDC."""
    return bool(users(secrets)) or oidc_configured(secrets)


@functools.cache
def _dummy_hash() -> str:
    # A real hash of a random password, checked for unknown names so they take as long as known ones.
    return hash_password(_secrets.token_hex(8))


def authenticate(secrets: Mapping | None, name: str, password: str) -> User | None:
    """The user when name and password match the configured users, else None."""
    user = users(secrets).get(str(name).strip())
    ok = verify(password, user.password_hash if user and user.password_hash else _dummy_hash())
    return user if user and ok else None


def lookup_user(secrets: Mapping | None, name: str) -> User | None:
    """The configured user by name (for OIDC sign-in, where the identity provider checked the password)."""
    return users(secrets).get(str(name).strip())


def allowed_regions(user: User | Mapping | None) -> set[str] | None:
    """Region codes the user is restricted to, or None for all (admins are never restricted)."""
    if user is None:
        return None
    if isinstance(user, Mapping):
        role = parse_role(user.get("role"))
        regions = user.get("regions") or ()
        if isinstance(regions, str):
            regions = [regions]
    else:
        role, regions = user.role, user.regions or ()
    if role is Role.ADMIN:
        return None
    regs = {str(r).strip().upper() for r in regions if str(r).strip()}
    return regs or None


def region_parents_from(division) -> dict[str, tuple[str, str]]:
    """gemeente → (arbeidsmarktregio, provincie) from a regions frame (see meedoen.regions)."""
    cols = ["gemeente_code", "arbeidsmarktregio_code", "provincie_code"]
    return {g: (a, p) for g, a, p in division[cols].itertuples(index=False, name=None)}


def _level(code: str) -> int:
    return {"PV": 2, "AM": 1}.get(code[:2], 0)


def clamp_region(requested_code: str | None, allowed: Iterable[str] | None,
                 region_parents: Mapping[str, tuple[str, str]]) -> str | None:
    """A region the user may see: the requested one if permitted, else the widest permitted one.

    `requested_code` None or 'NL' means the whole country (returned as None). A restricted user
    may see a gemeente in `allowed` (directly or via its AMR or provincie) and an AMR or provincie
    only if every gemeente in it is allowed. The fallback prefers permitted regions inside the
    requested one, then the widest level, then the lowest code.
    """
    if allowed is None:
        return None if requested_code in (None, "NL") else requested_code
    allow = {str(a).strip().upper() for a in allowed}
    if "NL" in allow:
        return None if requested_code in (None, "NL") else requested_code
    ok_gm = {g for g, (a, p) in region_parents.items() if {g, a, p} & allow}
    ok_gm |= {c for c in allow if c.startswith("GM")}
    if not ok_gm:
        raise PermissionError("Deze gebruiker heeft geen toegang tot een bekende regio; "
                              "controleer 'regions' in [auth.users] van de secrets.")
    members: dict[str, set[str]] = {}
    for g, (a, p) in region_parents.items():
        members.setdefault(a, set()).add(g)
        members.setdefault(p, set()).add(g)
    permitted = set(ok_gm) | {r for r, gms in members.items() if gms <= ok_gm}
    if requested_code in (None, "NL"):
        if set(region_parents) and set(region_parents) <= ok_gm:
            return None
        inside = permitted
    else:
        code = str(requested_code).strip().upper()
        if code in permitted:
            return code
        inside = {r for r in permitted if (members.get(r, {r}) <= members.get(code, set()))}
    pool = inside or permitted
    return min(pool, key=lambda r: (-_level(r), r))


def _main(argv: list[str]) -> int:
    if argv[:1] != ["hash"]:
        print("Gebruik: python -m meedoen.auth hash  (leest het wachtwoord van stdin en "
              "drukt de hash af voor [auth.users] in .streamlit/secrets.toml)", file=sys.stderr)
        return 2
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("Wachtwoord: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("Geen wachtwoord gelezen van stdin; er is niets gehasht.", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


# ------------------------------------------------------------------ guessing: failure counters

class Throttle:
    """Failed sign-ins per key (a user name, a client), with a growing wait after `max_failures`.

    Checked before the password hash is computed, so a locked-out guesser costs no PBKDF2 time.
    The same rule holds for known and unknown user names, so the answer tells nothing about which
    names exist. Thread-safe; kept in memory (a restart forgets, the wait is short anyway).
    """

    def __init__(self, max_failures: int = 5, base_delay: float = 2.0, max_delay: float = 900.0,
                 forget_after: float = 3600.0, max_keys: int = 100_000, clock=None):
        import threading
        import time

        self.max_failures, self.base_delay, self.max_delay = int(max_failures), base_delay, max_delay
        self.forget_after, self.max_keys = forget_after, max_keys
        self.clock = clock or time.monotonic
        self._lock = threading.Lock()
        self._state: dict[str, tuple[int, float, float]] = {}  # key -> (failures, not before, last failure)

    def delay(self, failures: int) -> float:
        """Seconds to wait after this many failures: none up to max_failures, then doubling."""
        if failures < self.max_failures:
            return 0.0
        return min(self.base_delay * 2 ** (failures - self.max_failures), self.max_delay)

    def wait(self, *keys: str) -> float:
        """Seconds until an attempt for all these keys is allowed (0 = now)."""
        now = self.clock()
        with self._lock:
            return max([0.0] + [self._state[k][1] - now for k in keys if k in self._state])

    def failures(self, key: str) -> int:
        with self._lock:
            return self._state.get(key, (0, 0.0, 0.0))[0]

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._state) >= self.max_keys:
                self._forget(now)
            for k in keys:
                n, _, last = self._state.get(k, (0, 0.0, now))
                if now - last > self.forget_after:
                    n = 0
                self._state[k] = (n + 1, now + self.delay(n + 1), now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._state.pop(k, None)

    def _forget(self, now: float) -> None:
        old = [k for k, (_, until, last) in self._state.items() if now - last > self.forget_after and until <= now]
        for k in old or sorted(self._state, key=lambda k: self._state[k][2])[: len(self._state) // 2]:
            del self._state[k]


# ------------------------------------------------------------------ staying signed in: a signed token

TOKEN_VERSION = 1


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _password_tag(user: User) -> str:
    # A new password (or role, or regions) ends every sign-in made before it.
    text = f"{user.password_hash}|{user.role.value}|{','.join(sorted(user.regions or ()))}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def make_token(user: User, secret: bytes, hours: float, now: float) -> str:
    """A signed token that keeps `user` signed in for `hours`: payload.HMAC-SHA256(payload)."""
    payload = {"v": TOKEN_VERSION, "u": user.name, "e": int(now + hours * 3600), "p": _password_tag(user),
               "n": _secrets.token_hex(8)}
    body = _b64(json_dumps(payload))
    return body + "." + _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest())


def json_dumps(payload: dict) -> bytes:
    import json

    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def read_token(token: str | None, secrets: Mapping | None, secret: bytes, now: float,
               revoked: Iterable[str] = ()) -> tuple[User, str] | None:
    """The user a token signs in, and its nonce; None when it is forged, expired, revoked or stale."""
    import json

    if not token or not isinstance(token, str) or len(token) > 2000 or token.count(".") != 1:
        return None
    body, sig = token.split(".")
    try:
        expected = hmac.new(secret, body.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(sig)):
            return None
        payload = json.loads(_unb64(body))
    except (ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or payload.get("v") != TOKEN_VERSION:
        return None
    if not isinstance(payload.get("e"), int) or payload["e"] <= now or payload.get("n") in set(revoked):
        return None
    user = users(secrets).get(str(payload.get("u")))
    if user is None or not hmac.compare_digest(str(payload.get("p")), _password_tag(user)):
        return None
    return user, str(payload.get("n"))


def cookie_secret(secrets: Mapping | None, path) -> bytes:
    """The key that signs sign-in cookies: `[auth] cookie_secret` in secrets, else a random key kept in
    the file `path` (made on first use, readable by the owner only)."""
    import os
    from pathlib import Path

    configured = _auth_section(secrets).get("cookie_secret")
    if configured and len(str(configured)) >= 16:
        return str(configured).encode()
    p = Path(path).expanduser()
    try:
        data = p.read_bytes().strip()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    p.parent.mkdir(parents=True, exist_ok=True)
    key = _secrets.token_hex(32).encode()
    tmp = p.with_name(f".{p.name}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key)
    try:
        os.link(tmp, p)  # the first writer wins; everyone then reads the same key
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return p.read_bytes().strip()
