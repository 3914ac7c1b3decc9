-- placements_by_month: people placed per month and kind of work in the period.
-- returns: month (first day), work_kind, placed (distinct persons)
-- params: start, end, region, programme, doelgroep
SELECT date_trunc('month', placement_date)::DATE AS month, work_kind, (count(*) FILTER (WHERE NOT multi) + count(DISTINCT person_key) FILTER (WHERE multi)) AS placed
FROM sel_placements($region, $programme, $doelgroep)
WHERE placement_date BETWEEN $start AND $end
GROUP BY ALL
ORDER BY month, work_kind;
