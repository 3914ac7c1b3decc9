"""Texts of the Pilots page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
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
}
