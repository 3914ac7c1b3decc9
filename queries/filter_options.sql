-- filter_options: the values the sidebar filters offer, from the active data.
-- returns: kind ('programme' | 'doelgroep' | 'year'), value
-- params: none
-- protect: none
-- aggregates: none (kept with the placements cache)
-- placement_options: the distinct programmes, doelgroepen and intake years, computed once per data version (db.py).
SELECT kind, value FROM placement_options
ORDER BY kind, value;
