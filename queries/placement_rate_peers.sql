-- placement_rate_peers: placement rate of a gemeente and its comparable gemeenten (peer group).
-- returns: region_code, region_name, is_self, distance, inwoners, stedelijkheid, bijstand_per_1000, placed, looking, rate, rate_lo, rate_hi
-- params: gemeente gemeente (GMxxxx); peers int = 10 (how many); start date (first day of the period); end date (last day of the period); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,looking rates=rate/looking/placed
-- aggregates: start=month_start end=month_end
-- Comparable = nearest by standardised log(inwoners), stedelijkheid and bijstand per 1,000 (equal weights),
-- so size alone does not decide.
WITH z AS (
    SELECT gemeente_code, gemeente_name, inwoners, stedelijkheid, bijstand_per_1000,
           (ln(inwoners) - avg(ln(inwoners)) OVER ()) / nullif(stddev_pop(ln(inwoners)) OVER (), 0) AS z_size,
           (stedelijkheid - avg(stedelijkheid) OVER ()) / nullif(stddev_pop(stedelijkheid) OVER (), 0) AS z_urban,
           (bijstand_per_1000 - avg(bijstand_per_1000) OVER ()) / nullif(stddev_pop(bijstand_per_1000) OVER (), 0) AS z_bijstand
    FROM regions
), d AS (
    SELECT o.gemeente_code AS region_code, o.gemeente_name AS region_name, o.gemeente_code = $gemeente AS is_self,
           sqrt(coalesce((o.z_size - s.z_size) ^ 2, 0) + coalesce((o.z_urban - s.z_urban) ^ 2, 0)
                + coalesce((o.z_bijstand - s.z_bijstand) ^ 2, 0)) AS distance,
           o.inwoners, o.stedelijkheid, o.bijstand_per_1000
    FROM z o, z s
    WHERE s.gemeente_code = $gemeente
    ORDER BY distance
    LIMIT $peers + 1
), rate AS (
    SELECT gemeente_code AS region_code,
           count(*) FILTER (WHERE placed AND looking) AS n_placed, count(*) FILTER (WHERE looking) AS n_looking,
           ck(sum(rk) FILTER (WHERE placed AND looking)) AS placed__ck, ck(sum(rk) FILTER (WHERE looking)) AS looking__ck
    FROM person_period(NULL, $programme, $doelgroep, $start, $end)
    WHERE gemeente_code IN (SELECT region_code FROM d)
    GROUP BY 1
)
SELECT d.*, coalesce(n_placed, 0) AS placed, coalesce(n_looking, 0) AS looking,
       n_placed::DOUBLE / nullif(n_looking, 0) AS rate,
       wilson_lo(n_placed, n_looking) AS rate_lo, wilson_hi(n_placed, n_looking) AS rate_hi,
       coalesce(placed__ck, 0) AS placed__ck, coalesce(looking__ck, 0) AS looking__ck
FROM d LEFT JOIN rate USING (region_code)
ORDER BY distance;
