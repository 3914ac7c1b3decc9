-- placements_by_month from the month aggregates (see the header of queries/placements_by_month.sql).
WITH k AS (
    SELECT month, work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT make_date(m // 12, CASE WHEN $grain = 'quarter' THEN (m % 12) // 3 * 3 ELSE m % 12 END + 1, 1) AS month,
               work_kind, sum(n) AS placed, sum(k) AS k
        FROM sel_agg_placed($region, $programme, $doelgroep)
        WHERE m BETWEEN month_ix($start) AND month_ix($end)
        GROUP BY ALL
        UNION ALL
        SELECT date_trunc($grain, placement_date)::DATE AS month, work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT date_trunc($grain, placement_date)::DATE AS month, work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND multi
        GROUP BY ALL
    )
    GROUP BY month, work_kind
)
SELECT month, work_kind, placed, (sum(placed) OVER (PARTITION BY month))::BIGINT AS total,
       ck(k) AS placed__ck, ck(sum(k) OVER (PARTITION BY month)) AS total__ck
FROM k
ORDER BY month, work_kind;
