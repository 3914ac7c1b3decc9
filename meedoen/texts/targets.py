"""Texts of the Doelen page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # Doelen
    "p1_targets_intro": ("De tegels zetten de gekozen periode af tegen haar eigen doel: een afgelopen periode is "
                         "gehaald of niet gehaald, voor een deel van een jaar geldt het jaardoel naar rato en een "
                         "lopende periode telt tot de peildatum ({peildatum}). De grafieken en de tabel tonen hele "
                         "jaren ({years}); een lopend jaar is op koers als de realisatie minstens het doel maal het "
                         "verstreken deel van het jaar is.",
                         "The tiles set the chosen period against its own target: a finished period is met or not "
                         "met, part of a year has the annual target pro rata and a running period counts up to the "
                         "reference date ({peildatum}). The charts and the table show whole years ({years}); a year "
                         "still running is on track when realised is at least the target times the share of the "
                         "year passed."),
    "p1_ch_targets": ("{measure}: gerealiseerd tegen doel — {where}, {years}",
                      "{measure}: realised against target — {where}, {years}"),
    "p1_ch_targets_years": ("Gerealiseerd tegen doel per jaar — {where}, t/m {last}",
                            "Realised against target per year — {where}, up to {last}"),
    "p1_realised": ("Gerealiseerd", "Realised"),
    "p1_target": ("Doel", "Target"),
    "p1_expected": ("Verwacht op peildatum", "Expected at reference date"),
    "p1_ax_count": ("aantal (personen of trajecten)", "count (people or trajectories)"),
    "p1_hover_target": ("{name}<br>gerealiseerd {realised} van doel {target} ({pct})<br>verschil {gap}<br>{status}",
                        "{name}<br>realised {realised} of target {target} ({pct})<br>gap {gap}<br>{status}"),
    "p1_st_met": ("gehaald", "met"),
    "p1_st_not_met": ("niet gehaald", "not met"),
    "p1_st_on_track": ("op koers", "on track"),
    "p1_st_behind": ("achter op schema", "behind schedule"),
    "p1_st_not_started": ("jaar nog niet begonnen", "year not started"),
    "p1_kpi_measure": ("{measure} {period}", "{measure} {period}"),
    "p1_kpi_detail": ("{basis} · in {years}: {on_track} van {gemeenten} gemeenten op koers",
                      "{basis} · in {years}: {on_track} of {gemeenten} municipalities on track"),
    "p1_kpi_help_plaatsingen": (
        "Personen geplaatst in een reguliere baan of garantiebaan in de periode, opgeteld over de gemeenten met "
        "een doel, tegen dat doel. Beschut werk en werkleertrajecten tellen hier niet mee; daarom minder dan "
        "'Geplaatst' op het Overzicht. Definitie: macro's realised en is_regular in queries/_definitions.sql.",
        "People placed in a regular job or garantiebaan in the period, summed over the municipalities with a "
        "target, against that target. Sheltered work and work-and-learn trajectories do not count here; hence "
        "fewer than 'Placed' on the Overview. Definition: macros realised and is_regular in "
        "queries/_definitions.sql."),
    "p1_kpi_help_werkleertrajecten": (
        "Werkleertrajecten die in de periode begonnen (trajecten, geen personen: wie er twee begint, telt twee "
        "keer), tegen het doel. Definitie: macro realised in queries/_definitions.sql.",
        "Work-and-learn trajectories started in the period (trajectories, not people: someone who starts two "
        "counts twice), against the target. Definition: macro realised in queries/_definitions.sql."),
    "p1_kpi_help_beschut_werk": (
        "Personen geplaatst in beschut werk in de periode (alternatief beschut telt niet mee), tegen het doel. "
        "Definitie: macro realised in queries/_definitions.sql.",
        "People placed in sheltered work in the period (alternative sheltered work does not count), against the "
        "target. Definition: macro realised in queries/_definitions.sql."),
    "p1_no_targets": ("Voor deze regio en deze jaren is geen taakstelling vastgelegd.",
                      "No targets are set for this region and these years."),
    "p1_col_gemeente": ("Gemeente", "Municipality"),
    "p1_col_year": ("Jaar", "Year"),
    "p1_col_measure": ("Maat", "Measure"),
    "p1_col_target": ("Doel", "Target"),
    "p1_col_realised": ("Gerealiseerd", "Realised"),
    "p1_col_gap": ("Verschil (doel − gerealiseerd)", "Gap (target − realised)"),
    "p1_col_expected": ("Verwacht op peildatum", "Expected at reference date"),
    "p1_col_status": ("Stand", "State"),
    "p1_years_head": ("Verloop over de jaren", "Over the years"),
    "p1_targets_filters_note": ("Doelen gelden per gemeente: programma en doelgroep tellen hier niet mee.",
                                "Targets are set per municipality: programme and target group do not apply here."),
    "p1_targets_capped": ("{shown} van {total} rijen, gerangschikt op het deel van het doel dat gehaald is: de "
                          "grootste achterstand naar verhouding bovenaan. Alle rijen staan in de tabel.",
                          "{shown} of {total} rows, ranked by the share of the target reached: the largest gap for "
                          "the size of the target at the top. All rows are in the table."),
    "p1_targets_too_small": ("Niet gerangschikt, want te klein om te rangschikken (doel onder {k}: één persoon meer "
                             "of minder verandert het deel te veel): {n}. Ze staan in de tabel.",
                             "Not ranked because too small to rank (target below {k}: one person more or less "
                             "changes the share too much): {n}. They are in the table."),
    "p1_targets_withheld": ("Niet gerangschikt, want afgeschermd ({n}): {names}. Ze staan in de tabel.",
                            "Not ranked because withheld ({n}): {names}. They are in the table."),
    "p1_st_withheld": ("afgeschermd", "withheld"),
    # the state of a target (meedoen/target_state.py: Overzicht and Doelen)
    "tg_met": ("gehaald: {n} boven het doel", "met: {n} above target"),
    "tg_met_exact": ("gehaald: precies het doel", "met: exactly on target"),
    "tg_not_met": ("niet gehaald: {n} onder het doel", "not met: {n} below target"),
    "tg_on_track": ("op schema: {n} boven het doel tot {date} (doel tot dan: {expected})",
                    "on schedule: {n} above the target up to {date} (target so far: {expected})"),
    "tg_on_track_exact": ("op schema: precies het doel tot {date} (doel tot dan: {expected})",
                          "on schedule: exactly the target up to {date} (target so far: {expected})"),
    "tg_behind": ("achter op schema: {n} onder het doel tot {date} (doel tot dan: {expected})",
                  "behind schedule: {n} below the target up to {date} (target so far: {expected})"),
    "tg_basis_year": ("jaardoel {years}", "annual target {years}"),
    "tg_basis_pro_rata": ("doel naar rato van de periode: {part} van jaardoel {target} ({years})",
                          "target pro rata for the period: {part} of the annual target {target} ({years})"),
    "tg_withheld": ("verschil afgeschermd", "difference withheld"),
}
