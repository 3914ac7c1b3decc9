"""Texts of the Doelen page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # Doelen
    "p1_targets_intro": ("Gerealiseerd tegen de taakstelling per gemeente, jaar en maat (hele jaren: {years}). "
                         "Een lopend jaar is op koers als de realisatie minstens het doel maal het verstreken deel "
                         "van het jaar op de peildatum ({peildatum}) is.",
                         "Realised against the target per municipality, year and measure (whole years: {years}). "
                         "A year still running is on track when realised is at least the target times the share of "
                         "the year passed at the reference date ({peildatum})."),
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
    "p1_kpi_measure": ("{measure} {years}", "{measure} {years}"),
    "p1_kpi_gap_above": ("{n} boven doel", "{n} above target"),
    "p1_kpi_gap_exact": ("precies op doel", "exactly on target"),
    "p1_kpi_gap_below": ("nog {n} te gaan", "{n} to go"),
    "p1_kpi_detail": ("{realised} gerealiseerd · doel {target} · {on_track} van {gemeenten} gemeenten op koers",
                      "{realised} realised · target {target} · {on_track} of {gemeenten} municipalities on track"),
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
    "p1_targets_capped": ("{shown} van {total} rijen: de laagste realisatie ten opzichte van het doel. "
                          "Alle rijen staan in de tabel.",
                          "{shown} of {total} rows: the lowest realisation against target. All rows are in the table."),
}
