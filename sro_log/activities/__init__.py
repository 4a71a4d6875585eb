"""Officers logging their day: forms, services, queries and pages for activities."""
