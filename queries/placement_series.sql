-- placement_series: people placed and the placement rate per month or quarter, up to the end of the period, with the same bucket a year earlier.
-- returns: bucket (first day), bucket_end, placed (persons placed in the bucket), looking, placed_looking, rate (placed_looking / looking), rate_lo, rate_hi (95% Wilson), placed_prev, looking_prev, placed_looking_prev, rate_prev (the same bucket a year earlier)
-- params: grain ('month' | 'quarter'), from (first day of the series), end, region, programme, doelgroep
-- protect: counts=placed,looking,placed_looking,placed_prev,looking_prev,placed_looking_prev rows=bucket split=placed_looking/looking,placed_looking_prev/looking_prev rates=rate/looking/placed_looking,rate_prev/looking_prev/placed_looking_prev
-- Per bucket the rate is defined as in person_period: looking = trajectory open in the bucket and not placed before it.
WITH b AS (
    SELECT g::DATE AS bucket,
           (g + CASE WHEN $grain = 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END - INTERVAL 1 DAY)::DATE AS bucket_end
    FROM generate_series(date_trunc($grain, $from::DATE), date_trunc($grain, $end::DATE),
                         CASE WHEN $grain = 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 MONTH END) AS s(g)
), p AS (
    SELECT person_key, intake_date, placement_date, end_date
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE intake_date <= $end::DATE
), pp AS (
    SELECT b.bucket, b.bucket_end, p.person_key,
           bool_or((p.end_date IS NULL OR p.end_date >= b.bucket)
                   AND (p.placement_date IS NULL OR p.placement_date >= b.bucket)) AS looking,
           bool_or(p.placement_date BETWEEN b.bucket AND b.bucket_end) AS placed
    FROM b JOIN p ON p.intake_date <= b.bucket_end
                 AND (p.end_date IS NULL OR p.end_date >= b.bucket OR p.placement_date >= b.bucket)
    GROUP BY ALL
), s AS (
    SELECT b.bucket, b.bucket_end,
           count(pp.person_key) FILTER (WHERE pp.placed) AS placed,
           count(pp.person_key) FILTER (WHERE pp.looking) AS looking,
           count(pp.person_key) FILTER (WHERE pp.placed AND pp.looking) AS placed_looking
    FROM b LEFT JOIN pp USING (bucket, bucket_end)
    GROUP BY ALL
)
SELECT s.bucket, s.bucket_end, s.placed, s.looking, s.placed_looking,
       s.placed_looking::DOUBLE / nullif(s.looking, 0) AS rate,
       wilson_lo(s.placed_looking, s.looking) AS rate_lo, wilson_hi(s.placed_looking, s.looking) AS rate_hi,
       y.placed AS placed_prev, y.looking AS looking_prev, y.placed_looking AS placed_looking_prev,
       y.placed_looking::DOUBLE / nullif(y.looking, 0) AS rate_prev
FROM s LEFT JOIN s AS y ON y.bucket = (s.bucket - INTERVAL 1 YEAR)::DATE
ORDER BY s.bucket;
