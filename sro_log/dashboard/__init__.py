"""The program dashboard: period presets, filters, tiles, tables, charts and drill-downs."""
