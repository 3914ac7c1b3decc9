"""Texts of withheld values in charts (publiek audience), shared by every page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "wh_piece": ("Afgeschermd", "Withheld"),
    "wh_pieces": ("{n} afgeschermde delen", "{n} withheld parts"),
    "wh_hover_piece": ("Afgeschermd ({what})<br>totaal {total} min de getoonde delen {shown} = {n}",
                       "Withheld ({what})<br>total {total} minus the parts shown {shown} = {n}"),
    "wh_hover_piece_share": ("Afgeschermd ({what}): {share}<br>het deel van het totaal {total} dat niet in de getoonde "
                             "delen zit ({n})", "Withheld ({what}): {share}<br>the part of the total {total} not in "
                             "the parts shown ({n})"),
    "wh_hover_noise": ("Afgeschermd ({what})<br>Het totaal {total} is niet groter dan de getoonde delen samen {shown} "
                       "(elk aantal is licht verstoord): er is geen stuk te tekenen",
                       "Withheld ({what})<br>The total {total} is not larger than the parts shown together {shown} "
                       "(every count is slightly perturbed): there is no piece to draw"),
    "wh_hover_total": ("Afgeschermd ({what}); ook het totaal is afgeschermd",
                       "Withheld ({what}); the total is withheld too"),
    "wh_coarser": ("Per kwartaal: per maand zou het merendeel van de aantallen afgeschermd zijn",
                   "Per quarter: per month most of the counts would be withheld"),
    "wh_flow_total": ("{n} + x", "{n} + x"),
    "p2_node_with_withheld": ("{head} · x: {n} afgeschermd", "{head} · x: {n} withheld"),
}
