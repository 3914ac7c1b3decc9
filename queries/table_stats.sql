-- table_stats: per table and column of the export contract, the rows of the table, the filled values of the column and, for date columns, the first and last date.
-- returns: table_name, column_name, person_level (the table has a person key), n_rows, filled (rows and non-NULL values of a table without person key; else NULL), person_rows, person_filled (the same for a table with a person key: counts with cell keys), min_date, max_date (date columns only, else NULL); in contract order
-- params: none
-- protect: counts=person_rows,person_filled
-- aggregates: none (counts every column of every table once, for the data dictionary)
-- Generated from meedoen/contract.py: python -m meedoen.ui.research --table-stats > queries/table_stats.sql (a test checks it is current).
-- Each table is scanned once, in a one-row CTE holding every aggregate; the SELECTs below only unfold it.
-- Placements are read from placements_m, which holds each person's record key (rk); pilots and proeftuinen
-- compute it with the record_key macro.
WITH
s_placements AS MATERIALIZED (
    SELECT count(*) AS n_rows,
           ck(sum(rk)) AS k_rows,
           count("trajectory_id") AS f0,
           ck(sum(rk) FILTER (WHERE "trajectory_id" IS NOT NULL)) AS k0,
           count("person_key") AS f1,
           ck(sum(rk) FILTER (WHERE "person_key" IS NOT NULL)) AS k1,
           count("gemeente_code") AS f2,
           ck(sum(rk) FILTER (WHERE "gemeente_code" IS NOT NULL)) AS k2,
           count("organisation") AS f3,
           ck(sum(rk) FILTER (WHERE "organisation" IS NOT NULL)) AS k3,
           count("programme") AS f4,
           ck(sum(rk) FILTER (WHERE "programme" IS NOT NULL)) AS k4,
           count("doelgroep") AS f5,
           ck(sum(rk) FILTER (WHERE "doelgroep" IS NOT NULL)) AS k5,
           count("intake_date") AS f6,
           ck(sum(rk) FILTER (WHERE "intake_date" IS NOT NULL)) AS k6,
           min("intake_date") AS lo6,
           max("intake_date") AS hi6,
           count("placement_date") AS f7,
           ck(sum(rk) FILTER (WHERE "placement_date" IS NOT NULL)) AS k7,
           min("placement_date") AS lo7,
           max("placement_date") AS hi7,
           count("work_kind") AS f8,
           ck(sum(rk) FILTER (WHERE "work_kind" IS NOT NULL)) AS k8,
           count("employer_key") AS f9,
           ck(sum(rk) FILTER (WHERE "employer_key" IS NOT NULL)) AS k9,
           count("hours_per_week") AS f10,
           ck(sum(rk) FILTER (WHERE "hours_per_week" IS NOT NULL)) AS k10,
           count("loonkostensubsidie") AS f11,
           ck(sum(rk) FILTER (WHERE "loonkostensubsidie" IS NOT NULL)) AS k11,
           count("no_riskpolis") AS f12,
           ck(sum(rk) FILTER (WHERE "no_riskpolis" IS NOT NULL)) AS k12,
           count("end_date") AS f13,
           ck(sum(rk) FILTER (WHERE "end_date" IS NOT NULL)) AS k13,
           min("end_date") AS lo13,
           max("end_date") AS hi13,
           count("outcome") AS f14,
           ck(sum(rk) FILTER (WHERE "outcome" IS NOT NULL)) AS k14
    FROM placements_m
),
s_pilots AS MATERIALIZED (
    SELECT count(*) AS n_rows,
           ck(sum(rk)) AS k_rows,
           count("pilot") AS f0,
           ck(sum(rk) FILTER (WHERE "pilot" IS NOT NULL)) AS k0,
           count("gemeente_code") AS f1,
           ck(sum(rk) FILTER (WHERE "gemeente_code" IS NOT NULL)) AS k1,
           count("person_key") AS f2,
           ck(sum(rk) FILTER (WHERE "person_key" IS NOT NULL)) AS k2,
           count("start_date") AS f3,
           ck(sum(rk) FILTER (WHERE "start_date" IS NOT NULL)) AS k3,
           min("start_date") AS lo3,
           max("start_date") AS hi3,
           count("end_date") AS f4,
           ck(sum(rk) FILTER (WHERE "end_date" IS NOT NULL)) AS k4,
           min("end_date") AS lo4,
           max("end_date") AS hi4,
           count("activity") AS f5,
           ck(sum(rk) FILTER (WHERE "activity" IS NOT NULL)) AS k5,
           count("outcome") AS f6,
           ck(sum(rk) FILTER (WHERE "outcome" IS NOT NULL)) AS k6
    FROM (SELECT *, record_key(person_key) AS rk FROM pilots)
),
s_proeftuinen AS MATERIALIZED (
    SELECT count(*) AS n_rows,
           ck(sum(rk)) AS k_rows,
           count("proeftuin") AS f0,
           ck(sum(rk) FILTER (WHERE "proeftuin" IS NOT NULL)) AS k0,
           count("partner") AS f1,
           ck(sum(rk) FILTER (WHERE "partner" IS NOT NULL)) AS k1,
           count("gemeente_code") AS f2,
           ck(sum(rk) FILTER (WHERE "gemeente_code" IS NOT NULL)) AS k2,
           count("person_key") AS f3,
           ck(sum(rk) FILTER (WHERE "person_key" IS NOT NULL)) AS k3,
           count("intake_date") AS f4,
           ck(sum(rk) FILTER (WHERE "intake_date" IS NOT NULL)) AS k4,
           min("intake_date") AS lo4,
           max("intake_date") AS hi4,
           count("route") AS f5,
           ck(sum(rk) FILTER (WHERE "route" IS NOT NULL)) AS k5,
           count("outcome") AS f6,
           ck(sum(rk) FILTER (WHERE "outcome" IS NOT NULL)) AS k6,
           count("outcome_date") AS f7,
           ck(sum(rk) FILTER (WHERE "outcome_date" IS NOT NULL)) AS k7,
           min("outcome_date") AS lo7,
           max("outcome_date") AS hi7
    FROM (SELECT *, record_key(person_key) AS rk FROM proeftuinen)
),
s_targets AS MATERIALIZED (
    SELECT count(*) AS n_rows,
           count("gemeente_code") AS f0,
           count("year") AS f1,
           count("measure") AS f2,
           count("target") AS f3,
           count("source") AS f4
    FROM targets
),
s_regions AS MATERIALIZED (
    SELECT count(*) AS n_rows,
           count("gemeente_code") AS f0,
           count("gemeente_name") AS f1,
           count("arbeidsmarktregio_code") AS f2,
           count("arbeidsmarktregio_name") AS f3,
           count("provincie_code") AS f4,
           count("provincie_name") AS f5,
           count("inwoners") AS f6,
           count("stedelijkheid") AS f7,
           count("bijstand_per_1000") AS f8
    FROM regions
),
s_employers AS MATERIALIZED (
    SELECT count(*) AS n_rows,
           count("employer_key") AS f0,
           count("name") AS f1,
           count("name_public") AS f2,
           count("network") AS f3,
           count("join_date") AS f4,
           min("join_date") AS lo4,
           max("join_date") AS hi4,
           count("sector") AS f5,
           count("size_class") AS f6,
           count("staff_count") AS f7,
           count("gemeente_code") AS f8
    FROM employers
)
SELECT table_name, column_name, person_level, n_rows, filled, person_rows, person_filled, person_rows__ck, person_filled__ck, min_date, max_date FROM (
SELECT 1 AS pos, 'placements' AS table_name, 'trajectory_id' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f0 AS person_filled, k_rows AS person_rows__ck, k0 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 2 AS pos, 'placements' AS table_name, 'person_key' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f1 AS person_filled, k_rows AS person_rows__ck, k1 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 3 AS pos, 'placements' AS table_name, 'gemeente_code' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f2 AS person_filled, k_rows AS person_rows__ck, k2 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 4 AS pos, 'placements' AS table_name, 'organisation' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f3 AS person_filled, k_rows AS person_rows__ck, k3 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 5 AS pos, 'placements' AS table_name, 'programme' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f4 AS person_filled, k_rows AS person_rows__ck, k4 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 6 AS pos, 'placements' AS table_name, 'doelgroep' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f5 AS person_filled, k_rows AS person_rows__ck, k5 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 7 AS pos, 'placements' AS table_name, 'intake_date' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f6 AS person_filled, k_rows AS person_rows__ck, k6 AS person_filled__ck, lo6 AS min_date, hi6 AS max_date FROM s_placements
UNION ALL
SELECT 8 AS pos, 'placements' AS table_name, 'placement_date' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f7 AS person_filled, k_rows AS person_rows__ck, k7 AS person_filled__ck, lo7 AS min_date, hi7 AS max_date FROM s_placements
UNION ALL
SELECT 9 AS pos, 'placements' AS table_name, 'work_kind' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f8 AS person_filled, k_rows AS person_rows__ck, k8 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 10 AS pos, 'placements' AS table_name, 'employer_key' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f9 AS person_filled, k_rows AS person_rows__ck, k9 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 11 AS pos, 'placements' AS table_name, 'hours_per_week' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f10 AS person_filled, k_rows AS person_rows__ck, k10 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 12 AS pos, 'placements' AS table_name, 'loonkostensubsidie' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f11 AS person_filled, k_rows AS person_rows__ck, k11 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 13 AS pos, 'placements' AS table_name, 'no_riskpolis' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f12 AS person_filled, k_rows AS person_rows__ck, k12 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 14 AS pos, 'placements' AS table_name, 'end_date' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f13 AS person_filled, k_rows AS person_rows__ck, k13 AS person_filled__ck, lo13 AS min_date, hi13 AS max_date FROM s_placements
UNION ALL
SELECT 15 AS pos, 'placements' AS table_name, 'outcome' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f14 AS person_filled, k_rows AS person_rows__ck, k14 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_placements
UNION ALL
SELECT 16 AS pos, 'pilots' AS table_name, 'pilot' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f0 AS person_filled, k_rows AS person_rows__ck, k0 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_pilots
UNION ALL
SELECT 17 AS pos, 'pilots' AS table_name, 'gemeente_code' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f1 AS person_filled, k_rows AS person_rows__ck, k1 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_pilots
UNION ALL
SELECT 18 AS pos, 'pilots' AS table_name, 'person_key' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f2 AS person_filled, k_rows AS person_rows__ck, k2 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_pilots
UNION ALL
SELECT 19 AS pos, 'pilots' AS table_name, 'start_date' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f3 AS person_filled, k_rows AS person_rows__ck, k3 AS person_filled__ck, lo3 AS min_date, hi3 AS max_date FROM s_pilots
UNION ALL
SELECT 20 AS pos, 'pilots' AS table_name, 'end_date' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f4 AS person_filled, k_rows AS person_rows__ck, k4 AS person_filled__ck, lo4 AS min_date, hi4 AS max_date FROM s_pilots
UNION ALL
SELECT 21 AS pos, 'pilots' AS table_name, 'activity' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f5 AS person_filled, k_rows AS person_rows__ck, k5 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_pilots
UNION ALL
SELECT 22 AS pos, 'pilots' AS table_name, 'outcome' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f6 AS person_filled, k_rows AS person_rows__ck, k6 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_pilots
UNION ALL
SELECT 23 AS pos, 'proeftuinen' AS table_name, 'proeftuin' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f0 AS person_filled, k_rows AS person_rows__ck, k0 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_proeftuinen
UNION ALL
SELECT 24 AS pos, 'proeftuinen' AS table_name, 'partner' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f1 AS person_filled, k_rows AS person_rows__ck, k1 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_proeftuinen
UNION ALL
SELECT 25 AS pos, 'proeftuinen' AS table_name, 'gemeente_code' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f2 AS person_filled, k_rows AS person_rows__ck, k2 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_proeftuinen
UNION ALL
SELECT 26 AS pos, 'proeftuinen' AS table_name, 'person_key' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f3 AS person_filled, k_rows AS person_rows__ck, k3 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_proeftuinen
UNION ALL
SELECT 27 AS pos, 'proeftuinen' AS table_name, 'intake_date' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f4 AS person_filled, k_rows AS person_rows__ck, k4 AS person_filled__ck, lo4 AS min_date, hi4 AS max_date FROM s_proeftuinen
UNION ALL
SELECT 28 AS pos, 'proeftuinen' AS table_name, 'route' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f5 AS person_filled, k_rows AS person_rows__ck, k5 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_proeftuinen
UNION ALL
SELECT 29 AS pos, 'proeftuinen' AS table_name, 'outcome' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f6 AS person_filled, k_rows AS person_rows__ck, k6 AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_proeftuinen
UNION ALL
SELECT 30 AS pos, 'proeftuinen' AS table_name, 'outcome_date' AS column_name, true AS person_level, NULL::BIGINT AS n_rows, NULL::BIGINT AS filled, n_rows AS person_rows, f7 AS person_filled, k_rows AS person_rows__ck, k7 AS person_filled__ck, lo7 AS min_date, hi7 AS max_date FROM s_proeftuinen
UNION ALL
SELECT 31 AS pos, 'targets' AS table_name, 'gemeente_code' AS column_name, false AS person_level, n_rows, f0 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_targets
UNION ALL
SELECT 32 AS pos, 'targets' AS table_name, 'year' AS column_name, false AS person_level, n_rows, f1 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_targets
UNION ALL
SELECT 33 AS pos, 'targets' AS table_name, 'measure' AS column_name, false AS person_level, n_rows, f2 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_targets
UNION ALL
SELECT 34 AS pos, 'targets' AS table_name, 'target' AS column_name, false AS person_level, n_rows, f3 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_targets
UNION ALL
SELECT 35 AS pos, 'targets' AS table_name, 'source' AS column_name, false AS person_level, n_rows, f4 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_targets
UNION ALL
SELECT 36 AS pos, 'regions' AS table_name, 'gemeente_code' AS column_name, false AS person_level, n_rows, f0 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 37 AS pos, 'regions' AS table_name, 'gemeente_name' AS column_name, false AS person_level, n_rows, f1 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 38 AS pos, 'regions' AS table_name, 'arbeidsmarktregio_code' AS column_name, false AS person_level, n_rows, f2 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 39 AS pos, 'regions' AS table_name, 'arbeidsmarktregio_name' AS column_name, false AS person_level, n_rows, f3 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 40 AS pos, 'regions' AS table_name, 'provincie_code' AS column_name, false AS person_level, n_rows, f4 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 41 AS pos, 'regions' AS table_name, 'provincie_name' AS column_name, false AS person_level, n_rows, f5 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 42 AS pos, 'regions' AS table_name, 'inwoners' AS column_name, false AS person_level, n_rows, f6 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 43 AS pos, 'regions' AS table_name, 'stedelijkheid' AS column_name, false AS person_level, n_rows, f7 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 44 AS pos, 'regions' AS table_name, 'bijstand_per_1000' AS column_name, false AS person_level, n_rows, f8 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_regions
UNION ALL
SELECT 45 AS pos, 'employers' AS table_name, 'employer_key' AS column_name, false AS person_level, n_rows, f0 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
UNION ALL
SELECT 46 AS pos, 'employers' AS table_name, 'name' AS column_name, false AS person_level, n_rows, f1 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
UNION ALL
SELECT 47 AS pos, 'employers' AS table_name, 'name_public' AS column_name, false AS person_level, n_rows, f2 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
UNION ALL
SELECT 48 AS pos, 'employers' AS table_name, 'network' AS column_name, false AS person_level, n_rows, f3 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
UNION ALL
SELECT 49 AS pos, 'employers' AS table_name, 'join_date' AS column_name, false AS person_level, n_rows, f4 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, lo4 AS min_date, hi4 AS max_date FROM s_employers
UNION ALL
SELECT 50 AS pos, 'employers' AS table_name, 'sector' AS column_name, false AS person_level, n_rows, f5 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
UNION ALL
SELECT 51 AS pos, 'employers' AS table_name, 'size_class' AS column_name, false AS person_level, n_rows, f6 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
UNION ALL
SELECT 52 AS pos, 'employers' AS table_name, 'staff_count' AS column_name, false AS person_level, n_rows, f7 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
UNION ALL
SELECT 53 AS pos, 'employers' AS table_name, 'gemeente_code' AS column_name, false AS person_level, n_rows, f8 AS filled, NULL::BIGINT AS person_rows, NULL::BIGINT AS person_filled, NULL::UBIGINT AS person_rows__ck, NULL::UBIGINT AS person_filled__ck, NULL::DATE AS min_date, NULL::DATE AS max_date FROM s_employers
)
ORDER BY pos;
