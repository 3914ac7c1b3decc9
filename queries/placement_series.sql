-- placement_series: people placed and the placement rate per month or quarter, up to the end of the period, with the same bucket a year earlier.
-- returns: bucket (first day), bucket_end, placed (persons placed in the bucket), looking, placed_looking, rate (placed_looking / looking), rate_lo, rate_hi (95% Wilson), placed_prev, looking_prev, placed_looking_prev, rate_prev (the same bucket a year earlier)
-- params: grain text in (month, quarter) = month; from date (first day of the series); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,looking,placed_looking,placed_prev,looking_prev,placed_looking_prev rates=rate/looking/placed_looking,rate_prev/looking_prev/placed_looking_prev
-- aggregates: end=grain_end
-- Per bucket the rate is defined as in person_period: looking = trajectory open in the bucket and not placed before it.
-- Persons with one trajectory (NOT multi) are counted without expanding them over the buckets: a row is
-- looking in every bucket from its intake's bucket to the earlier of its end's and its placement's bucket
-- (compared by month or quarter number, exact because buckets start on the 1st), so looking(b) = started by b - stopped before b.
-- Persons with more trajectories take the per-person path over the buckets they touch.
WITH b AS (
    SELECT g::DATE AS bucket,
           (g + CASE WHEN $grain = 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END - INTERVAL 1 DAY)::DATE AS bucket_end
    FROM generate_series(date_trunc($grain, $from::DATE), date_trunc($grain, $end::DATE),
                         CASE WHEN $grain = 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END) AS s(g)
), p AS (
    SELECT person_key, rk, intake_date, placement_date, end_date
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE intake_date <= $end::DATE AND multi
), one AS (
    SELECT rk, intake_date, least(end_date, placement_date) AS last_d, placement_date, end_date
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE intake_date <= $end::DATE AND NOT multi
), valid AS (
    -- looking in at least one bucket; bucket numbers only for the rare row that ends before its intake (CASE: only there)
    SELECT rk, intake_date, last_d FROM one
    WHERE CASE WHEN last_d IS NULL OR last_d >= intake_date THEN true
                ELSE bucket_ix($grain, last_d) >= bucket_ix($grain, intake_date) END
), starts AS (
    SELECT bucket_ix($grain, d) AS b, sum(n) AS n, sum(k) AS k
    FROM (SELECT intake_date AS d, count(*) AS n, sum(rk) AS k FROM valid GROUP BY 1) GROUP BY 1
), stops AS (
    SELECT bucket_ix($grain, d) AS b, sum(n) AS n, sum(k) AS k
    FROM (SELECT last_d AS d, count(*) AS n, sum(rk) AS k FROM valid WHERE last_d IS NOT NULL GROUP BY 1) GROUP BY 1
), placed1 AS (
    SELECT bucket_ix($grain, d) AS b, sum(placed) AS placed, sum(placed_looking) AS placed_looking,
           sum(placed_k) AS placed_k, sum(placed_looking_k) AS placed_looking_k
    FROM (SELECT placement_date AS d, count(*) AS placed, sum(rk) AS placed_k,
                 count(*) FILTER (WHERE CASE WHEN end_date IS NULL OR end_date >= placement_date THEN true
                                  ELSE bucket_ix($grain, end_date) >= bucket_ix($grain, placement_date) END) AS placed_looking,
                 sum(rk) FILTER (WHERE CASE WHEN end_date IS NULL OR end_date >= placement_date THEN true
                                  ELSE bucket_ix($grain, end_date) >= bucket_ix($grain, placement_date) END) AS placed_looking_k
          FROM one
          WHERE placement_date IS NOT NULL
            AND CASE WHEN placement_date >= intake_date THEN true
                     ELSE bucket_ix($grain, placement_date) >= bucket_ix($grain, intake_date) END
          GROUP BY 1)
    GROUP BY 1
), bx AS (
    SELECT bucket, bucket_ix($grain, bucket) AS ix FROM b
), s1 AS (
    SELECT bx.bucket, bx.ix,
           coalesce((SELECT sum(n) FROM starts WHERE starts.b <= bx.ix), 0)
             - coalesce((SELECT sum(n) FROM stops WHERE stops.b < bx.ix), 0) AS looking,
           coalesce((SELECT sum(k) FROM starts WHERE starts.b <= bx.ix), 0)
             - coalesce((SELECT sum(k) FROM stops WHERE stops.b < bx.ix), 0) AS looking_k
    FROM bx
), pp AS (
    SELECT b.bucket, b.bucket_end, p.person_key, any_value(p.rk) AS rk,
           bool_or((p.end_date IS NULL OR p.end_date >= b.bucket)
                   AND (p.placement_date IS NULL OR p.placement_date >= b.bucket)) AS looking,
           bool_or(p.placement_date BETWEEN b.bucket AND b.bucket_end) AS placed
    FROM b JOIN p ON p.intake_date <= b.bucket_end
                 AND (p.end_date IS NULL OR p.end_date >= b.bucket OR p.placement_date >= b.bucket)
    GROUP BY ALL
), sm AS (
    SELECT bucket,
           count(person_key) FILTER (WHERE placed) AS placed,
           count(person_key) FILTER (WHERE looking) AS looking,
           count(person_key) FILTER (WHERE placed AND looking) AS placed_looking,
           sum(rk) FILTER (WHERE placed) AS placed_k, sum(rk) FILTER (WHERE looking) AS looking_k,
           sum(rk) FILTER (WHERE placed AND looking) AS placed_looking_k
    FROM pp GROUP BY bucket
), s AS (
    SELECT b.bucket, b.bucket_end,
           (coalesce(sm.placed, 0) + coalesce(p1.placed, 0))::BIGINT AS placed,
           (coalesce(sm.looking, 0) + s1.looking)::BIGINT AS looking,
           (coalesce(sm.placed_looking, 0) + coalesce(p1.placed_looking, 0))::BIGINT AS placed_looking,
           ck(coalesce(sm.placed_k, 0) + coalesce(p1.placed_k, 0)) AS placed__ck,
           ck(coalesce(sm.looking_k, 0) + s1.looking_k) AS looking__ck,
           ck(coalesce(sm.placed_looking_k, 0) + coalesce(p1.placed_looking_k, 0)) AS placed_looking__ck
    FROM b JOIN s1 USING (bucket) LEFT JOIN sm USING (bucket) LEFT JOIN placed1 p1 ON p1.b = s1.ix
)
SELECT s.bucket, s.bucket_end, s.placed, s.looking, s.placed_looking,
       s.placed_looking::DOUBLE / nullif(s.looking, 0) AS rate,
       wilson_lo(s.placed_looking, s.looking) AS rate_lo, wilson_hi(s.placed_looking, s.looking) AS rate_hi,
       y.placed AS placed_prev, y.looking AS looking_prev, y.placed_looking AS placed_looking_prev,
       y.placed_looking::DOUBLE / nullif(y.looking, 0) AS rate_prev,
       s.placed__ck, s.looking__ck, s.placed_looking__ck, y.placed__ck AS placed_prev__ck,
       y.looking__ck AS looking_prev__ck, y.placed_looking__ck AS placed_looking_prev__ck
FROM s LEFT JOIN s AS y ON y.bucket = (s.bucket - INTERVAL 1 YEAR)::DATE
ORDER BY s.bucket;
