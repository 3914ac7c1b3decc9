"""Strings of the pilots, proeftuinen and werkgevers pages (merged into i18n.STRINGS at import)."""

from meedoen import i18n

STRINGS: dict[str, tuple[str, str]] = {
    "p2_node_hidden": ("Afgeschermd ({n} uitkomsten): {total}", "Withheld ({n} outcomes): {total}"),
    # shared
    "p2_filters_not_used": ("De filters programma en doelgroep gelden niet voor {what}: die gegevens hebben geen programma of doelgroep.",
                            "The programme and target-group filters do not apply to {what}: that data has no programme or target group."),
    "p2_participants": ("deelnemers", "participants"),
    "p2_of": ("{n} van {total}", "{n} of {total}"),
    "p2_days": ("dagen", "days"),
    "p2_share_ci": ("{share} ({n} van {total}; 95%-interval {lo}–{hi})", "{share} ({n} of {total}; 95% interval {lo}–{hi})"),
    # pilots
    "p2_pilot": ("Pilot", "Pilot"),
    "p2_pilot_pick": ("Kies een pilot", "Choose a pilot"),
    "p2_pilot_option": ("{pilot} — {gemeente} ({n} deelnemers)", "{pilot} — {gemeente} ({n} participants)"),
    "p2_pilot_caption": ("{gemeente} · {start} tot {end} · {n} deelnemers", "{gemeente} · {start} to {end} · {n} participants"),
    "p2_running": ("nu", "now"),
    "p2_pilots_what": ("pilots", "pilots"),
    "p2_ch_outflow": ("Uitstroom van {pilot}<br>{where}, {period}", "Outflow of {pilot}<br>{where}, {period}"),
    "p2_ch_activities": ("Deelnemers per activiteit of werkplek<br>{pilot} — {where}, {period}",
                         "Participants per activity or workplace<br>{pilot} — {where}, {period}"),
    "p2_node_participants": ("Deelnemers ({n})", "Participants ({n})"),
    "p2_tbl_outcome": ("Uitkomst", "Outcome"),
    "p2_tbl_n": ("Aantal", "Number"),
    "p2_tbl_share": ("Aandeel", "Share"),
    "p2_tbl_ci": ("95%-interval", "95% interval"),
    "p2_activity": ("activiteit", "activity"),
    "p2_outflow_help": ("Uitkomst aan het eind van de pilot, per deelnemer. Intervallen zijn 95%-Wilsonintervallen; "
                        "bij kleine groepen zijn ze breed.",
                        "Outcome at the end of the pilot, per participant. Intervals are 95% Wilson intervals; "
                        "they are wide for small groups."),
    "po_regulier_werk": ("Regulier betaald werk", "Regular paid job"),
    "po_traject_naar_werk": ("Traject naar werk", "Trajectory towards work"),
    "po_beschut_werk_nodig": ("Beschut werk nodig", "Needs sheltered work"),
    "po_uitgevallen": ("Uitgevallen", "Dropped out"),
    "po_lopend": ("Nog lopend", "Still running"),
    # proeftuinen
    "p2_partner": ("Partnerorganisatie", "Partner organisation"),
    "p2_all_partners": ("Alle partners", "All partners"),
    "p2_proeftuinen_what": ("proeftuinen", "proeftuinen"),
    "p2_pt_cohort": ("Deelnemers met een intake in de periode, gevolgd tot hun uitkomst (of tot de peildatum).",
                     "Participants with an intake in the period, followed to their outcome (or the reference date)."),
    "p2_ch_pt_flow": ("Van intake via route naar uitkomst — {where}, {period}", "From intake via route to outcome — {where}, {period}"),
    "p2_ch_pt_share": ("Uitkomst per partner (aandeel van de intakes) — {where}, {period}",
                       "Outcome per partner (share of intakes) — {where}, {period}"),
    "p2_ch_pt_time": ("Dagen van intake tot werk per partner — {where}, {period}", "Days from intake to work per partner — {where}, {period}"),
    "p2_node_intake": ("Intake {partner} ({n})", "Intake {partner} ({n})"),
    "p2_median_days": ("Mediaan {partner}", "Median {partner}"),
    "p2_median_detail": ("{median} dagen · {n} personen aan het werk · middelste helft {p25}–{p75} dagen",
                         "{median} days · {n} people in work · middle half {p25}–{p75} days"),
    "p2_time_heading": ("Tijd van intake tot werk", "Time from intake to work"),
    "p2_time_help": ("Dagen van de intake tot de datum van de uitkomst, voor de uitkomsten regulier werk, werkleertraject en beschut werk.",
                     "Days from intake to the outcome date, for the outcomes regular job, work-and-learn trajectory and sheltered work."),
    "p2_ax_share_intakes": ("aandeel van de intakes", "share of intakes"),
    "pr_ontwikkeling_naar_werk": ("Ontwikkeling naar werk", "Development towards work"),
    "pr_eerst_ondersteuning": ("Eerst ondersteuning", "Support first"),
    "pto_regulier_werk": ("Regulier werk", "Regular job"),
    "pto_werkleertraject": ("Werkleertraject", "Work-and-learn trajectory"),
    "pto_beschut_werk": ("Beschut werk", "Sheltered work"),
    "pto_ondersteuning": ("Ondersteuning", "Support"),
    "pto_uitgevallen": ("Uitgevallen", "Dropped out"),
    "pto_lopend": ("Nog lopend", "Still running"),
    # employers
    "p2_network": ("Netwerk", "Network"),
    "p2_all_networks": ("Alle netwerken", "All networks"),
    "p2_sector": ("Sector", "Sector"),
    "p2_all_sectors": ("Alle sectoren", "All sectors"),
    "p2_norm_filter": ("Norm", "Norm"),
    "p2_all": ("Alle", "All"),
    "ns_voldoet": ("Voldoet aan de norm", "Meets the norm"),
    "ns_voldoet_niet": ("Voldoet niet", "Does not meet"),
    "ns_onbekend": ("Onbekend (personeelsomvang ontbreekt)", "Unknown (staff count missing)"),
    "p2_no_network": ("Geen netwerk", "No network"),
    "p2_kpi_partners": ("Partners {network}", "Partners {network}"),
    "p2_kpi_partners_detail": ("werkgevers aangesloten op {date}", "employers joined by {date}"),
    "p2_kpi_norm": ("Voldoet aan de 5%-norm", "Meets the 5% norm"),
    "p2_kpi_norm_detail": ("{meets} van {known} met bekende omvang · 95%-interval {lo}–{hi} · {unknown} onbekend",
                           "{meets} of {known} with a known staff count · 95% interval {lo}–{hi} · {unknown} unknown"),
    "p2_norm_help": ("Een partner voldoet als de mensen uit de doelgroep die op de peildatum (einde periode) bij hem aan het werk zijn "
                     "(regulier, garantiebaan of beschut) minstens 5% van zijn personeel zijn: mensen ≥ 0,05 × personeel, dus precies 5% "
                     "voldoet. Bij kleine werkgevers wordt niet afgerond: 10 medewerkers vraagt 0,5, dus 1 persoon. Het tekort is "
                     "0,05 × personeel naar boven afgerond min de mensen aan het werk. Zonder personeelsomvang (leeg of 0) is de "
                     "uitkomst onbekend en telt de werkgever niet als voldoend. De norm telt alle programma's en doelgroepen.",
                     "A partner meets the norm when the people from the target group in work there on the reference date (end of "
                     "period; regular, garantiebaan or sheltered) are at least 5% of its staff: people ≥ 0.05 × staff, so exactly 5% "
                     "meets. Small employers are not rounded: 10 staff asks 0.5, so 1 person. The gap is 0.05 × staff rounded up "
                     "minus the people in work. Without a staff count (empty or 0) the result is unknown and the employer does not "
                     "count as meeting. The norm counts all programmes and target groups."),
    "p2_ch_partners_year": ("Partnerwerkgevers per netwerk, eind van elk jaar<br>{where}, t/m {period}",
                            "Partner employers per network, end of each year<br>{where}, up to {period}"),
    "p2_ch_norm": ("Partners en de 5%-norm per netwerk<br>{where}, peildatum {date}", "Partners and the 5% norm per network<br>{where}, reference date {date}"),
    "p2_ch_sectors": ("Plaatsingen, werkleertrajecten en mensen aan het werk per sector — {where}, {period}",
                      "Placements, work-and-learn trajectories and people in work by sector — {where}, {period}"),
    "p2_ch_instruments": ("Inzet van loonkostensubsidie en no-riskpolis bij plaatsingen — {where}, {period}",
                          "Use of wage-cost subsidy and no-risk policy in placements — {where}, {period}"),
    "p2_ax_employers": ("werkgevers", "employers"),
    "p2_ax_count": ("aantal", "number"),
    "p2_ax_share_placements": ("aandeel van de plaatsingen", "share of placements"),
    "p2_m_placements": ("Plaatsingen in de periode", "Placements in the period"),
    "p2_m_werkleer": ("Werkleertrajecten in de periode", "Work-and-learn trajectories in the period"),
    "p2_m_in_work": ("Aan het werk op de peildatum", "In work on the reference date"),
    "in_loonkostensubsidie": ("Loonkostensubsidie", "Wage-cost subsidy"),
    "in_no_riskpolis": ("No-riskpolis", "No-risk policy"),
    "p2_ranked": ("Werkgevers op volgorde van mensen aan het werk", "Employers ranked by people in work"),
    "p2_ranked_caption": ("{n} werkgevers · namen alleen als de werkgever akkoord gaf, anders de werkgeverssleutel",
                          "{n} employers · names only where the employer agreed, otherwise the employer key"),
    "p2_col_employer": ("Werkgever", "Employer"),
    "p2_col_staff": ("Personeel", "Staff"),
    "p2_col_in_work": ("Aan het werk", "In work"),
    "p2_col_share": ("Aandeel personeel", "Share of staff"),
    "p2_col_status": ("Norm", "Norm"),
    "p2_col_gap": ("Tekort (personen)", "Gap (people)"),
    "p2_col_placements": ("Plaatsingen", "Placements"),
    "p2_col_werkleer": ("Werkleertrajecten", "Work-and-learn"),
    "p2_col_lks": ("Loonkostensubsidie", "Wage-cost subsidy"),
    "p2_col_nrp": ("No-riskpolis", "No-risk policy"),
    "p2_col_join": ("Lid sinds", "Member since"),
    "p2_no_employers": ("Er zijn geen werkgeversgegevens (employers.parquet) in deze dataversie.",
                        "This data version has no employer data (employers.parquet)."),
}
i18n.STRINGS.update(STRINGS)


def outcome_label(value: str, kind: str = "po") -> str:
    """Label of a pilot ('po') or proeftuin ('pto') outcome, or a route ('pr')."""
    return i18n.label(kind, value)
