-- work_kind_by_region from the month aggregates (see the header of queries/work_kind_by_region.sql).
WITH k AS (
    SELECT region_code, region_name, work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
               region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name,
               work_kind, sum(n) AS placed, sum(k) AS k
        FROM sel_agg_placed($region, $programme, $doelgroep)
        WHERE m BETWEEN month_ix($start) AND month_ix($end) AND work_kind IS NOT NULL
        GROUP BY ALL
        UNION ALL
        SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
               region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name,
               work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND work_kind IS NOT NULL AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
               region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name,
               work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND work_kind IS NOT NULL AND multi
        GROUP BY ALL
    )
    GROUP BY region_code, region_name, work_kind
), t AS (
    SELECT *, (sum(placed) OVER (PARTITION BY region_code))::BIGINT AS total,
           ck(sum(k) OVER (PARTITION BY region_code)) AS total__ck FROM k
)
SELECT region_code, region_name, work_kind, placed, total, placed::DOUBLE / total AS share,
       wilson_lo(placed, total) AS share_lo, wilson_hi(placed, total) AS share_hi, ck(k) AS placed__ck, total__ck
FROM t
ORDER BY region_name, work_kind;
