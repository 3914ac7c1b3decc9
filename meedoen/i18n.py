"""Dutch and English: every visible string, value label and number/date format.

`t("key")` looks a string up in the current language; STRINGS holds (nl, en) pairs so a test
can check that nothing exists in one language only.
"""

from __future__ import annotations

import datetime as dt
import math
import threading

LANGS = ("nl", "en")
_local = threading.local()  # outside Streamlit (tests, exports, CLI)

STRINGS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("Meedoen", "Meedoen"),
    "app_tagline": ("Arbeidsparticipatie per regio", "Labour participation by region"),
    "page_overview": ("Overzicht", "Overview"),
    "page_regions": ("Regio's", "Regions"),
    "page_targets": ("Doelen", "Targets"),
    "page_kinds": ("Beschut en regulier", "Sheltered and regular"),
    "page_pilots": ("Pilots", "Pilots"),
    "page_proeftuinen": ("Proeftuinen", "Proeftuinen"),
    "page_doelgroepen": ("Doelgroepen", "Target groups"),
    "page_trends": ("Trends", "Trends"),
    "page_employers": ("Werkgevers", "Employers"),
    "page_sql": ("SQL", "SQL"),
    "page_dictionary": ("Definities en data", "Definitions and data"),
    "page_data": ("Data laden", "Load data"),
    "nav_managers": ("Dashboard", "Dashboard"),
    "nav_research": ("Onderzoek", "Research"),
    "nav_admin": ("Beheer", "Admin"),
    # filters
    "filters": ("Filters", "Filters"),
    "period": ("Periode", "Period"),
    "period_kind": ("Soort periode", "Kind of period"),
    "pk_year": ("Jaar", "Year"),
    "pk_half": ("Halfjaar", "Half year"),
    "pk_quarter": ("Kwartaal", "Quarter"),
    "pk_month": ("Maand", "Month"),
    "year": ("Jaar", "Year"),
    "half": ("Halfjaar", "Half"),
    "quarter": ("Kwartaal", "Quarter"),
    "month": ("Maand", "Month"),
    "level": ("Regioniveau", "Region level"),
    "lvl_gemeente": ("Gemeente", "Municipality"),
    "lvl_arbeidsmarktregio": ("Arbeidsmarktregio", "Labour-market region"),
    "lvl_provincie": ("Provincie", "Province"),
    "region": ("Regio", "Region"),
    "all_nl": ("Heel Nederland", "All of the Netherlands"),
    "programme": ("Programma", "Programme"),
    "doelgroep": ("Doelgroep", "Target group"),
    "all": ("Alle", "All"),
    "language": ("Taal", "Language"),
    "url_fixed": ("Ongeldige waarde in de link genegeerd: {what}", "Invalid value in the link ignored: {what}"),
    # status and messages
    "demo_badge": ("Demodata", "Demo data"),
    "demo_note": ("Dit zijn gegenereerde demogegevens. De gepubliceerde cijfers uit de bronartikelen komen erin terug; "
                  "al het andere is fictief.",
                  "This is generated demo data. The published figures from the source articles are reproduced; "
                  "everything else is fictitious."),
    "peildatum": ("Peildatum", "Reference date"),
    "version": ("Dataversie", "Data version"),
    "audience": ("Weergave", "Audience"),
    "aud_intern": ("intern (exacte aantallen)", "internal (exact counts)"),
    "signed_in_as": ("Ingelogd: {name} ({role})", "Signed in: {name} ({role})"),
    "role_viewer": ("kijker", "viewer"),
    "role_researcher": ("onderzoeker", "researcher"),
    "role_admin": ("beheerder", "admin"),
    "legend_publiek": ("<{k} = minder dan {k} personen, niet getoond; x = afgeschermd zodat een klein aantal niet "
                       "uit een totaal is terug te rekenen (ook een percentage van een kleine groep).",
                       "<{k} = fewer than {k} people, not shown; x = withheld so that a small number cannot be "
                       "worked out from a total (also a percentage of a small group)."),
    "small_group_col": ("kleine groep (<{k})", "small group (<{k})"),
    "legend_intern": ("* = kleine groep (minder dan {k} personen): exact getoond in deze interne weergave; "
                      "niet voor publicatie.",
                      "* = small group (fewer than {k} people): shown exactly in this internal view; "
                      "not for publication."),
    "login_intro": ("Log in om het dashboard te zien.", "Sign in to see the dashboard."),
    "login_oidc": ("Inloggen", "Sign in"),
    "login_name": ("Gebruikersnaam", "User name"),
    "login_password": ("Wachtwoord", "Password"),
    "login_submit": ("Inloggen", "Sign in"),
    "login_failed": ("Gebruikersnaam of wachtwoord klopt niet.", "User name or password is not right."),
    "login_unknown": ("{name} is ingelogd, maar heeft geen rol in dit dashboard. Vraag de beheerder om toegang.",
                      "{name} is signed in but has no role in this dashboard. Ask the administrator for access."),
    "logout": ("Uitloggen", "Sign out"),
    "region_not_allowed": ("de gevraagde regio valt buiten uw regio's; u ziet uw eigen regio",
                           "the requested region is outside your regions; you see your own region"),
    "person_rows_only_researcher": ("Deze gegevens hebben één rij per persoon; alleen de rol onderzoeker ziet en "
                                    "downloadt ze.", "This data has one row per person; only the researcher role "
                                    "sees and downloads it."),
    "gap_withheld": ("verschil afgeschermd", "gap withheld"),
    "hidden_value": ("afgeschermd", "withheld"),
    "aud_publiek": ("publiek (kleine aantallen afgeschermd)", "public (small counts suppressed)"),
    "source_line": ("Bron: {source}, peildatum {peildatum}", "Source: {source}, reference date {peildatum}"),
    "source_demo": ("Meedoen demodata", "Meedoen demo data"),
    "source_export": ("export {version}", "export {version}"),
    "empty": ("Geen gegevens voor deze selectie. Kies een andere periode, regio, programma of doelgroep.",
              "No data for this selection. Choose another period, region, programme or target group."),
    "no_data": ("Er zijn nog geen gegevens geladen.", "No data has been loaded yet."),
    "data_broken": ("De gegevens die nu gelden (versie {version}) zijn beschadigd of onvolledig: {what}. Er is daarom "
                    "niets te tonen. Een beheerder kan op de pagina Gegevens beheren een eerdere versie terugzetten of "
                    "de bestanden opnieuw laden.",
                    "The data in force (version {version}) is damaged or incomplete: {what}. There is therefore "
                    "nothing to show. An administrator can switch back to an earlier version or load the files again "
                    "on the Manage data page."),
    "data_defects": ("Let op: een deel van de gegevens (versie {version}) is beschadigd of onvolledig: {what}. "
                     "Grafieken die deze gegevens nodig hebben, blijven leeg.",
                     "Note: part of the data (version {version}) is damaged or incomplete: {what}. Charts that "
                     "need this data stay empty."),
    "defect_missing": ("tabel {table} ontbreekt", "table {table} is missing"),
    "defect_truncated": ("{file} is afgekapt (onvolledig)", "{file} is truncated (incomplete)"),
    "defect_corrupt": ("{file} is beschadigd", "{file} is damaged"),
    "defect_empty": ("tabel {table} heeft 0 rijen", "table {table} has 0 rows"),
    "query_failed_nl": ("Deze grafiek kon niet worden berekend ({name}). De gegevens van deze versie kunnen niet "
                        "worden gelezen; een beheerder ziet op de pagina Gegevens beheren wat er mis is.",
                        "This chart could not be computed ({name}). The data of this version cannot be read; an "
                        "administrator sees what is wrong on the Manage data page."),
    "details": ("Details", "Details"),
    "query_failed": ("Deze grafiek kon niet worden berekend ({name}): {error}",
                     "This chart could not be computed ({name}): {error}"),
    "query_and_data": ("Query en data", "Query and data"),
    "params": ("Parameters", "Parameters"),
    "download_csv": ("Download CSV", "Download CSV"),
    "rows": ("{n} rijen", "{n} rows"),
    # KPIs
    "kpi_rate": ("Plaatsingsgraad", "Placement rate"),
    "kpi_rate_help": ("Geplaatste personen gedeeld door de personen die in de periode werk zochten "
                      "(traject open en nog niet geplaatst bij de start van de periode).",
                      "People placed divided by the people looking for work in the period "
                      "(trajectory open and not yet placed at the start of the period)."),
    "kpi_rate_detail": ("{placed} van {looking} werkzoekenden · 95%-interval {lo}–{hi}",
                        "{placed} of {looking} job seekers · 95% interval {lo}–{hi}"),
    "kpi_placed": ("Geplaatst", "Placed"),
    "kpi_placed_detail": ("personen met een plaatsing in de periode", "people placed in the period"),
    "kpi_target": ("Plaatsingen t.o.v. doel", "Placements against target"),
    "kpi_target_detail": ("{realised} van {target} ({years}) · {state}", "{realised} of {target} ({years}) · {state}"),
    "kpi_no_target": ("geen doel vastgelegd", "no target set"),
    "kpi_share_beschut": ("Aandeel beschut", "Sheltered share"),
    "kpi_share_detail": ("{beschut} beschut tegen {regulier} regulier", "{beschut} sheltered against {regulier} regular"),
    "on_track": ("op koers", "on track"),
    "off_track": ("{gap} te gaan", "{gap} to go"),
    "target_met": ("gehaald (+{gap})", "met (+{gap})"),
    # charts
    "ch_by_month": ("Plaatsingen per maand naar soort werk — {where}, {period}",
                    "Placements per month by kind of work — {where}, {period}"),
    "ch_extremes": ("de {n} hoogste en {n} laagste van {total}", "the {n} highest and {n} lowest of {total}"),
    "ch_rate_regions": ("Plaatsingsgraad per {level} — {where}, {period}", "Placement rate by {level} — {where}, {period}"),
    "ax_people": ("personen", "people"),
    "ax_month": ("maand", "month"),
    "ax_rate": ("plaatsingsgraad", "placement rate"),
    "national": ("Nederland", "Netherlands"),
    "hover_rate": ("{rate} ({placed} van {looking}; 95%-interval {lo}–{hi})", "{rate} ({placed} of {looking}; 95% interval {lo}–{hi})"),
    # regions page
    "measure": ("Maat", "Measure"),
    "m_rate": ("Plaatsingsgraad", "Placement rate"),
    "m_placed": ("Geplaatst (personen)", "Placed (people)"),
    "ch_map": ("{measure} per {level} — {period}", "{measure} by {level} — {period}"),
    "map_click": ("Klik op een regio op de kaart of in de tabel om erheen te gaan.",
                  "Click a region on the map or in the table to go there."),
    "no_geo": ("Geen kaart: de grensbestanden van CBS/PDOK ontbreken in {dir}. Haal ze op met "
               "`python -m meedoen.geo download --dir {dir}` of wijs MEEDOEN_GEO_DIR naar een map met de bestanden. "
               "De vergelijking hieronder werkt ook zonder kaart.",
               "No map: the CBS/PDOK boundary files are missing in {dir}. Fetch them with "
               "`python -m meedoen.geo download --dir {dir}` or point MEEDOEN_GEO_DIR at a folder holding them. "
               "The comparison below works without a map."),
    "cmp_national": ("Landelijk", "Nationally"),
    "cmp_amr": ("Binnen de arbeidsmarktregio", "Within the labour-market region"),
    "cmp_peers": ("Vergelijkbare gemeenten", "Comparable gemeenten"),
    "cmp_peers_help": ("De {n} gemeenten die het meest lijken op {name} naar inwoners (log), stedelijkheid en "
                       "bijstand per 1.000 inwoners.",
                       "The {n} gemeenten most like {name} in inhabitants (log), urbanity and social assistance "
                       "per 1,000 inhabitants."),
    "cmp_pick_gemeente": ("Kies een gemeente om te vergelijken met de rest van de arbeidsmarktregio en met vergelijkbare gemeenten.",
                          "Choose a gemeente to compare it with the rest of its labour-market region and with comparable gemeenten."),
    "ch_peers": ("Plaatsingsgraad van {name} en vergelijkbare gemeenten — {period}",
                 "Placement rate of {name} and comparable gemeenten — {period}"),
    "col_region": ("Regio", "Region"),
    "col_placed": ("Geplaatst", "Placed"),
    "col_looking": ("Werkzoekend", "Looking for work"),
    "col_rate": ("Plaatsingsgraad", "Placement rate"),
    "col_interval": ("95%-interval", "95% interval"),
    # value labels
    "wk_regulier": ("Regulier werk", "Regular job"),
    "wk_garantiebaan": ("Garantiebaan", "Garantiebaan (jobs agreement)"),
    "wk_beschut_werk": ("Beschut werk", "Sheltered work"),
    "wk_alternatief_beschut": ("Alternatief beschut", "Alternative sheltered"),
    "wk_werkleertraject": ("Werkleertraject", "Work-and-learn trajectory"),
    "dg_banenafspraak": ("Banenafspraak", "Jobs agreement"),
    "dg_participatiewet": ("Participatiewet", "Participation Act"),
    "dg_statushouder": ("Statushouders", "Refugees with a permit"),
    "dg_beschut_indicatie": ("Indicatie beschut werk", "Sheltered-work indication"),
    "dg_jongeren": ("Jongeren", "Young people"),
    "ms_plaatsingen": ("Plaatsingen", "Placements"),
    "ms_werkleertrajecten": ("Werkleertrajecten", "Work-and-learn trajectories"),
    "ms_beschut_werk": ("Beschut werk", "Sheltered work"),
}

MONTHS = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def _session():
    """The Streamlit session state when running inside a session (language is per user)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        if get_script_run_ctx(suppress_warning=True) is not None:
            import streamlit as st

            return st.session_state
    except Exception:
        pass
    return None


def set_lang(value: str) -> None:
    value = value if value in LANGS else "nl"
    ss = _session()
    if ss is not None:
        ss["_lang"] = value
        _local.run_lang = value
    _local.lang = value


def begin_run() -> None:
    """Forget the language remembered by the previous run of this thread (call at the start of a run)."""
    _local.run_lang = None


def lang() -> str:
    # Called for every formatted number; reading session state each time is slow, so a run
    # remembers it (begin_run() clears it, set_lang() updates it).
    remembered = getattr(_local, "run_lang", None)
    if remembered is not None:
        return remembered
    ss = _session()
    if ss is not None and "_lang" in ss:
        _local.run_lang = ss["_lang"]
        return ss["_lang"]
    return getattr(_local, "lang", "nl")


def t(key: str, **kw) -> str:
    nl, en = STRINGS[key]
    s = en if lang() == "en" else nl
    return s.format(**kw) if kw else s


def label(prefix: str, value) -> str:
    """Display label of a contract value, e.g. label('wk', 'beschut_werk')."""
    key = f"{prefix}_{value}"
    return t(key) if key in STRINGS else str(value)


def _seps() -> tuple[str, str]:
    return (".", ",") if lang() == "nl" else (",", ".")


def fmt_num(x, digits: int = 0) -> str:
    """1.234,5 in Dutch, 1,234.5 in English; '–' for missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = f"{x:,.{digits}f}"
    thousands, decimal = _seps()
    return s.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def fmt_int(x) -> str:
    return fmt_num(x, 0)


def fmt_pct(x, digits: int = 0) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return fmt_num(100 * x, digits) + "%"


def fmt_date(d: dt.date) -> str:
    if lang() == "en":
        return f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}"


def d3_locale_separators() -> str:
    """Plotly 'separators' layout value: decimal then thousands."""
    thousands, decimal = _seps()
    return decimal + thousands
