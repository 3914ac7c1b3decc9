"""Texts of the Overzicht page (KPI tiles). Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "ch_by_quarter": ("Plaatsingen per kwartaal naar soort werk — {where}, {period}",
                      "Placements per quarter by kind of work — {where}, {period}"),
}
