"""How many examples a hypothesis test draws. The full count on SQLite; on PostgreSQL, where the
same parsing and checks run a second time against the other database, a quarter: the two suites
run side by side on two cores, and CI has a time limit. The database-specific paths (types,
constraints, large integers) are still exercised there by every test."""

import os

ON_POSTGRESQL = bool(os.environ.get("SRO_LOG_TEST_DATABASE_URL"))


def examples(full: int) -> int:
    return max(15, full // 4) if ON_POSTGRESQL else full
