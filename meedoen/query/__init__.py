"""The query layer, the only way to the data: `db` (DuckDB over one data version, named queries with
bound parameters), `aggregates` (the month aggregates of a version and when a query's aggregated form
answers), `data` (the pages' entrance: `data.run`, cached, protected per audience, clamped to a user's
regions) and `sqllab` (researchers' own SELECTs in a locked engine of their own)."""
