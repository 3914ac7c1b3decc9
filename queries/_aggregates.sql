-- Macros of the aggregated query forms (queries/aggregated/*.sql), loaded after _definitions.sql when the
-- version's placements cache holds the month aggregates (meedoen/query/aggregates.py).
-- agg_placed, agg_starts, agg_stops, agg_ends count the regular rows (one trajectory, dates in order) per month,
-- n with k = the sum of their record keys; placements_x holds every other row, which takes the same per-person
-- path as in _definitions.sql.

-- The month number of a date (year × 12 + month - 1), as the aggregates' column m.
CREATE OR REPLACE MACRO month_ix(d) AS year(d) * 12 + month(d) - 1;

-- sel_placements over the rows the aggregates leave out.
CREATE OR REPLACE MACRO sel_x(p_region, p_programme, p_doelgroep) AS TABLE
    SELECT p.*, r.gemeente_name, r.arbeidsmarktregio_code, r.arbeidsmarktregio_name,
           r.provincie_code, r.provincie_name
    FROM placements_x p JOIN regions r USING (gemeente_code)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND (p_programme IS NULL OR p.programme = p_programme)
      AND (p_doelgroep IS NULL OR p.doelgroep = p_doelgroep);

-- The aggregates in the selection, with the region columns attached.
CREATE OR REPLACE MACRO sel_agg_placed(p_region, p_programme, p_doelgroep) AS TABLE
    SELECT a.*, r.gemeente_name, r.arbeidsmarktregio_code, r.arbeidsmarktregio_name, r.provincie_code, r.provincie_name
    FROM agg_placed a JOIN regions r USING (gemeente_code)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND (p_programme IS NULL OR a.programme = p_programme)
      AND (p_doelgroep IS NULL OR a.doelgroep = p_doelgroep);
CREATE OR REPLACE MACRO sel_agg_starts(p_region, p_programme, p_doelgroep) AS TABLE
    SELECT a.*, r.arbeidsmarktregio_code, r.provincie_code
    FROM agg_starts a JOIN regions r USING (gemeente_code)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND (p_programme IS NULL OR a.programme = p_programme)
      AND (p_doelgroep IS NULL OR a.doelgroep = p_doelgroep);
CREATE OR REPLACE MACRO sel_agg_stops(p_region, p_programme, p_doelgroep) AS TABLE
    SELECT a.*, r.arbeidsmarktregio_code, r.provincie_code
    FROM agg_stops a JOIN regions r USING (gemeente_code)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND (p_programme IS NULL OR a.programme = p_programme)
      AND (p_doelgroep IS NULL OR a.doelgroep = p_doelgroep);
CREATE OR REPLACE MACRO sel_agg_ends(p_region, p_programme, p_doelgroep) AS TABLE
    SELECT a.*
    FROM agg_ends a JOIN regions r USING (gemeente_code)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND (p_programme IS NULL OR a.programme = p_programme)
      AND (p_doelgroep IS NULL OR a.doelgroep = p_doelgroep);

-- person_period as counts per gemeente, for a period [s, e] of whole months: n_placed (placed and looking),
-- n_looking, and their key sums k_placed, k_looking. Regular rows: looking = intake by the end month minus
-- stopped before the start month; placed and looking = placed in [s, e] (their intake lies before and their
-- end after the placement). Other rows: person_period's own path.
CREATE OR REPLACE MACRO person_period_n(p_region, p_programme, p_doelgroep, s, e) AS TABLE
    WITH x AS (
        SELECT person_key, rk, gemeente_code, arbeidsmarktregio_code, provincie_code,
               intake_date <= e AND (end_date IS NULL OR end_date >= s)
                   AND (placement_date IS NULL OR placement_date >= s) AS looking,
               placement_date BETWEEN s AND e AS placed
        FROM sel_x(p_region, p_programme, p_doelgroep)
        WHERE intake_date <= e AND NOT multi
        UNION ALL
        SELECT person_key, any_value(rk) AS rk, gemeente_code, arbeidsmarktregio_code, provincie_code,
               bool_or(intake_date <= e AND (end_date IS NULL OR end_date >= s)
                       AND (placement_date IS NULL OR placement_date >= s)) AS looking,
               bool_or(placement_date BETWEEN s AND e) AS placed
        FROM sel_x(p_region, p_programme, p_doelgroep)
        WHERE intake_date <= e AND multi
        GROUP BY ALL
    )
    SELECT gemeente_code, arbeidsmarktregio_code, provincie_code,
           sum(n_placed)::BIGINT AS n_placed, sum(n_looking)::BIGINT AS n_looking,
           sum(k_placed) AS k_placed, sum(k_looking) AS k_looking
    FROM (
        SELECT gemeente_code, arbeidsmarktregio_code, provincie_code,
               count(*) FILTER (WHERE placed AND looking) AS n_placed, count(*) FILTER (WHERE looking) AS n_looking,
               coalesce(sum(rk) FILTER (WHERE placed AND looking), 0) AS k_placed,
               coalesce(sum(rk) FILTER (WHERE looking), 0) AS k_looking
        FROM x GROUP BY ALL
        UNION ALL
        SELECT gemeente_code, arbeidsmarktregio_code, provincie_code, 0, sum(n), 0, sum(k)
        FROM sel_agg_starts(p_region, p_programme, p_doelgroep) WHERE m <= month_ix(e) GROUP BY ALL
        UNION ALL
        SELECT gemeente_code, arbeidsmarktregio_code, provincie_code, 0, -sum(n), 0, -sum(k)
        FROM sel_agg_stops(p_region, p_programme, p_doelgroep) WHERE m < month_ix(s) GROUP BY ALL
        UNION ALL
        SELECT gemeente_code, arbeidsmarktregio_code, provincie_code, sum(n), 0, sum(k), 0
        FROM sel_agg_placed(p_region, p_programme, p_doelgroep) WHERE m BETWEEN month_ix(s) AND month_ix(e) GROUP BY ALL
    )
    GROUP BY ALL;

-- first_work over the rows the aggregates leave out.
CREATE OR REPLACE MACRO first_work_x(p_region, p_programme, p_doelgroep, s, e) AS TABLE
    WITH per AS (
        SELECT doelgroep, person_key, rk, intake_date AS first_intake, placement_date AS first_placement
        FROM sel_x(p_region, p_programme, p_doelgroep)
        WHERE NOT multi
        UNION ALL
        SELECT doelgroep, person_key, any_value(rk), min(intake_date) AS first_intake, min(placement_date) AS first_placement
        FROM sel_x(p_region, p_programme, p_doelgroep)
        WHERE multi
        GROUP BY ALL
    )
    SELECT doelgroep, person_key, rk, date_diff('day', first_intake, first_placement) AS days
    FROM per
    WHERE first_placement BETWEEN s AND e;

-- realised_in for a period [s, e] of whole months: the regular rows' counts per gemeente, year and kind, plus
-- realised_in's own path over the other rows.
CREATE OR REPLACE MACRO realised_in_n(p_region, p_programme, p_doelgroep, s, e) AS TABLE
    WITH p AS (
        SELECT gemeente_code, year(placement_date) AS year, person_key, rk, work_kind, multi
        FROM sel_x(p_region, p_programme, p_doelgroep)
        WHERE placement_date BETWEEN s AND e
    ), a AS (
        SELECT gemeente_code, m // 12 AS year, work_kind, sum(n) AS n, sum(k) AS k
        FROM sel_agg_placed(p_region, p_programme, p_doelgroep)
        WHERE m BETWEEN month_ix(s) AND month_ix(e)
        GROUP BY ALL
    ), persons AS (
        SELECT gemeente_code, year, work_kind, sum(n)::BIGINT AS n, sum(k) AS k FROM (
            SELECT gemeente_code, year, work_kind, count(*) AS n, sum(rk) AS k FROM p WHERE NOT multi GROUP BY ALL
            UNION ALL
            SELECT gemeente_code, year, work_kind, count(DISTINCT person_key), sum(DISTINCT rk) FROM p WHERE multi GROUP BY ALL
            UNION ALL
            SELECT gemeente_code, year, work_kind, n, k FROM a
        ) GROUP BY ALL
    )
    SELECT gemeente_code, year, 'plaatsingen' AS measure, realised, realised_k FROM (
        SELECT gemeente_code, year, sum(n)::BIGINT AS realised, sum(k) AS realised_k FROM (
            SELECT gemeente_code, year, count(*) AS n, sum(rk) AS k FROM p WHERE is_regular(work_kind) AND NOT multi GROUP BY ALL
            UNION ALL
            SELECT gemeente_code, year, count(DISTINCT person_key), sum(DISTINCT rk) FROM p WHERE is_regular(work_kind) AND multi GROUP BY ALL
            UNION ALL
            SELECT gemeente_code, year, n, k FROM a WHERE is_regular(work_kind)
        ) GROUP BY ALL)
    UNION ALL
    SELECT gemeente_code, year, 'werkleertrajecten', sum(n)::BIGINT, sum(k) FROM (
        SELECT gemeente_code, year, count(*) AS n, sum(rk) AS k FROM p WHERE work_kind = 'werkleertraject' GROUP BY ALL
        UNION ALL
        SELECT gemeente_code, year, n, k FROM a WHERE work_kind = 'werkleertraject'
    ) GROUP BY ALL
    UNION ALL
    SELECT gemeente_code, year, 'beschut_werk', n, k FROM persons WHERE work_kind = 'beschut_werk';
CREATE OR REPLACE MACRO realised_n(p_region, s, e) AS TABLE SELECT * FROM realised_in_n(p_region, NULL, NULL, s, e);

-- targets_vs_realised with realised_n.
CREATE OR REPLACE MACRO targets_vs_realised_n(p_region, s, e) AS TABLE
    SELECT t.gemeente_code, r.gemeente_name, t.year, t.measure, t.target,
           coalesce(x.realised, 0) AS realised, coalesce(x.realised_k, 0) AS realised_k
    FROM targets t
    JOIN regions r USING (gemeente_code)
    LEFT JOIN realised_n(p_region, s, e) x USING (gemeente_code, year, measure)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND t.year BETWEEN year(s) AND year(e);
