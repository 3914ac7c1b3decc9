"""Chart builders: `theme` (the Plotly template and shared helpers), `geo` (boundaries and the map),
and one module per page. Builders take a query result's DataFrame and labels and return a figure;
they never query."""
