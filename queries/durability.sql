-- durability: per doelgroep, persons whose first placement lies in the period who are still in work 6 and 12 months later.
-- returns: doelgroep, months (6 | 12), placed (first placement in the period), eligible (placement + months <= peildatum), still (in work on placement + months), share (still / eligible), lo, hi (95% Wilson)
-- params: start date (first day of the period); end date (last day of the period); peildatum date; region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,eligible,still rates=share/eligible/still
-- aggregates: start=month_start end=month_end peildatum=month_end
-- In work = any placement of the person (any kind of work) that started on or before the date and had not ended before it.
-- Only persons whose placement + 6 or 12 months lies on or before the peildatum count in the denominator.
-- Persons with one trajectory (NOT multi) are that row: its placement is the first, and the only one to check.
WITH sel AS (
    SELECT doelgroep, person_key, rk, placement_date, end_date
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE multi
), per AS (
    SELECT doelgroep, person_key, any_value(rk) AS rk, min(placement_date) AS first_placement
    FROM sel
    GROUP BY ALL
    HAVING min(placement_date) BETWEEN $start AND $end
), m(months) AS (VALUES (6), (12)),
chk AS (
    SELECT per.doelgroep, per.person_key, per.rk, m.months, (per.first_placement + to_months(m.months))::DATE AS check_date
    FROM per CROSS JOIN m
), st AS (
    SELECT chk.doelgroep, chk.person_key, chk.rk, chk.months, chk.check_date <= $peildatum::DATE AS eligible,
           bool_or(s.placement_date <= chk.check_date AND (s.end_date IS NULL OR s.end_date >= chk.check_date)) AS still
    FROM chk LEFT JOIN sel s ON s.person_key = chk.person_key AND s.doelgroep = chk.doelgroep
                          AND s.placement_date IS NOT NULL
    GROUP BY ALL
    UNION ALL
    SELECT doelgroep, person_key, rk, months, check_date <= $peildatum::DATE AS eligible,
           placement_date <= check_date AND (end_date IS NULL OR end_date >= check_date) AS still
    FROM (SELECT o.doelgroep, o.person_key, o.rk, o.placement_date, o.end_date, m.months,
                 (o.placement_date + to_months(m.months))::DATE AS check_date
          FROM sel_placements($region, $programme, $doelgroep) o CROSS JOIN m
          WHERE NOT o.multi AND o.placement_date BETWEEN $start AND $end)
)
SELECT doelgroep, months, count(*) AS placed, count(*) FILTER (WHERE eligible) AS eligible,
       count(*) FILTER (WHERE eligible AND still) AS still,
       (count(*) FILTER (WHERE eligible AND still))::DOUBLE / nullif(count(*) FILTER (WHERE eligible), 0) AS share,
       wilson_lo(count(*) FILTER (WHERE eligible AND still), count(*) FILTER (WHERE eligible)) AS lo,
       wilson_hi(count(*) FILTER (WHERE eligible AND still), count(*) FILTER (WHERE eligible)) AS hi,
       ck(sum(rk)) AS placed__ck, ck(sum(rk) FILTER (WHERE eligible)) AS eligible__ck,
       ck(sum(rk) FILTER (WHERE eligible AND still)) AS still__ck
FROM st
GROUP BY doelgroep, months
ORDER BY doelgroep, months;
