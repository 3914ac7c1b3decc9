"""Texts of the Beschut en regulier page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "p1_kpi_beschut_help": (
        "Personen geplaatst in beschut werk of alternatief beschut, gedeeld door die plus de personen in een "
        "reguliere baan of garantiebaan; werkleertrajecten tellen niet mee. Zo ook op het Overzicht. Definitie: "
        "macro's is_sheltered en is_regular in queries/_definitions.sql (query sheltered_share).",
        "People placed in sheltered or alternative sheltered work, divided by those plus the people in a regular "
        "job or garantiebaan; work-and-learn trajectories do not count. The same on the Overview. Definition: "
        "macros is_sheltered and is_regular in queries/_definitions.sql (query sheltered_share)."),
    "p1_kpi_kind_help": (
        "Personen met een plaatsing in deze soort werk in de periode; wie in twee soorten werk geplaatst werd, telt "
        "bij beide. 'Regulier werk' is hier alleen regulier werk: op het Overzicht telt 'regulier' ook de "
        "garantiebanen, daarom is het daar hoger. Definitie: query work_kind_counts (soorten werk in "
        "queries/_definitions.sql).",
        "People with a placement in this kind of work in the period; someone placed in two kinds counts in both. "
        "'Regular job' here is regular jobs only: on the Overview 'regular' includes garantiebanen, hence higher "
        "there. Definition: query work_kind_counts (kinds of work in queries/_definitions.sql)."),
    "p1_kpi_kind_detail": ("{share} van {total} plaatsingen", "{share} of {total} placements"),
}
