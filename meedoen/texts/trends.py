"""Texts of the Trends page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "p1_trends_intro": ("Plaatsingen en plaatsingsgraad per {grain}, van {first} tot het einde van de gekozen periode "
                        "(gearceerd), met dezelfde {grain} een jaar eerder (gestreept). Genummerde lijnen: gebeurtenissen "
                        "die een sprong kunnen verklaren.",
                        "Placements and placement rate per {grain}, from {first} up to the end of the selected period "
                        "(shaded), with the same {grain} a year earlier (dashed). Numbered lines: events that may "
                        "explain a jump."),
    "p1_grain": ("Per", "Per"),
    "p1_grain_month": ("maand", "month"),
    "p1_grain_quarter": ("kwartaal", "quarter"),
    "p1_ax_month": ("maand", "month"),
    "p1_year_earlier": ("een jaar eerder", "a year earlier"),
    "p1_this_series": ("deze periode", "this period"),
    "p1_ch_series_placed": ("Geplaatste personen per {grain} — {where}, t/m {period}",
                            "People placed per {grain} — {where}, up to {period}"),
    "p1_ch_series_rate": ("Plaatsingsgraad per {grain} — {where}, t/m {period}",
                          "Placement rate per {grain} — {where}, up to {period}"),
    "p1_hover_placed_bucket": ("{b}: {n} personen geplaatst", "{b}: {n} people placed"),
    "p1_hover_placed_prev": ("een jaar eerder: {n}", "a year earlier: {n}"),
    "p1_hover_rate_bucket": ("{b}: {rate} ({x} van {n}; 95%-interval {lo}–{hi})",
                             "{b}: {rate} ({x} of {n}; 95% interval {lo}–{hi})"),
    "p1_hover_rate_prev": ("een jaar eerder: {rate} ({x} van {n})", "a year earlier: {rate} ({x} of {n})"),
    "p1_kpi_now": ("Plaatsingsgraad {period}", "Placement rate {period}"),
    "p1_kpi_rate_help": (
        "Geplaatste personen gedeeld door de personen die in de periode werk zochten; elke soort werk telt. Zo ook "
        "op het Overzicht. Definitie: macro person_period in queries/_definitions.sql (query placement_rate).",
        "People placed divided by the people looking for work in the period; every kind of work counts. The same "
        "on the Overview. Definition: macro person_period in queries/_definitions.sql (query placement_rate)."),
    "p1_kpi_placed_help": (
        "Personen die in de periode werk zochten en een plaatsing kregen, in elke soort werk; zo ook 'Geplaatst' "
        "op het Overzicht. Definitie: macro person_period in queries/_definitions.sql (query placement_rate).",
        "People who looked for work in the period and were placed, in every kind of work; the same as 'Placed' on "
        "the Overview. Definition: macro person_period in queries/_definitions.sql (query placement_rate)."),
    "p1_kpi_prev": ("Een jaar eerder ({period})", "A year earlier ({period})"),
    "p1_kpi_placed_now": ("Geplaatst {period}", "Placed {period}"),
    "p1_kpi_rate_detail": ("{placed} van {looking} · 95%-interval {lo}–{hi}", "{placed} of {looking} · 95% interval {lo}–{hi}"),
    "p1_delta_pt": ("{d} %-pt t.o.v. een jaar eerder", "{d} pp vs a year earlier"),
    "p1_delta_n": ("{d} t.o.v. een jaar eerder ({prev})", "{d} vs a year earlier ({prev})"),
    "p1_events_head": ("Gebeurtenissen", "Events"),
    "p1_events_none": ("Geen vastgelegde gebeurtenissen voor deze regio en periode (data/events.csv).",
                       "No recorded events for this region and period (data/events.csv)."),
    "p1_event_line": ("**{i}** · {date} · {text}{scope}", "**{i}** · {date} · {text}{scope}"),
    "p1_event_national": (" (landelijk)", " (national)"),
}
