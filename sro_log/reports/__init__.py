"""The one reporting path: SQL filters and first GROUP BYs, pure pandas summaries, renderers."""
