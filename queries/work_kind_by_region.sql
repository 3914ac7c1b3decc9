-- work_kind_by_region: people placed in the period per region at the chosen level and kind of work, with each kind's share of the region.
-- returns: region_code, region_name, work_kind, placed (distinct persons), total (sum over the kinds in the region), share (0..1), share_lo, share_hi (95% Wilson)
-- params: start date (first day of the period); end date (last day of the period); level text in (gemeente, arbeidsmarktregio, provincie) = gemeente; region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,total rates=share/total/placed
-- aggregates: start=month_start end=month_end
-- A person placed in two kinds of work in the period counts in both, so the shares of a region add up to 100%.
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
WITH k AS (
    SELECT region_code, region_name, work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
               region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name,
               work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND work_kind IS NOT NULL AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT region_at($level, gemeente_code, arbeidsmarktregio_code, provincie_code) AS region_code,
               region_at($level, gemeente_name, arbeidsmarktregio_name, provincie_name) AS region_name,
               work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND work_kind IS NOT NULL AND multi
        GROUP BY ALL
    )
    GROUP BY region_code, region_name, work_kind
), t AS (
    SELECT *, (sum(placed) OVER (PARTITION BY region_code))::BIGINT AS total,
           ck(sum(k) OVER (PARTITION BY region_code)) AS total__ck FROM k
)
SELECT region_code, region_name, work_kind, placed, total, placed::DOUBLE / total AS share,
       wilson_lo(placed, total) AS share_lo, wilson_hi(placed, total) AS share_hi, ck(k) AS placed__ck, total__ck
FROM t
ORDER BY region_name, work_kind;
