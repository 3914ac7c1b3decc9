-- employer_instruments: use of loonkostensubsidie and the no-riskpolis in the period's placements in paid work, per employer network.
-- returns: network (NULL = employers outside a network), instrument ('loonkostensubsidie' | 'no_riskpolis'), n (placements with it), total (placements), share, share_lo, share_hi (95% Wilson interval)
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all: the employer's site); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=n,total rates=share/total/n
-- aggregates: none (per employer: counts per employer and month would keep about half as many rows as the placements, so they would not spare the scan)
WITH p AS (
    SELECT CASE WHEN e.join_date IS NULL OR e.join_date <= $end THEN e.network END AS network,
           p.loonkostensubsidie, p.no_riskpolis, p.rk
    FROM placements_m p
    JOIN employers e USING (employer_key)
    JOIN regions r ON r.gemeente_code = e.gemeente_code
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND p.placement_date BETWEEN $start AND $end
      AND is_paid(p.work_kind)
      AND ($programme IS NULL OR p.programme = $programme)
      AND ($doelgroep IS NULL OR p.doelgroep = $doelgroep)
),
g AS (
    SELECT network, count(*) FILTER (WHERE loonkostensubsidie) AS lks, count(*) FILTER (WHERE no_riskpolis) AS nrp,
           count(*) AS total, ck(sum(rk) FILTER (WHERE loonkostensubsidie)) AS lks_k,
           ck(sum(rk) FILTER (WHERE no_riskpolis)) AS nrp_k, ck(sum(rk)) AS total_k
    FROM p GROUP BY network
)
SELECT network, 'loonkostensubsidie' AS instrument, lks AS n, total, lks::DOUBLE / total AS share,
       wilson_lo(lks, total) AS share_lo, wilson_hi(lks, total) AS share_hi,
       lks_k AS n__ck, total_k AS total__ck FROM g
UNION ALL
SELECT network, 'no_riskpolis', nrp, total, nrp::DOUBLE / total, wilson_lo(nrp, total), wilson_hi(nrp, total), nrp_k, total_k FROM g
ORDER BY network NULLS LAST, instrument;
