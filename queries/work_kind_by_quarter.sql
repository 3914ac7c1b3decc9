-- work_kind_by_quarter: people placed per quarter and kind of work, from the first quarter in the data up to the end of the period.
-- returns: quarter (first day), work_kind, placed (distinct persons), total (sum over the kinds in the quarter), share (0..1 of the quarter)
-- params: end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,total rates=share/total/placed
-- aggregates: end=month_end
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
WITH k AS (
    SELECT quarter, work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT date_trunc('quarter', placement_date)::DATE AS quarter, work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND work_kind IS NOT NULL AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT date_trunc('quarter', placement_date)::DATE AS quarter, work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND work_kind IS NOT NULL AND multi
        GROUP BY ALL
    )
    GROUP BY quarter, work_kind
)
SELECT quarter, work_kind, placed, (sum(placed) OVER (PARTITION BY quarter))::BIGINT AS total,
       placed::DOUBLE / sum(placed) OVER (PARTITION BY quarter) AS share,
       ck(k) AS placed__ck, ck(sum(k) OVER (PARTITION BY quarter)) AS total__ck
FROM k
ORDER BY quarter, work_kind;
