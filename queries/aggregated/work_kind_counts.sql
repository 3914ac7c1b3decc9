-- work_kind_counts from the month aggregates (see the header of queries/work_kind_counts.sql).
WITH k AS (
    SELECT work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT work_kind, sum(n) AS placed, sum(k) AS k
        FROM sel_agg_placed($region, $programme, $doelgroep)
        WHERE m BETWEEN month_ix($start) AND month_ix($end)
        GROUP BY work_kind
        UNION ALL
        SELECT work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND NOT multi
        GROUP BY work_kind
        UNION ALL
        SELECT work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND multi
        GROUP BY work_kind
    )
    GROUP BY work_kind
)
SELECT work_kind, placed, placed::DOUBLE / sum(placed) OVER () AS share,
       wilson_lo(placed, sum(placed) OVER ()) AS share_lo, wilson_hi(placed, sum(placed) OVER ()) AS share_hi,
       (sum(placed) OVER ())::BIGINT AS total, ck(k) AS placed__ck, ck(sum(k) OVER ()) AS total__ck
FROM k
ORDER BY placed DESC, work_kind;
