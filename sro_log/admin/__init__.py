"""Administration (admin role): the audit trail, users, and the program's reference data."""
