-- placement_series from the month aggregates (see the header of queries/placement_series.sql).
WITH b AS (
    SELECT g::DATE AS bucket,
           (g + CASE WHEN $grain = 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END - INTERVAL 1 DAY)::DATE AS bucket_end
    FROM generate_series(date_trunc($grain, $from::DATE), date_trunc($grain, $end::DATE),
                         CASE WHEN $grain = 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END) AS s(g)
), p AS (
    SELECT person_key, rk, intake_date, placement_date, end_date
    FROM sel_x($region, $programme, $doelgroep)
    WHERE intake_date <= $end::DATE AND multi
), one AS (
    SELECT rk, intake_date, least(end_date, placement_date) AS last_d, placement_date, end_date
    FROM sel_x($region, $programme, $doelgroep)
    WHERE intake_date <= $end::DATE AND NOT multi
), valid AS (
    SELECT rk, intake_date, last_d FROM one
    WHERE CASE WHEN last_d IS NULL OR last_d >= intake_date THEN true
                ELSE bucket_ix($grain, last_d) >= bucket_ix($grain, intake_date) END
), starts AS (
    SELECT b, sum(n) AS n, sum(k) AS k FROM (
        SELECT bucket_ix($grain, intake_date) AS b, count(*) AS n, sum(rk) AS k FROM valid GROUP BY 1
        UNION ALL
        SELECT CASE WHEN $grain = 'quarter' THEN m // 3 ELSE m END AS b, sum(n) AS n, sum(k) AS k
        FROM sel_agg_starts($region, $programme, $doelgroep) WHERE m <= month_ix($end::DATE) GROUP BY 1
    ) GROUP BY 1
), stops AS (
    SELECT b, sum(n) AS n, sum(k) AS k FROM (
        SELECT bucket_ix($grain, last_d) AS b, count(*) AS n, sum(rk) AS k FROM valid WHERE last_d IS NOT NULL GROUP BY 1
        UNION ALL  -- a regular row stops after its intake: a stop before a bucket of the series lies before $end
        SELECT CASE WHEN $grain = 'quarter' THEN m // 3 ELSE m END AS b, sum(n) AS n, sum(k) AS k
        FROM sel_agg_stops($region, $programme, $doelgroep) GROUP BY 1
    ) GROUP BY 1
), placed1 AS (
    SELECT b, sum(placed) AS placed, sum(placed_looking) AS placed_looking,
           sum(placed_k) AS placed_k, sum(placed_looking_k) AS placed_looking_k
    FROM (
        SELECT bucket_ix($grain, placement_date) AS b, count(*) AS placed, sum(rk) AS placed_k,
               count(*) FILTER (WHERE CASE WHEN end_date IS NULL OR end_date >= placement_date THEN true
                                ELSE bucket_ix($grain, end_date) >= bucket_ix($grain, placement_date) END) AS placed_looking,
               sum(rk) FILTER (WHERE CASE WHEN end_date IS NULL OR end_date >= placement_date THEN true
                                ELSE bucket_ix($grain, end_date) >= bucket_ix($grain, placement_date) END) AS placed_looking_k
        FROM one
        WHERE placement_date IS NOT NULL
          AND CASE WHEN placement_date >= intake_date THEN true
                   ELSE bucket_ix($grain, placement_date) >= bucket_ix($grain, intake_date) END
        GROUP BY 1
        UNION ALL  -- regular rows: placed and looking in the bucket of their placement
        SELECT CASE WHEN $grain = 'quarter' THEN m // 3 ELSE m END AS b, sum(n), sum(k), sum(n), sum(k)
        FROM sel_agg_placed($region, $programme, $doelgroep) WHERE m <= month_ix($end::DATE) GROUP BY 1
    )
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
