-- work_kind_by_quarter: people placed per quarter and kind of work, from the first quarter in the data up to the end of the period.
-- returns: quarter (first day), work_kind, placed (distinct persons), total (sum over the kinds in the quarter), share (0..1 of the quarter)
-- params: end, region, programme, doelgroep
WITH k AS (
    SELECT date_trunc('quarter', placement_date)::DATE AS quarter, work_kind, (count(*) FILTER (WHERE NOT multi) + count(DISTINCT person_key) FILTER (WHERE multi)) AS placed
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date <= $end AND work_kind IS NOT NULL
    GROUP BY ALL
)
SELECT quarter, work_kind, placed, (sum(placed) OVER (PARTITION BY quarter))::BIGINT AS total,
       placed::DOUBLE / sum(placed) OVER (PARTITION BY quarter) AS share
FROM k
ORDER BY quarter, work_kind;
