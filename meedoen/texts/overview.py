"""Texts of the Overzicht page (KPI tiles). Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # KPIs: what each counts, and why two of them differ (the "?" of each tile)
    "kpi_rate": ("Plaatsingsgraad", "Placement rate"),
    "kpi_rate_help": ("Geplaatste personen gedeeld door de personen die in de periode werk zochten (traject open en "
                      "nog niet geplaatst bij de start van de periode). Elke soort werk telt als plaatsing. "
                      "Definitie: macro person_period in queries/_definitions.sql (query placement_rate).",
                      "People placed divided by the people looking for work in the period (trajectory open and not "
                      "yet placed at the start of the period). Every kind of work counts as a placement. "
                      "Definition: macro person_period in queries/_definitions.sql (query placement_rate)."),
    "kpi_rate_detail": ("{placed} van {looking} werkzoekenden · 95%-interval {lo}–{hi}",
                        "{placed} of {looking} job seekers · 95% interval {lo}–{hi}"),
    "kpi_placed": ("Geplaatst", "Placed"),
    "kpi_placed_help": ("Personen die in de periode werk zochten en een plaatsing kregen, in elke soort werk: "
                        "regulier, garantiebaan, beschut werk, alternatief beschut en werkleertraject. Daarom meer "
                        "dan 'Plaatsingen t.o.v. doel', dat alleen regulier werk en garantiebanen telt. Definitie: "
                        "macro person_period in queries/_definitions.sql (query placement_rate).",
                        "People who looked for work in the period and were placed, in every kind of work: regular, "
                        "garantiebaan, sheltered, alternative sheltered and work-and-learn trajectory. Hence more "
                        "than 'Placements against target', which counts regular jobs and garantiebanen only. "
                        "Definition: macro person_period in queries/_definitions.sql (query placement_rate)."),
    "kpi_placed_detail": ("personen, elke soort werk (ook beschut en werkleertraject)",
                          "people, every kind of work (sheltered and work-and-learn included)"),
    "kpi_target": ("Plaatsingen t.o.v. doel", "Placements against target"),
    "kpi_target_help": ("Personen geplaatst in een reguliere baan of garantiebaan (de maat 'plaatsingen' van de "
                        "taakstelling), opgeteld over de gemeenten met een doel, tegen dat doel. Beschut werk en "
                        "werkleertrajecten tellen niet mee, daarom minder dan 'Geplaatst'. Een afgelopen periode is "
                        "gehaald of niet gehaald; voor een deel van een jaar geldt het jaardoel naar rato; een "
                        "lopende periode wordt vergeleken met het doel tot de peildatum. Een doel geldt voor alle "
                        "programma's en doelgroepen samen. Definitie: macro's realised en is_regular in "
                        "queries/_definitions.sql (query kpi_targets_period).",
                        "People placed in a regular job or garantiebaan (the target measure 'placements'), summed "
                        "over the municipalities with a target, against that target. Sheltered work and "
                        "work-and-learn trajectories do not count, hence fewer than 'Placed'. A finished period is "
                        "met or not met; part of a year has the annual target pro rata; a running period is compared "
                        "with the target up to the reference date. A target holds for all programmes and target "
                        "groups together. Definition: macros realised and is_regular in queries/_definitions.sql "
                        "(query kpi_targets_period)."),
    "kpi_target_part": ("waarvan {n} uit {what} (het doel geldt voor alle programma's en doelgroepen samen)",
                        "of which {n} from {what} (the target holds for all programmes and target groups together)"),
    "kpi_no_target": ("geen doel vastgelegd", "no target set"),
    "kpi_share_beschut": ("Aandeel beschut", "Sheltered share"),
    "kpi_share_help": ("Personen geplaatst in beschut werk of alternatief beschut, gedeeld door die plus de personen "
                       "in een reguliere baan of garantiebaan; werkleertrajecten tellen niet mee. 'Regulier' is hier "
                       "regulier werk en garantiebanen samen, daarom meer dan 'Regulier werk' op de pagina Beschut "
                       "en regulier. Definitie: macro's is_sheltered en is_regular in queries/_definitions.sql "
                       "(query sheltered_share).",
                       "People placed in sheltered or alternative sheltered work, divided by those plus the people "
                       "in a regular job or garantiebaan; work-and-learn trajectories do not count. 'Regular' here "
                       "is regular jobs and garantiebanen together, hence more than 'Regular job' on the Sheltered "
                       "and regular page. Definition: macros is_sheltered and is_regular in queries/_definitions.sql "
                       "(query sheltered_share)."),
    "kpi_share_detail": ("{beschut} beschut tegen {regulier} regulier en garantiebaan",
                         "{beschut} sheltered against {regulier} regular and garantiebaan"),
    "yoy_pp": ("{n} procentpunt", "{n} pp"),
    "yoy_since": ("Pijlen bij graad, geplaatst en aandeel beschut: verschil met dezelfde periode een jaar eerder "
                  "({period}).",
                  "Arrows at rate, placed and sheltered share: the change on the same period a year earlier "
                  "({period})."),
    # charts
    "ch_by_month": ("Plaatsingen per maand naar soort werk — {where}, {period}",
                    "Placements per month by kind of work — {where}, {period}"),
    "ch_by_quarter": ("Plaatsingen per kwartaal naar soort werk — {where}, {period}",
                      "Placements per quarter by kind of work — {where}, {period}"),
}
