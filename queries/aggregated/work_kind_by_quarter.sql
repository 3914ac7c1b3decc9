-- work_kind_by_quarter from the month aggregates (see the header of queries/work_kind_by_quarter.sql).
WITH k AS (
    SELECT make_date(q // 4, q % 4 * 3 + 1, 1) AS quarter, work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT m // 3 AS q, work_kind, sum(n) AS placed, sum(k) AS k
        FROM sel_agg_placed($region, $programme, $doelgroep)
        WHERE m <= month_ix($end) AND work_kind IS NOT NULL
        GROUP BY ALL
        UNION ALL
        SELECT month_ix(placement_date) // 3 AS q, work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND work_kind IS NOT NULL AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT month_ix(placement_date) // 3 AS q, work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND work_kind IS NOT NULL AND multi
        GROUP BY ALL
    )
    GROUP BY q, work_kind
)
SELECT quarter, work_kind, placed, (sum(placed) OVER (PARTITION BY quarter))::BIGINT AS total,
       placed::DOUBLE / sum(placed) OVER (PARTITION BY quarter) AS share,
       ck(k) AS placed__ck, ck(sum(k) OVER (PARTITION BY quarter)) AS total__ck
FROM k
ORDER BY quarter, work_kind;
