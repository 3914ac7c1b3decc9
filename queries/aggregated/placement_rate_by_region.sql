-- placement_rate_by_region from the month aggregates (see the header of queries/placement_rate_by_region.sql).
WITH names AS (
    SELECT DISTINCT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
           region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name
    FROM regions
    WHERE $region IS NULL OR in_region($region, gemeente_code, arbeidsmarktregio_code, provincie_code)
), agg AS (
    SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
           sum(n_placed)::BIGINT AS n_placed, sum(n_looking)::BIGINT AS n_looking,
           ck(sum(k_placed)) AS placed__ck, ck(sum(k_looking)) AS looking__ck
    FROM person_period_n($region, $programme, $doelgroep, $start, $end)
    GROUP BY 1
)
SELECT region_code, region_name, coalesce(n_placed, 0) AS placed, coalesce(n_looking, 0) AS looking,
       n_placed::DOUBLE / nullif(n_looking, 0) AS rate,
       wilson_lo(n_placed, n_looking) AS rate_lo,
       wilson_hi(n_placed, n_looking) AS rate_hi, coalesce(placed__ck, 0) AS placed__ck, coalesce(looking__ck, 0) AS looking__ck
FROM names LEFT JOIN agg USING (region_code)
WHERE EXISTS (SELECT 1 FROM agg WHERE n_looking > 0)
ORDER BY rate DESC NULLS LAST, region_name, region_code;
