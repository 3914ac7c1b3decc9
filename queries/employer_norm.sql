-- employer_norm: partner employers of a network with their placements and whether they meet the network's norm.
-- returns: one row per partner employer: employer_key, employer (name only where name_public, else the key), network, sector, join_date, staff_count, in_work (people from the doelgroep in paid work there on $end), staff_share (in_work / staff_count), needed (norm × staff_count, exact decimal), norm_status ('voldoet' | 'voldoet_niet' | 'onbekend'), gap (people still needed, 0 when met, NULL when unknown), placements and werkleertrajecten (started in the period), lks and nrp (placements in the period with loonkostensubsidie / no-riskpolis); plus per network: net_partners, net_known, net_meets, net_unknown, net_withheld (0 in intern), net_share, net_lo, net_hi (95% Wilson interval); ranked by in_work. In publiek norm_status and the net_ columns are worked out again from the protected in_work (see protect: norms), and norm_status is 'afgeschermd' where in_work is withheld (counted in net_withheld).
-- params: start date (first day of the period); end date (last day of the period, the reference date); region region (code of any level, NULL = all: the employer's site); programme text (NULL = all: used for placements, werkleertrajecten, lks and nrp only); doelgroep text (NULL = all: used for placements, werkleertrajecten, lks and nrp only); norm number = 0.05 (share of staff)
-- protect: counts=in_work,placements,werkleertrajecten,lks,nrp rates=staff_share/staff_count/in_work,gap//in_work norms=norm_status/in_work/needed/network
-- aggregates: none (per employer, and people in work on a day: counts per employer and month would keep about half as many rows as the placements)
-- The norm counts everyone in paid work (regulier, garantiebaan, beschut werk) on the reference date, whatever the
-- programme or doelgroep filter. It is met when in_work >= norm × staff_count, computed in decimals so that exactly 5%
-- meets (3 of 60 staff) and small employers are not rounded (1 of 10 meets). A missing or zero staff_count is 'onbekend'.
-- There are no list filters (network, sector, status) here: a status decided on the exact count, or a tally over
-- it, would tell a publiek reader more than the protected count does. Pages filter the protected rows.
WITH partners AS (
    SELECT e.*
    FROM employers e JOIN regions r USING (gemeente_code)
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND e.network IS NOT NULL
      AND (e.join_date IS NULL OR e.join_date <= $end)
),
work AS (
    SELECT p.employer_key,
           count(DISTINCT p.person_key) FILTER (WHERE is_paid(p.work_kind)
               AND p.placement_date <= $end AND (p.end_date IS NULL OR p.end_date >= $end)) AS in_work,
           ck(sum(DISTINCT p.rk) FILTER (WHERE is_paid(p.work_kind)
               AND p.placement_date <= $end AND (p.end_date IS NULL OR p.end_date >= $end))) AS in_work__ck,
           ck(sum(p.rk) FILTER (WHERE sel AND is_paid(p.work_kind))) AS placements__ck,
           ck(sum(p.rk) FILTER (WHERE sel AND p.work_kind = 'werkleertraject')) AS werkleertrajecten__ck,
           ck(sum(p.rk) FILTER (WHERE sel AND is_paid(p.work_kind) AND p.loonkostensubsidie)) AS lks__ck,
           ck(sum(p.rk) FILTER (WHERE sel AND is_paid(p.work_kind) AND p.no_riskpolis)) AS nrp__ck,
           count(*) FILTER (WHERE sel AND is_paid(p.work_kind)) AS placements,
           count(*) FILTER (WHERE sel AND p.work_kind = 'werkleertraject') AS werkleertrajecten,
           count(*) FILTER (WHERE sel AND is_paid(p.work_kind) AND p.loonkostensubsidie) AS lks,
           count(*) FILTER (WHERE sel AND is_paid(p.work_kind) AND p.no_riskpolis) AS nrp
    FROM (SELECT *, placement_date BETWEEN $start AND $end
                    AND ($programme IS NULL OR programme = $programme)
                    AND ($doelgroep IS NULL OR doelgroep = $doelgroep) AS sel
          FROM partner_placements_m WHERE employer_key IN (SELECT employer_key FROM partners)
            -- only rows that some count takes: placed in the period, or in work on its end
            AND placement_date <= $end AND (placement_date >= $start OR end_date IS NULL OR end_date >= $end)
            AND (is_paid(work_kind) OR work_kind = 'werkleertraject')) p
    GROUP BY p.employer_key
),
scored AS (
    SELECT e.employer_key,
           CASE WHEN e.name_public AND e.name IS NOT NULL THEN e.name ELSE e.employer_key END AS employer,
           e.network, e.sector, e.join_date, e.staff_count,
           coalesce(w.in_work, 0) AS in_work,
           coalesce(w.in_work, 0)::DOUBLE / nullif(e.staff_count, 0) AS staff_share,
           CAST($norm AS DECIMAL(10, 6)) * e.staff_count AS needed,
           CASE WHEN coalesce(e.staff_count, 0) = 0 THEN 'onbekend'
                WHEN coalesce(w.in_work, 0) >= CAST($norm AS DECIMAL(10, 6)) * e.staff_count THEN 'voldoet'
                ELSE 'voldoet_niet' END AS norm_status,
           coalesce(w.placements, 0) AS placements, coalesce(w.werkleertrajecten, 0) AS werkleertrajecten,
           coalesce(w.lks, 0) AS lks, coalesce(w.nrp, 0) AS nrp,
           coalesce(w.in_work__ck, 0) AS in_work__ck, coalesce(w.placements__ck, 0) AS placements__ck,
           coalesce(w.werkleertrajecten__ck, 0) AS werkleertrajecten__ck, coalesce(w.lks__ck, 0) AS lks__ck,
           coalesce(w.nrp__ck, 0) AS nrp__ck
    FROM partners e LEFT JOIN work w USING (employer_key)
),
summed AS (
    SELECT *,
           CASE WHEN norm_status = 'onbekend' THEN NULL
                ELSE greatest(ceil(needed)::BIGINT - in_work, 0) END AS gap,
           count(*) OVER n AS net_partners,
           count(*) FILTER (WHERE norm_status <> 'onbekend') OVER n AS net_known,
           count(*) FILTER (WHERE norm_status = 'voldoet') OVER n AS net_meets,
           count(*) FILTER (WHERE norm_status = 'onbekend') OVER n AS net_unknown,
           0 AS net_withheld
    FROM scored
    WINDOW n AS (PARTITION BY network)
)
SELECT employer_key, employer, network, sector, join_date, staff_count, in_work, staff_share, needed, norm_status, gap,
       placements, werkleertrajecten, lks, nrp, in_work__ck, placements__ck, werkleertrajecten__ck, lks__ck, nrp__ck, net_partners, net_known, net_meets, net_unknown, net_withheld,
       net_meets::DOUBLE / nullif(net_known, 0) AS net_share,
       wilson_lo(net_meets, net_known) AS net_lo, wilson_hi(net_meets, net_known) AS net_hi
FROM summed
ORDER BY in_work DESC, placements DESC, employer, employer_key;
