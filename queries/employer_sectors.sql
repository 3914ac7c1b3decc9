-- employer_sectors: per sector, the employers in the region and what happened there: placements and werkleertrajecten started in the period, people in paid work on the period's end.
-- returns: sector, employers (with a site in the region), partners (of these, members of a network on $end), placements, werkleertrajecten, in_work; busiest sector first
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all: the employer's site); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placements,werkleertrajecten,in_work
-- aggregates: none (per employer, then per sector: counts per employer and month would keep about half as many rows as the placements)
WITH e AS (
    SELECT e.employer_key, e.sector, e.network IS NOT NULL AND (e.join_date IS NULL OR e.join_date <= $end) AS partner
    FROM employers e JOIN regions r USING (gemeente_code)
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
),
p AS (
    SELECT p.* FROM placements_m p
    WHERE p.employer_key IN (SELECT employer_key FROM e)
      -- only rows that some count below takes: placed in the period, or in work on its end
      AND p.placement_date <= $end AND (p.placement_date >= $start OR p.end_date IS NULL OR p.end_date >= $end)
      AND (is_paid(p.work_kind) OR p.work_kind = 'werkleertraject')
      AND ($programme IS NULL OR p.programme = $programme)
      AND ($doelgroep IS NULL OR p.doelgroep = $doelgroep)
),
w1 AS (
    SELECT employer_key,
           count(*) FILTER (WHERE placement_date BETWEEN $start AND $end
                            AND is_paid(work_kind)) AS placements,
           sum(rk) FILTER (WHERE placement_date BETWEEN $start AND $end
                            AND is_paid(work_kind)) AS placements_k,
           sum(rk) FILTER (WHERE placement_date BETWEEN $start AND $end AND work_kind = 'werkleertraject') AS werkleertrajecten_k,
           sum(rk) FILTER (WHERE is_paid(work_kind) AND NOT multi
               AND placement_date <= $end AND (end_date IS NULL OR end_date >= $end)) AS in_work1_k,
           count(*) FILTER (WHERE placement_date BETWEEN $start AND $end AND work_kind = 'werkleertraject') AS werkleertrajecten,
           count(*) FILTER (WHERE is_paid(work_kind) AND NOT multi
               AND placement_date <= $end AND (end_date IS NULL OR end_date >= $end)) AS in_work1
    FROM p GROUP BY employer_key
),
wm AS (  -- persons with one trajectory are counted above as rows; only `multi` rows need a DISTINCT
    SELECT employer_key, count(DISTINCT person_key) AS in_work_m, sum(DISTINCT rk) AS in_work_m_k
    FROM p
    WHERE multi AND is_paid(work_kind)
      AND placement_date <= $end AND (end_date IS NULL OR end_date >= $end)
    GROUP BY employer_key
),
w AS (
    SELECT w1.employer_key, w1.placements, w1.werkleertrajecten, w1.in_work1 + coalesce(wm.in_work_m, 0) AS in_work,
           w1.placements_k, w1.werkleertrajecten_k, coalesce(w1.in_work1_k, 0) + coalesce(wm.in_work_m_k, 0) AS in_work_k
    FROM w1 LEFT JOIN wm USING (employer_key)
)
SELECT e.sector, count(*) AS employers, count(*) FILTER (WHERE e.partner) AS partners,
       coalesce(sum(w.placements), 0)::BIGINT AS placements,
       coalesce(sum(w.werkleertrajecten), 0)::BIGINT AS werkleertrajecten,
       coalesce(sum(w.in_work), 0)::BIGINT AS in_work,
       ck(sum(w.placements_k)) AS placements__ck, ck(sum(w.werkleertrajecten_k)) AS werkleertrajecten__ck,
       ck(sum(w.in_work_k)) AS in_work__ck
FROM e LEFT JOIN w USING (employer_key)
GROUP BY e.sector
HAVING sum(w.placements) > 0 OR sum(w.werkleertrajecten) > 0 OR sum(w.in_work) > 0
ORDER BY in_work DESC, placements DESC, sector;
