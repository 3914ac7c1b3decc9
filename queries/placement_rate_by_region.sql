-- placement_rate_by_region: placement rate per region at the chosen level, within the selection.
-- returns: region_code, region_name, placed, looking, rate, rate_lo, rate_hi; highest rate first
-- params: start date (first day of the period); end date (last day of the period); level text in (gemeente, arbeidsmarktregio, provincie) = gemeente; region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,looking rates=rate/looking/placed
-- aggregates: start=month_start end=month_end
-- Every region of the level within `region` has a row, also when nobody was looking (rate empty): a missing
-- row would tell a publiek reader that a withheld count is not zero. A selection without anyone looking
-- has no rows (the page says so).
WITH names AS (
    SELECT DISTINCT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
           region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name
    FROM regions
    WHERE $region IS NULL OR in_region($region, gemeente_code, arbeidsmarktregio_code, provincie_code)
), agg AS (
    SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
           count(*) FILTER (WHERE placed AND looking) AS n_placed,
           count(*) FILTER (WHERE looking) AS n_looking,
           ck(sum(rk) FILTER (WHERE placed AND looking)) AS placed__ck, ck(sum(rk) FILTER (WHERE looking)) AS looking__ck
    FROM person_period($region, $programme, $doelgroep, $start, $end)
    GROUP BY 1
)
SELECT region_code, region_name, coalesce(n_placed, 0) AS placed, coalesce(n_looking, 0) AS looking,
       n_placed::DOUBLE / nullif(n_looking, 0) AS rate,
       wilson_lo(n_placed, n_looking) AS rate_lo,
       wilson_hi(n_placed, n_looking) AS rate_hi, coalesce(placed__ck, 0) AS placed__ck, coalesce(looking__ck, 0) AS looking__ck
FROM names LEFT JOIN agg USING (region_code)
WHERE EXISTS (SELECT 1 FROM agg WHERE n_looking > 0)
ORDER BY rate DESC NULLS LAST, region_name, region_code;
