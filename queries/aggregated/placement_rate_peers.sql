-- placement_rate_peers from the month aggregates (see the header of queries/placement_rate_peers.sql).
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
    SELECT gemeente_code AS region_code, sum(n_placed)::BIGINT AS n_placed, sum(n_looking)::BIGINT AS n_looking,
           ck(sum(k_placed)) AS placed__ck, ck(sum(k_looking)) AS looking__ck
    FROM person_period_n(NULL, $programme, $doelgroep, $start, $end)
    WHERE gemeente_code IN (SELECT region_code FROM d)
    GROUP BY 1
)
SELECT d.*, coalesce(n_placed, 0) AS placed, coalesce(n_looking, 0) AS looking,
       n_placed::DOUBLE / nullif(n_looking, 0) AS rate,
       wilson_lo(n_placed, n_looking) AS rate_lo, wilson_hi(n_placed, n_looking) AS rate_hi,
       coalesce(placed__ck, 0) AS placed__ck, coalesce(looking__ck, 0) AS looking__ck
FROM d LEFT JOIN rate USING (region_code)
ORDER BY distance;
