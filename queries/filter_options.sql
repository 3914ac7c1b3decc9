-- filter_options: the values the sidebar filters offer, from the active data.
-- returns: kind ('programme' | 'doelgroep' | 'year'), value
-- params: none
-- protect: none
SELECT DISTINCT 'programme' AS kind, programme AS value FROM placements
UNION ALL SELECT DISTINCT 'doelgroep', doelgroep FROM placements
UNION ALL SELECT DISTINCT 'year', CAST(year(intake_date) AS VARCHAR) FROM placements
ORDER BY kind, value;
