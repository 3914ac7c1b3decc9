-- time_to_work_distribution from the month aggregates (see the header of queries/time_to_work_distribution.sql).
-- The regular rows' days fall in the buckets counted as d1 .. d8 (meedoen/query/aggregates.py: DAY_BUCKETS, the same bounds).
WITH d AS (
    SELECT doelgroep, days, rk FROM first_work_x($region, $programme, $doelgroep, $start, $end)
), buckets(bucket, days_lo, days_hi) AS (
    VALUES (1, 0, 7), (2, 8, 14), (3, 15, 21), (4, 22, 42), (5, 43, 91), (6, 92, 182), (7, 183, 365), (8, 366, NULL)
), a AS (
    SELECT doelgroep, unnest([1, 2, 3, 4, 5, 6, 7, 8]) AS bucket,
           unnest([sum(d1), sum(d2), sum(d3), sum(d4), sum(d5), sum(d6), sum(d7), sum(d8)]) AS n,
           unnest([sum(d1_k), sum(d2_k), sum(d3_k), sum(d4_k), sum(d5_k), sum(d6_k), sum(d7_k), sum(d8_k)]) AS k
    FROM sel_agg_placed($region, $programme, $doelgroep)
    WHERE m BETWEEN month_ix($start) AND month_ix($end)
    GROUP BY doelgroep
), g AS (
    SELECT DISTINCT doelgroep FROM (SELECT doelgroep FROM d UNION ALL SELECT doelgroep FROM a WHERE n > 0)
), x AS (
    SELECT g.doelgroep, b.bucket, b.days_lo, b.days_hi, count(d.days) AS n, sum(d.rk) AS k
    FROM g CROSS JOIN buckets b
    LEFT JOIN d ON d.doelgroep = g.doelgroep AND d.days >= b.days_lo AND (b.days_hi IS NULL OR d.days <= b.days_hi)
    GROUP BY g.doelgroep, b.bucket, b.days_lo, b.days_hi
), y AS (
    SELECT x.doelgroep, x.bucket, x.days_lo, x.days_hi, (x.n + coalesce(a.n, 0))::BIGINT AS n,
           coalesce(x.k, 0) + coalesce(a.k, 0) AS k
    FROM x LEFT JOIN a USING (doelgroep, bucket)
)
SELECT doelgroep, bucket, days_lo, days_hi, n,
       (sum(n) OVER (PARTITION BY doelgroep))::BIGINT AS total,
       n::DOUBLE / sum(n) OVER (PARTITION BY doelgroep) AS share,
       ck(k) AS n__ck, ck(sum(k) OVER (PARTITION BY doelgroep)) AS total__ck
FROM y
ORDER BY doelgroep, bucket;
