"""Texts of the Proeftuinen page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
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
    "p2_median_help": (
        "De middelste waarde van het aantal dagen van intake tot werk, voor deelnemers met een intake in de "
        "periode die aan het werk gingen. Definitie: query proeftuin_time_to_work.",
        "The middle value of the days from intake to work, for participants with an intake in the period who "
        "went to work. Definition: query proeftuin_time_to_work."),
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
}
