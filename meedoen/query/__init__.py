"""The query layer, the only way to the data: `db` (DuckDB over one data version, named queries with
bound parameters, stored views), `data` (the pages' entrance: `data.run`, cached, protected per
audience, clamped to a user's regions), `precompute` (the stored views of a version) and `sqllab`
(researchers' own SELECTs in a locked engine of their own)."""
