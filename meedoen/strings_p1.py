"""Strings of the Doelen, Beschut en regulier, Trends and Doelgroepen pages (nl, en)."""

from meedoen import i18n

STRINGS: dict[str, tuple[str, str]] = {
    # shared
    "p1_peil_missing": ("De peildatum van deze dataversie is onbekend; de stand wordt berekend op het einde van de periode.",
                        "The reference date of this data version is unknown; the state is computed at the end of the period."),
    "p1_interval": ("95%-interval {lo}–{hi}", "95% interval {lo}–{hi}"),
    "p1_ax_share": ("aandeel (%)", "share (%)"),
    "p1_ax_people": ("personen", "people"),
    "p1_ax_days": ("dagen", "days"),
    "p1_ax_quarter": ("kwartaal", "quarter"),
    "p1_ax_year": ("jaar", "year"),
    "p1_selected_period": ("gekozen periode", "selected period"),
    "p1_table": ("Tabel", "Table"),
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
}

i18n.STRINGS.update(STRINGS)

STRINGS.update({
    "p1_targets_filters_note": ("Doelen gelden per gemeente: programma en doelgroep tellen hier niet mee.",
                                "Targets are set per municipality: programme and target group do not apply here."),
    "p1_targets_capped": ("{shown} van {total} rijen: de laagste realisatie ten opzichte van het doel. "
                          "Alle rijen staan in de tabel.",
                          "{shown} of {total} rows: the lowest realisation against target. All rows are in the table."),
})
i18n.STRINGS.update(STRINGS)

STRINGS.update({
    "p1_kinds_intro": ("Soort werk bij plaatsing: aantallen personen en aandelen per kwartaal, van het begin van de "
                       "gegevens tot het einde van de gekozen periode (gearceerd), en per regio in de gekozen periode.",
                       "Kind of work when placed: people and shares per quarter, from the start of the data up to "
                       "the end of the selected period (shaded), and per region in the selected period."),
    "p1_show": ("Weergave", "Show"),
    "p1_counts": ("Aantallen", "Counts"),
    "p1_shares": ("Aandelen", "Shares"),
    "p1_ch_kinds_time": ("Plaatsingen per kwartaal naar soort werk — {where}, t/m {period}",
                         "Placements per quarter by kind of work — {where}, up to {period}"),
    "p1_ch_share_beschut": ("Aandeel beschut per jaar (van beschut + regulier) — {where}, t/m {period}",
                            "Sheltered share per year (of sheltered + regular) — {where}, up to {period}"),
    "p1_ch_kinds_region": ("Soort werk per {level} — {where}, {period}", "Kind of work by {level} — {where}, {period}"),
    "p1_hover_kind": ("{q} · {kind}: {n} van {total} personen ({share})", "{q} · {kind}: {n} of {total} people ({share})"),
    "p1_hover_kind_region": ("{region}<br>{kind}: {n} van {total} ({share}; 95%-interval {lo}–{hi})",
                             "{region}<br>{kind}: {n} of {total} ({share}; 95% interval {lo}–{hi})"),
    "p1_hover_beschut": ("{year}: {share} beschut ({beschut} van {n}; 95%-interval {lo}–{hi})",
                         "{year}: {share} sheltered ({beschut} of {n}; 95% interval {lo}–{hi})"),
    "p1_ci95": ("95%-interval", "95% interval"),
    "p1_share_beschut": ("Aandeel beschut", "Sheltered share"),
    "p1_ax_share_beschut": ("aandeel beschut (%)", "sheltered share (%)"),
    "p1_kpi_beschut_detail": ("{beschut} beschut van {n} (beschut + regulier) · 95%-interval {lo}–{hi}",
                              "{beschut} sheltered of {n} (sheltered + regular) · 95% interval {lo}–{hi}"),
    "p1_kpi_beschut_delta": ("{delta} t.o.v. {year}", "{delta} vs {year}"),
    "p1_kpi_kind": ("{kind}", "{kind}"),
    "p1_kpi_kind_detail": ("{share} van {total} plaatsingen", "{share} of {total} placements"),
})
i18n.STRINGS.update(STRINGS)

STRINGS.update({
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
})
i18n.STRINGS.update(STRINGS)

STRINGS.update({
    "p1_dg_intro": ("Per doelgroep: hoe snel mensen werk vinden (dagen van eerste intake tot eerste plaatsing, voor "
                    "wie de eerste plaatsing in de periode had), hoeveel er op een datum betaald werk hebben (regulier, "
                    "garantiebaan, beschut werk) en hoeveel er 6 en 12 maanden na plaatsing nog werken.",
                    "Per target group: how fast people find work (days from first intake to first placement, for those "
                    "whose first placement was in the period), how many have paid work on a date (regular, "
                    "garantiebaan, sheltered work) and how many still work 6 and 12 months after placement."),
    "p1_within_days": ("Binnen hoeveel dagen na intake", "Within how many days of intake"),
    "p1_on_date": ("Stand op", "State on"),
    "p1_on_date_help": ("Datum waarop betaald werk wordt geteld; standaard het einde van de periode.",
                        "Date on which paid work is counted; by default the end of the period."),
    "p1_after_peil": ("Na de peildatum ({peildatum}) zijn er nog geen gegevens.",
                      "There is no data after the reference date ({peildatum})."),
    "p1_kpi_ttw_placed": ("Geplaatst ({dg})", "Placed ({dg})"),
    "p1_kpi_ttw_placed_detail": ("eerste plaatsing in {period}", "first placement in {period}"),
    "p1_kpi_within": ("Binnen {days} dagen", "Within {days} days"),
    "p1_kpi_within_detail": ("{x} van {n} ({share}) · 95%-interval {lo}–{hi}", "{x} of {n} ({share}) · 95% interval {lo}–{hi}"),
    "p1_kpi_median": ("Mediaan dagen tot werk", "Median days to work"),
    "p1_kpi_median_detail": ("25–75%: {p25}–{p75} dagen", "25–75%: {p25}–{p75} days"),
    "p1_kpi_paid": ("Betaald werk op {date}", "Paid work on {date}"),
    "p1_kpi_paid_detail": ("{paid} van {n} in beeld ({share}) · 95%-interval {lo}–{hi}",
                           "{paid} of {n} in view ({share}) · 95% interval {lo}–{hi}"),
    "p1_ch_ttw": ("Dagen van intake tot eerste werk per doelgroep (mediaan, 25–75%) — {where}, {period}",
                  "Days from intake to first work by target group (median, 25–75%) — {where}, {period}"),
    "p1_ch_ttw_dist": ("Verdeling dagen tot eerste werk — {where}, {period}", "Distribution of days to first work — {where}, {period}"),
    "p1_ch_paid": ("Aandeel in betaald werk op {date} per doelgroep — {where}", "Share in paid work on {date} by target group — {where}"),
    "p1_ch_durable": ("Nog in werk 6 en 12 maanden na eerste plaatsing — {where}, plaatsingen in {period}",
                      "Still in work 6 and 12 months after first placement — {where}, placements in {period}"),
    "p1_durable_note": ("Alleen wie op de peildatum ({peildatum}) al 6 of 12 maanden geleden geplaatst is, telt mee in de noemer.",
                        "Only people placed at least 6 or 12 months before the reference date ({peildatum}) count in the denominator."),
    "p1_durable_none": ("Nog niemand uit deze periode is lang genoeg geleden geplaatst om duurzaamheid te meten.",
                        "Nobody from this period was placed long enough ago to measure durability."),
    "p1_median": ("mediaan", "median"),
    "p1_within_line": ("{days} dagen", "{days} days"),
    "p1_ax_days_median": ("dagen van intake tot eerste plaatsing (mediaan, 25–75%)", "days from intake to first placement (median, 25–75%)"),
    "p1_ax_share_placed": ("aandeel van de geplaatsten (%)", "share of people placed (%)"),
    "p1_ax_share_paid": ("aandeel in betaald werk (%)", "share in paid work (%)"),
    "p1_ax_share_still": ("aandeel nog in werk (%)", "share still in work (%)"),
    "p1_after_months": ("na {m} maanden", "after {m} months"),
    "p1_bucket": ("{lo}–{hi} d", "{lo}–{hi} d"),
    "p1_bucket_open": ("{lo}+ d", "{lo}+ d"),
    "p1_hover_ttw": ("{dg}: mediaan {med} dagen (25–75%: {p25}–{p75}), {n} geplaatst<br>binnen {days} dagen: {w} ({share}; "
                     "95%-interval {lo}–{hi})",
                     "{dg}: median {med} days (25–75%: {p25}–{p75}), {n} placed<br>within {days} days: {w} ({share}; "
                     "95% interval {lo}–{hi})"),
    "p1_hover_bucket": ("{dg}, {b}: {x} van {total} ({share})", "{dg}, {b}: {x} of {total} ({share})"),
    "p1_hover_paid": ("{dg}: {share} ({paid} van {n}; 95%-interval {lo}–{hi})<br>regulier {reg} · garantiebaan {gar} · "
                      "beschut {bes}",
                      "{dg}: {share} ({paid} of {n}; 95% interval {lo}–{hi})<br>regular {reg} · garantiebaan {gar} · "
                      "sheltered {bes}"),
    "p1_hover_durable": ("{dg}, na {m} maanden: {share} ({x} van {n}; 95%-interval {lo}–{hi}); {placed} geplaatst",
                         "{dg}, after {m} months: {share} ({x} of {n}; 95% interval {lo}–{hi}); {placed} placed"),
    "p1_hover_durable_none": ("{dg}, na {m} maanden: nog niet te meten ({placed} geplaatst)",
                              "{dg}, after {m} months: not measurable yet ({placed} placed)"),
    "p1_col_doelgroep": ("Doelgroep", "Target group"),
    "p1_col_placed": ("Geplaatst", "Placed"),
    "p1_col_within": ("Binnen {days} dagen", "Within {days} days"),
    "p1_col_median": ("Mediaan dagen", "Median days"),
    "p1_col_p25": ("25% dagen", "25% days"),
    "p1_col_p75": ("75% dagen", "75% days"),
    "p1_col_in_view": ("In beeld op datum", "In view on date"),
    "p1_col_paid": ("Betaald werk op datum", "Paid work on date"),
})
i18n.STRINGS.update(STRINGS)
