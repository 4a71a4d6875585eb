"""Grants and their reporting periods (the supervisor's page), and the grant report."""
