"""The export contract: every table's schema, declared once.

Everything else is generated from this module: the pyarrow schemas used to write and check
files, the DuckDB views, the data dictionary page and `data/README.md`
(`python -m meedoen.contract --markdown`).
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import pyarrow as pa

WORK_KINDS = ("regulier", "garantiebaan", "beschut_werk", "alternatief_beschut", "werkleertraject")
PAID_WORK_KINDS = ("regulier", "garantiebaan", "beschut_werk")
DOELGROEPEN = ("banenafspraak", "participatiewet", "statushouder", "beschut_indicatie", "jongeren")
PLACEMENT_OUTCOMES = ("lopend", "in_werk", "werk_beeindigd", "doorgestroomd", "uitgevallen")
PILOT_OUTCOMES = ("regulier_werk", "traject_naar_werk", "beschut_werk_nodig", "uitgevallen", "lopend")
PROEFTUIN_ROUTES = ("ontwikkeling_naar_werk", "eerst_ondersteuning")
PROEFTUIN_OUTCOMES = ("regulier_werk", "werkleertraject", "beschut_werk", "ondersteuning", "uitgevallen", "lopend")
TARGET_MEASURES = ("plaatsingen", "werkleertrajecten", "beschut_werk")
STEDELIJKHEID = (1, 2, 3, 4, 5)
SIZE_CLASSES = ("klein", "middel", "groot")

# Patterns for keys and codes; checked on every load.
PATTERNS = {
    "gemeente_code": r"^GM\d{4}$",
    "arbeidsmarktregio_code": r"^AM\d{2}$",
    "provincie_code": r"^PV\d{2}$",
    # Pseudonymised keys only: a prefix and 16 hex characters, never a BSN or a name.
    "person_key": r"^P[0-9a-f]{16}$",
    "employer_key": r"^W[0-9a-f]{10}$",
}


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    nl: str
    en: str
    example: Any
    unit: str = ""
    required: bool = True  # False: nulls allowed
    allowed: tuple | None = None
    pattern: str | None = None
    # Plausible range, both ends included: every numeric column has one; a value outside it is refused.
    minimum: float | None = None
    maximum: float | None = None

    @property
    def numeric(self) -> bool:
        return self.type in (F, I)


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    nl: str
    en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # (start column, end column) pairs where end must not come before start
    date_order: tuple[tuple[str, str], ...] = ()
    person_level: bool = True

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=not c.required) for c in self.columns])

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name, typ, nl, en, example, **kw) -> Column:
    if name in PATTERNS and "pattern" not in kw:
        kw["pattern"] = PATTERNS[name]
    return Column(name, typ, nl, en, example, **kw)


S, D, B, F, I = pa.string(), pa.date32(), pa.bool_(), pa.float64(), pa.int64()

PLACEMENTS = Table(
    "placements",
    "Trajecten: één rij per persoon per traject in een programma.",
    "Trajectories: one row per person per trajectory in a programme.",
    (
        _c("trajectory_id", S, "Unieke sleutel van het traject.", "Unique trajectory key.", "T000000123"),
        _c("person_key", S, "Gepseudonimiseerde persoonssleutel (nooit BSN of naam).",
           "Pseudonymised person key (never a BSN or name).", "P3f9a0c1d2b4e6f70"),
        _c("gemeente_code", S, "CBS-code van de gemeente van de persoon.", "CBS code of the person's gemeente.", "GM1783"),
        _c("organisation", S, "Uitvoerende organisatie (werkbedrijf, gemeente).", "Organisation running the trajectory.", "Patijnenburg"),
        _c("programme", S, "Programma of project.", "Programme or project.", "MVO Westland"),
        _c("doelgroep", S, "Doelgroep van de persoon.", "Target group of the person.", "statushouder", allowed=DOELGROEPEN),
        _c("intake_date", D, "Datum van instroom (intake).", "Intake date.", "2016-02-01"),
        _c("placement_date", D, "Datum van plaatsing in werk; leeg als niet geplaatst.",
           "Date placed in work; empty if not placed.", "2016-02-15", required=False),
        _c("work_kind", S, "Soort werk bij plaatsing.", "Kind of work when placed.", "werkleertraject",
           required=False, allowed=WORK_KINDS),
        _c("employer_key", S, "Sleutel van de werkgever (zie employers).", "Employer key (see employers).",
           "W0a1b2c3d4e", required=False),
        _c("hours_per_week", F, "Uren per week in het werk.", "Hours per week at work.", 24.0, unit="uur/week",
           required=False, minimum=0, maximum=60),
        _c("loonkostensubsidie", B, "Loonkostensubsidie ingezet.", "Wage-cost subsidy used.", True),
        _c("no_riskpolis", B, "No-riskpolis ingezet.", "No-risk policy used.", False),
        _c("end_date", D, "Einddatum van het traject of het werk; leeg als lopend.",
           "End date of trajectory or work; empty if still running.", "2017-03-31", required=False),
        _c("outcome", S, "Stand van het traject op de peildatum.", "State of the trajectory at the reference date.",
           "in_werk", allowed=PLACEMENT_OUTCOMES),
    ),
    key=("trajectory_id",),
    date_order=(("intake_date", "placement_date"), ("intake_date", "end_date")),
)

PILOTS = Table(
    "pilots",
    "Deelnemers aan pilots, één rij per deelnemer per pilot.",
    "Pilot participants, one row per participant per pilot.",
    (
        _c("pilot", S, "Naam van de pilot.", "Pilot name.", "Alternatief beschut werk 2016"),
        _c("gemeente_code", S, "CBS-code van de gemeente.", "CBS gemeente code.", "GM1916"),
        _c("person_key", S, "Gepseudonimiseerde persoonssleutel.", "Pseudonymised person key.", "P3f9a0c1d2b4e6f70"),
        _c("start_date", D, "Start van deelname.", "Start of participation.", "2016-03-01"),
        _c("end_date", D, "Einde van deelname; leeg als lopend.", "End of participation; empty if running.",
           "2016-11-30", required=False),
        _c("activity", S, "Activiteit of werkplek.", "Activity or workplace.", "horeca"),
        _c("outcome", S, "Uitkomst aan het eind van de pilot.", "Outcome at the end of the pilot.", "regulier_werk",
           allowed=PILOT_OUTCOMES),
    ),
    key=("pilot", "person_key"),
    date_order=(("start_date", "end_date"),),
)

PROEFTUINEN = Table(
    "proeftuinen",
    "Deelnemers aan proeftuinen: intake, gekozen route en uitkomst.",
    "Proeftuin participants: intake, route chosen and outcome.",
    (
        _c("proeftuin", S, "Naam van de proeftuin.", "Proeftuin name.", "Proeftuin Route naar werk"),
        _c("partner", S, "Partnerorganisatie die de deelnemer begeleidt.", "Partner organisation guiding the participant.", "WVS"),
        _c("gemeente_code", S, "CBS-code van de gemeente.", "CBS gemeente code.", "GM0758"),
        _c("person_key", S, "Gepseudonimiseerde persoonssleutel.", "Pseudonymised person key.", "P3f9a0c1d2b4e6f70"),
        _c("intake_date", D, "Datum van de intake.", "Intake date.", "2021-04-12"),
        _c("route", S, "Route na de intake.", "Route chosen after intake.", "ontwikkeling_naar_werk", allowed=PROEFTUIN_ROUTES),
        _c("outcome", S, "Uitkomst.", "Outcome.", "regulier_werk", allowed=PROEFTUIN_OUTCOMES),
        _c("outcome_date", D, "Datum van de uitkomst; leeg als lopend.", "Outcome date; empty if running.",
           "2021-09-01", required=False),
    ),
    key=("proeftuin", "person_key"),
    date_order=(("intake_date", "outcome_date"),),
)

TARGETS = Table(
    "targets",
    "Taakstelling of doel per gemeente, jaar en maat.",
    "Target (taakstelling) per gemeente, year and measure.",
    (
        _c("gemeente_code", S, "CBS-code van de gemeente.", "CBS gemeente code.", "GM1708"),
        _c("year", I, "Jaar.", "Year.", 2019, minimum=2000, maximum=2100),
        _c("measure", S, "Maat waarop het doel is gesteld.", "Measure the target is set on.", "beschut_werk",
           allowed=TARGET_MEASURES),
        _c("target", I, "Doel (aantal).", "Target (count).", 18, unit="personen/trajecten", minimum=0,
           maximum=100_000),
        _c("source", S, "Wie het doel stelde.", "Who set the target.", "SZW", required=False),
    ),
    key=("gemeente_code", "year", "measure"),
    person_level=False,
)

REGIONS = Table(
    "regions",
    "Gemeente → arbeidsmarktregio → provincie, met kenmerken om vergelijkbare gemeenten te vinden.",
    "Gemeente → labour-market region → province, with traits to find comparable gemeenten.",
    (
        _c("gemeente_code", S, "CBS-code van de gemeente.", "CBS gemeente code.", "GM1783"),
        _c("gemeente_name", S, "Naam van de gemeente.", "Gemeente name.", "Westland"),
        _c("arbeidsmarktregio_code", S, "CBS-code van de arbeidsmarktregio.", "CBS labour-market region code.", "AM21"),
        _c("arbeidsmarktregio_name", S, "Naam van de arbeidsmarktregio.", "Labour-market region name.", "Haaglanden"),
        _c("provincie_code", S, "CBS-code van de provincie.", "CBS province code.", "PV28"),
        _c("provincie_name", S, "Naam van de provincie.", "Province name.", "Zuid-Holland"),
        _c("inwoners", I, "Aantal inwoners.", "Number of inhabitants.", 112000, unit="personen", minimum=0,
           maximum=2_000_000),
        _c("stedelijkheid", I, "CBS-stedelijkheidsklasse (1 = zeer sterk stedelijk, 5 = niet stedelijk).",
           "CBS urbanity class (1 = very urban, 5 = not urban).", 2, allowed=STEDELIJKHEID, minimum=1, maximum=5),
        _c("bijstand_per_1000", F, "Personen met bijstand per 1.000 inwoners van 15+ jaar.",
           "People on social assistance per 1,000 inhabitants aged 15+.", 21.5, unit="per 1.000", minimum=0, maximum=1000),
    ),
    key=("gemeente_code",),
    person_level=False,
)

EMPLOYERS = Table(
    "employers",
    "Werkgevers, met lidmaatschap van een werkgeversnetwerk.",
    "Employers, with membership of an employer network.",
    (
        _c("employer_key", S, "Sleutel van de werkgever.", "Employer key.", "W0a1b2c3d4e"),
        _c("name", S, "Naam, alleen als de werkgever akkoord gaf met vermelding.",
           "Name, only if the employer agreed to be named.", "Kwekerij De Druif", required=False),
        _c("name_public", B, "Werkgever gaf akkoord om met naam genoemd te worden.", "Employer agreed to be named.", True),
        _c("network", S, "Werkgeversnetwerk waarvan de werkgever lid is; leeg als geen.",
           "Employer network the employer belongs to; empty if none.", "MVO Westland", required=False),
        _c("join_date", D, "Datum van aansluiting bij het netwerk.", "Date the employer joined the network.",
           "2014-05-01", required=False),
        _c("sector", S, "Sector.", "Sector.", "glastuinbouw"),
        _c("size_class", S, "Grootteklasse.", "Size class.", "middel", allowed=SIZE_CLASSES),
        _c("staff_count", I, "Aantal medewerkers; leeg als onbekend.", "Number of staff; empty if unknown.", 85,
           unit="personen", required=False, minimum=0, maximum=500_000),
        _c("gemeente_code", S, "CBS-code van de vestigingsgemeente.", "CBS gemeente code of the site.", "GM1783"),
    ),
    key=("employer_key",),
    person_level=False,
)

TABLES: dict[str, Table] = {t.name: t for t in (PLACEMENTS, PILOTS, PROEFTUINEN, TARGETS, REGIONS, EMPLOYERS)}
# Tables a data version must hold; employers is optional (not every export has it).
REQUIRED_TABLES = ("placements", "pilots", "proeftuinen", "targets", "regions")


def range_text(c: Column) -> str:
    """'0 – 60', '≥ 0' or '≤ 60': the plausible range as the data dictionary shows it."""
    def num(x: float) -> str:
        if float(x).is_integer():  # years and small counts without a thousands dot
            return f"{x:.0f}" if abs(x) < 10_000 else f"{x:,.0f}".replace(",", ".")
        return f"{x:g}".replace(".", ",")
    if c.minimum is not None and c.maximum is not None:
        return f"{num(c.minimum)} – {num(c.maximum)}"
    return f"≥ {num(c.minimum)}" if c.minimum is not None else f"≤ {num(c.maximum)}" if c.maximum is not None else ""


def to_markdown() -> str:
    """The contract as Markdown, for data/README.md."""
    out = [
        "# Data contract",
        "",
        "Generated from `meedoen/contract.py` by `python -m meedoen.contract --markdown > data/README.md`;",
        "edit the contract, not this file.",
        "",
        "Each table is one parquet file `<table>.parquet` or a folder `<table>/` of parquet files",
        "(hive partitioning such as `<table>/year=2016/part-0.parquet` is allowed; partition columns",
        "are ignored). Keys are pseudonymised: a person is `P` + 16 hex characters, an employer `W` + 10.",
        "Dates are ISO dates (`date32`). Required tables: " + ", ".join(f"`{t}`" for t in REQUIRED_TABLES)
        + "; `employers` is optional.",
        "",
    ]
    for t in TABLES.values():
        out += [f"## `{t.name}`", "", t.nl, "", f"Key: {', '.join(t.key)}." , ""]
        if t.date_order:
            out += ["Date order: " + "; ".join(f"`{a}` ≤ `{b}`" for a, b in t.date_order) + ".", ""]
        out += ["| column | type | required | unit | allowed values / plausible range | meaning | example |",
                "|---|---|---|---|---|---|---|"]
        for c in t.columns:
            allowed = ", ".join(map(str, c.allowed)) if c.allowed else (f"`{c.pattern}`" if c.pattern else "")
            if c.minimum is not None or c.maximum is not None:
                allowed = (allowed + "; " if allowed else "") + range_text(c)
            out.append(
                f"| `{c.name}` | {c.type} | {'yes' if c.required else 'no'} | {c.unit} | {allowed} | {c.nl} | `{c.example}` |"
            )
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    if "--markdown" in sys.argv:
        print(to_markdown())
