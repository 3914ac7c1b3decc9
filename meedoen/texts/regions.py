"""Texts of the Regio's page: map, comparisons, table. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # regions page
    "measure": ("Maat", "Measure"),
    "m_rate": ("Plaatsingsgraad", "Placement rate"),
    "m_placed": ("Geplaatst (personen)", "Placed (people)"),
    "ch_map": ("{measure} per {level} — {period}", "{measure} by {level} — {period}"),
    "map_click": ("Klik op een regio op de kaart of in de tabel om erheen te gaan.",
                  "Click a region on the map or in the table to go there."),
    "no_geo": ("Geen kaart: de grensbestanden van CBS/PDOK ontbreken in {dir}. Haal ze op met "
               "`python -m meedoen.charts.geo download --dir {dir}` of wijs MEEDOEN_GEO_DIR naar een map met de bestanden. "
               "De vergelijking hieronder werkt ook zonder kaart.",
               "No map: the CBS/PDOK boundary files are missing in {dir}. Fetch them with "
               "`python -m meedoen.charts.geo download --dir {dir}` or point MEEDOEN_GEO_DIR at a folder holding them. "
               "The comparison below works without a map."),
    "cmp_national": ("Landelijk", "Nationally"),
    "cmp_amr": ("Binnen de arbeidsmarktregio", "Within the labour-market region"),
    "cmp_peers": ("Vergelijkbare gemeenten", "Comparable gemeenten"),
    "cmp_peers_help": ("De {n} gemeenten die het meest lijken op {name} naar inwoners (log), stedelijkheid en "
                       "bijstand per 1.000 inwoners.",
                       "The {n} gemeenten most like {name} in inhabitants (log), urbanity and social assistance "
                       "per 1,000 inhabitants."),
    "cmp_pick_gemeente": ("Kies een gemeente om te vergelijken met de rest van de arbeidsmarktregio en met vergelijkbare gemeenten.",
                          "Choose a gemeente to compare it with the rest of its labour-market region and with comparable gemeenten."),
    "ch_peers": ("Plaatsingsgraad van {name} en vergelijkbare gemeenten — {period}",
                 "Placement rate of {name} and comparable gemeenten — {period}"),
    "col_region": ("Regio", "Region"),
    "col_placed": ("Geplaatst", "Placed"),
    "col_looking": ("Werkzoekend", "Looking for work"),
    "col_rate": ("Plaatsingsgraad", "Placement rate"),
    "col_interval": ("95%-interval", "95% interval"),
}
