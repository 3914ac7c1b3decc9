"""Texts of the Werkgevers page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "ns_afgeschermd": ("Afgeschermd (te weinig mensen om te tonen)", "Withheld (too few people to show)"),
    "p2_kpi_norm_withheld": ("{n} afgeschermd", "{n} withheld"),
    "p2_ranked_empty": ("Geen partnerwerkgevers met deze keuze.", "No partner employers for this choice."),
    "p2_no_network": ("Geen netwerk", "No network"),
    "p2_kpi_partners": ("Partners {network}", "Partners {network}"),
    "p2_kpi_partners_help": (
        "Werkgevers in de gekozen regio die uiterlijk op de laatste dag van de periode bij dit netwerk zijn "
        "aangesloten. Definitie: query employer_norm.",
        "Employers in the chosen region that joined this network on or before the last day of the period. "
        "Definition: query employer_norm."),
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
    "p2_ranked_withheld": ("Niet in de rangorde, want het aantal in werk is afgeschermd ({n}): {names}.",
                           "Not in the ranking because the number in work is withheld ({n}): {names}."),
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
