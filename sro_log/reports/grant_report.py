"""The grant report of a period: the dashboard's numbers plus each kind's own breakdowns, as
tables that every renderer shares (DESIGN §5: one path from the database to every number)."""

from dataclasses import dataclass, field

from . import kind_tables, links, report_tables
from .complements import withhold
from .dashboard import Dashboard, build_dashboard
from .disclosure import STATISTIC, Publication, expand, too_few_for_statistics
from .filters import EntryFilter
from .tables import Table


@dataclass
class GrantReport:
    filter: EntryFilter
    cover: dict
    dashboard: Dashboard
    tables: dict[str, Table]
    narrative: str = ""
    charts: dict[str, bytes] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return "submitted" in self.filter.statuses

    @property
    def empty(self) -> bool:
        return self.dashboard.tiles["entries"] == 0

    @property
    def row_count(self) -> int:
        """The table rows the report holds (what an export's audit event counts)."""
        return sum(len(t.frame) for t in self.tables.values())

    @property
    def persons_timed(self) -> int:
        """The incidents the response statistics are taken over."""
        return int(self.dashboard.response["incidents_timed"])

    def publication(self) -> Publication:
        """The report's counts and their ties, as a reader of it knows them."""
        return links.publication(self.tables, self.dashboard.kinds)

    def apply(self, marks: dict, threshold: int) -> "GrantReport":
        """Give every table the publication's marks (by cell key), and withhold the response
        statistics when too few incidents were timed."""
        marks = dict(marks)
        if too_few_for_statistics(self.persons_timed, threshold):
            for table in self.tables.values():
                for m in table.measures:
                    if m.statistic:
                        marks.update(
                            {
                                (table.key, table.row_key(r), m.key): STATISTIC
                                for r in table.records()
                            }
                        )
        for table in self.tables.values():
            table.marks = marks
        return self

    def sections(self) -> dict[str, list[Table]]:
        grouped: dict[str, list[Table]] = {}
        for table in self.tables.values():
            grouped.setdefault(table.section, []).append(table)
        return grouped


def build_report(
    f: EntryFilter, cover: dict, narrative: str = "", partner: bool = False
) -> GrantReport:
    """Every table of the report for `f` (a period must be set), not yet marked; `partner`: a
    district's window, one of several a partner may open (windows.py)."""
    d = build_dashboard(f)
    tables = [
        *report_tables.summary_tables(d),
        report_tables.goal_kind_table(f),
        *report_tables.school_and_month_tables(d, partner),
        *kind_tables.kind_tables(f, d),
        *report_tables.officer_tables(f, d),
    ]
    return GrantReport(f, cover, d, {t.key: t for t in tables}, narrative)


def disclose(report: GrantReport, threshold: int) -> GrantReport:
    """The report as one publication on its own: small counts and what would give them away
    withheld (disclosure.py)."""
    pub = report.publication()
    return report.apply(expand(pub, withhold(pub, threshold)), threshold)
