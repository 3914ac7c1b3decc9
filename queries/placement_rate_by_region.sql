-- placement_rate_by_region: placement rate per region at the chosen level, within the selection.
-- returns: region_code, region_name, placed, looking, rate, rate_lo, rate_hi; highest rate first
-- params: start, end, level ('gemeente' | 'arbeidsmarktregio' | 'provincie'), region, programme, doelgroep
-- protect: counts=placed,looking rows=region_code split=placed/looking rates=rate/looking/placed
WITH names AS (
    SELECT DISTINCT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
           region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name
    FROM regions
), agg AS (
    SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
           count(*) FILTER (WHERE placed AND looking) AS n_placed,
           count(*) FILTER (WHERE looking) AS n_looking
    FROM person_period($region, $programme, $doelgroep, $start, $end)
    GROUP BY 1
)
SELECT region_code, region_name, n_placed AS placed, n_looking AS looking,
       n_placed::DOUBLE / nullif(n_looking, 0) AS rate,
       wilson_lo(n_placed, n_looking) AS rate_lo,
       wilson_hi(n_placed, n_looking) AS rate_hi
FROM agg JOIN names USING (region_code)
WHERE n_looking > 0
ORDER BY rate DESC, region_name, region_code;
