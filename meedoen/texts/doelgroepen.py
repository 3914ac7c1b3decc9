"""Texts of the Doelgroepen page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "p1_kpi_ttw_help": (
        "Personen van deze doelgroep van wie de eerste plaatsing (elke soort werk) in de periode valt. Op het "
        "Overzicht telt 'Geplaatst' iedere plaatsing in de periode van wie werk zocht, ook een tweede; daarom kan "
        "dat getal hoger zijn. Definitie: macro first_work in queries/_definitions.sql (query time_to_work).",
        "People of this target group whose first placement (any kind of work) lies in the period. On the Overview "
        "'Placed' counts every placement in the period of those looking for work, a second one too; so that "
        "number can be higher. Definition: macro first_work in queries/_definitions.sql (query time_to_work)."),
    "p1_kpi_within_help": (
        "Van de personen hiernaast: wie binnen het gekozen aantal dagen na de eerste intake de eerste plaatsing "
        "had. Definitie: macro first_work in queries/_definitions.sql (query time_to_work).",
        "Of the people beside: those whose first placement came within the chosen number of days after their "
        "first intake. Definition: macro first_work in queries/_definitions.sql (query time_to_work)."),
    "p1_kpi_median_help": (
        "De middelste waarde van het aantal dagen van eerste intake tot eerste plaatsing. Definitie: macro "
        "first_work in queries/_definitions.sql (query time_to_work).",
        "The middle value of the days from first intake to first placement. Definition: macro first_work in "
        "queries/_definitions.sql (query time_to_work)."),
    "p1_kpi_paid_help": (
        "Personen in betaald werk (regulier, garantiebaan of beschut werk) op de gekozen datum, van de personen "
        "met een traject of werk dat op die datum liep; anders dan de tegels over de periode is dit een stand op "
        "één dag. Definitie: macro is_paid in queries/_definitions.sql (query paid_work_on_date).",
        "People in paid work (regular, garantiebaan or sheltered work) on the chosen date, of the people with a "
        "trajectory or work running on that date; unlike the tiles about the period this is the state on one "
        "day. Definition: macro is_paid in queries/_definitions.sql (query paid_work_on_date)."),
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
}
