-- paid_work_on_date: per doelgroep, persons in paid work (regulier, garantiebaan, beschut werk) on a date, of the persons in a trajectory or in work on that date.
-- returns: doelgroep, in_view (persons with a trajectory or work running on the date), paid (in paid work on the date), regulier, garantiebaan, beschut_werk (persons per kind), share (paid / in_view), lo, hi (95% Wilson)
-- params: on_date date; region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=in_view,paid,regulier,garantiebaan,beschut_werk rates=share/in_view/paid
-- aggregates: on_date=month_end
-- Running on the date: intake (or placement) on or before it and no end date before it.
WITH r AS (
    SELECT doelgroep, person_key, rk, work_kind, multi,
           placement_date IS NOT NULL AND placement_date <= $on_date::DATE
               AND is_paid(work_kind) AS paid
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE intake_date <= $on_date::DATE AND (end_date IS NULL OR end_date >= $on_date::DATE)
), per AS (
    SELECT doelgroep, person_key, rk, paid, paid AND work_kind = 'regulier' AS regulier,
           paid AND work_kind = 'garantiebaan' AS garantiebaan, paid AND work_kind = 'beschut_werk' AS beschut_werk
    FROM r WHERE NOT multi  -- one row per person: nothing to combine
    UNION ALL
    SELECT doelgroep, person_key, any_value(rk) AS rk, bool_or(paid) AS paid,
           bool_or(paid AND work_kind = 'regulier') AS regulier,
           bool_or(paid AND work_kind = 'garantiebaan') AS garantiebaan,
           bool_or(paid AND work_kind = 'beschut_werk') AS beschut_werk
    FROM r WHERE multi
    GROUP BY doelgroep, person_key
)
SELECT doelgroep, count(*) AS in_view, count(*) FILTER (WHERE paid) AS paid,
       count(*) FILTER (WHERE regulier) AS regulier, count(*) FILTER (WHERE garantiebaan) AS garantiebaan,
       count(*) FILTER (WHERE beschut_werk) AS beschut_werk,
       (count(*) FILTER (WHERE paid))::DOUBLE / count(*) AS share,
       wilson_lo(count(*) FILTER (WHERE paid), count(*)) AS lo, wilson_hi(count(*) FILTER (WHERE paid), count(*)) AS hi,
       ck(sum(rk)) AS in_view__ck, ck(sum(rk) FILTER (WHERE paid)) AS paid__ck,
       ck(sum(rk) FILTER (WHERE regulier)) AS regulier__ck, ck(sum(rk) FILTER (WHERE garantiebaan)) AS garantiebaan__ck,
       ck(sum(rk) FILTER (WHERE beschut_werk)) AS beschut_werk__ck
FROM per
GROUP BY doelgroep
ORDER BY doelgroep;
