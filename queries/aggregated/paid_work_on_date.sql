-- paid_work_on_date from the month aggregates (see the header of queries/paid_work_on_date.sql).
-- Regular rows on the last day D of month M: in view = intake by M minus ended before D; paid (per kind) =
-- placed by M minus placed and ended before D (their placement lies between intake and end).
WITH r AS (
    SELECT doelgroep, person_key, rk, work_kind, multi,
           placement_date IS NOT NULL AND placement_date <= $on_date::DATE
               AND is_paid(work_kind) AS paid
    FROM sel_x($region, $programme, $doelgroep)
    WHERE intake_date <= $on_date::DATE AND (end_date IS NULL OR end_date >= $on_date::DATE)
), per AS (
    SELECT doelgroep, person_key, rk, paid, paid AND work_kind = 'regulier' AS regulier,
           paid AND work_kind = 'garantiebaan' AS garantiebaan, paid AND work_kind = 'beschut_werk' AS beschut_werk
    FROM r WHERE NOT multi
    UNION ALL
    SELECT doelgroep, person_key, any_value(rk) AS rk, bool_or(paid) AS paid,
           bool_or(paid AND work_kind = 'regulier') AS regulier,
           bool_or(paid AND work_kind = 'garantiebaan') AS garantiebaan,
           bool_or(paid AND work_kind = 'beschut_werk') AS beschut_werk
    FROM r WHERE multi
    GROUP BY doelgroep, person_key
), c AS (  -- counts (n_*) and key sums (k_*) per doelgroep
    SELECT doelgroep, count(*) AS n_view, count(*) FILTER (WHERE paid) AS n_paid,
           count(*) FILTER (WHERE regulier) AS n_reg, count(*) FILTER (WHERE garantiebaan) AS n_gar,
           count(*) FILTER (WHERE beschut_werk) AS n_bes,
           sum(rk) AS k_view, sum(rk) FILTER (WHERE paid) AS k_paid, sum(rk) FILTER (WHERE regulier) AS k_reg,
           sum(rk) FILTER (WHERE garantiebaan) AS k_gar, sum(rk) FILTER (WHERE beschut_werk) AS k_bes
    FROM per GROUP BY doelgroep
    UNION ALL
    SELECT doelgroep, sum(n), 0, 0, 0, 0, sum(k), 0, 0, 0, 0
    FROM sel_agg_starts($region, $programme, $doelgroep) WHERE m <= month_ix($on_date::DATE) GROUP BY ALL
    UNION ALL
    SELECT doelgroep, 0, sum(n) FILTER (WHERE is_paid(work_kind)), sum(n) FILTER (WHERE work_kind = 'regulier'),
           sum(n) FILTER (WHERE work_kind = 'garantiebaan'), sum(n) FILTER (WHERE work_kind = 'beschut_werk'),
           0, sum(k) FILTER (WHERE is_paid(work_kind)), sum(k) FILTER (WHERE work_kind = 'regulier'),
           sum(k) FILTER (WHERE work_kind = 'garantiebaan'), sum(k) FILTER (WHERE work_kind = 'beschut_werk')
    FROM sel_agg_placed($region, $programme, $doelgroep) WHERE m <= month_ix($on_date::DATE) GROUP BY ALL
    UNION ALL
    SELECT doelgroep, -sum(n), -sum(n) FILTER (WHERE placed AND is_paid(work_kind)),
           -sum(n) FILTER (WHERE placed AND work_kind = 'regulier'), -sum(n) FILTER (WHERE placed AND work_kind = 'garantiebaan'),
           -sum(n) FILTER (WHERE placed AND work_kind = 'beschut_werk'),
           -sum(k), -sum(k) FILTER (WHERE placed AND is_paid(work_kind)),
           -sum(k) FILTER (WHERE placed AND work_kind = 'regulier'), -sum(k) FILTER (WHERE placed AND work_kind = 'garantiebaan'),
           -sum(k) FILTER (WHERE placed AND work_kind = 'beschut_werk')
    FROM sel_agg_ends($region, $programme, $doelgroep) WHERE e2 <= 2 * month_ix($on_date::DATE) GROUP BY ALL
), t AS (
    SELECT doelgroep, coalesce(sum(n_view), 0)::BIGINT AS in_view, coalesce(sum(n_paid), 0)::BIGINT AS paid,
           coalesce(sum(n_reg), 0)::BIGINT AS regulier, coalesce(sum(n_gar), 0)::BIGINT AS garantiebaan,
           coalesce(sum(n_bes), 0)::BIGINT AS beschut_werk,
           sum(k_view) AS k_view, sum(k_paid) AS k_paid, sum(k_reg) AS k_reg, sum(k_gar) AS k_gar, sum(k_bes) AS k_bes
    FROM c GROUP BY doelgroep
)
SELECT doelgroep, in_view, paid, regulier, garantiebaan, beschut_werk,
       paid::DOUBLE / in_view AS share, wilson_lo(paid, in_view) AS lo, wilson_hi(paid, in_view) AS hi,
       ck(k_view) AS in_view__ck, ck(k_paid) AS paid__ck, ck(k_reg) AS regulier__ck, ck(k_gar) AS garantiebaan__ck,
       ck(k_bes) AS beschut_werk__ck
FROM t
WHERE in_view > 0
ORDER BY doelgroep;
