-- time_to_work_distribution: per doelgroep, persons by days from first intake to first placement, in fixed buckets, for first placements in the period.
-- returns: doelgroep, bucket (1..8, in order), days_lo, days_hi (NULL: open-ended), n (persons), total (placed in the doelgroep), share (0..1)
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=n,total rates=share/total/n
-- aggregates: start=month_start end=month_end
WITH d AS (
    SELECT doelgroep, days, rk FROM first_work($region, $programme, $doelgroep, $start, $end)
), buckets(bucket, days_lo, days_hi) AS (
    VALUES (1, 0, 7), (2, 8, 14), (3, 15, 21), (4, 22, 42), (5, 43, 91), (6, 92, 182), (7, 183, 365), (8, 366, NULL)
), g AS (
    SELECT DISTINCT doelgroep FROM d
)
SELECT g.doelgroep, b.bucket, b.days_lo, b.days_hi,
       count(d.days) AS n,
       (sum(count(d.days)) OVER (PARTITION BY g.doelgroep))::BIGINT AS total,
       count(d.days)::DOUBLE / sum(count(d.days)) OVER (PARTITION BY g.doelgroep) AS share,
       ck(sum(d.rk)) AS n__ck, ck(sum(sum(d.rk)) OVER (PARTITION BY g.doelgroep)) AS total__ck
FROM g CROSS JOIN buckets b
LEFT JOIN d ON d.doelgroep = g.doelgroep AND d.days >= b.days_lo AND (b.days_hi IS NULL OR d.days <= b.days_hi)
GROUP BY g.doelgroep, b.bucket, b.days_lo, b.days_hi
ORDER BY g.doelgroep, b.bucket;
