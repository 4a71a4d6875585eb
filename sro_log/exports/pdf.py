"""The report as PDF: WeasyPrint lays out the same HTML as the page, with the print stylesheet,
charts inlined as data: URLs, and a URL fetcher that allows data: only, so rendering can never
reach the network or the file system.

WeasyPrint is imported when a PDF is first made, not with the app: it is half a second of every
server start (gunicorn.conf.py), and most workers never make a PDF."""

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app, render_template

from ..reports.grant_report import GrantReport
from .definitions import DEFINITIONS, suppression_rule

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher


def _data_url(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def report_html(report: GrantReport, threshold: int) -> str:
    """The report as a standalone HTML document, small counts withheld, charts inlined."""
    return render_template(
        "grants/report_document.html",
        report=report,
        exact=False,
        threshold=threshold,
        chart_src=lambda name: _data_url(report.charts[name]),
        suppression_rule=suppression_rule(threshold),
        definitions=DEFINITIONS,
    )


def data_only_fetcher() -> "URLFetcher":
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def report_pdf(report: GrantReport, threshold: int) -> bytes:
    from weasyprint import CSS, HTML

    fetcher = data_only_fetcher()
    static = current_app.static_folder
    assert static is not None, "create_app names the static folder"
    css = Path(static, "css", "report-print.css").read_text()
    document = HTML(string=report_html(report, threshold), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
