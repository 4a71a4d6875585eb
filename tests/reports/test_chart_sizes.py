"""Every chart image on a page carries the width and height of the chart it will get, and is
loaded lazily: the page does not move when a chart arrives (issue 20, pages that paint at once)."""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

IMAGE = re.compile(r"<img\b[^>]*\bclass=\"[^\"]*\bchart\b[^>]*>|<img\b[^>]*/chart/[^>]*>")


def attribute(tag: str, name: str) -> str:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    assert found, f"no {name} on {tag}"
    return unescape(found[1])


def drawn_size(svg: bytes) -> tuple[int, int]:
    """The SVG's own size in CSS pixels (matplotlib writes points)."""
    root = ET.fromstring(svg)
    return tuple(
        round(float(root.get(a).removesuffix("pt")) * 96 / 72) for a in ("width", "height")
    )


def check_charts(client, page_url: str, expected: int) -> None:
    page = client.get(page_url)
    assert page.status_code == 200
    images = IMAGE.findall(page.get_data(as_text=True))
    assert len(images) == expected
    for tag in images:
        svg = client.get(attribute(tag, "src"))
        assert svg.mimetype == "image/svg+xml"
        size = (int(attribute(tag, "width")), int(attribute(tag, "height")))
        assert size == drawn_size(svg.get_data()), tag
        assert attribute(tag, "loading") == "lazy"


@pytest.mark.parametrize(
    "period",
    [
        "custom&date_from=2026-01-26&date_to=2026-04-10",
        "custom&date_from=2019-01-01&date_to=2019-01-31",
    ],
    ids=["with entries", "with none"],
)
def test_dashboard_charts_have_the_size_they_are_drawn_at(client, county, make_user, login, period):
    login(make_user("supervisor"))
    check_charts(client, f"/dashboard/?period={period}", 3)


def test_grant_report_charts_have_the_size_they_are_drawn_at(
    client, county, make_user, login, make_grant
):
    login(make_user("supervisor"))
    grant = make_grant()
    check_charts(client, f"/grants/periods/{grant.periods[0].id}/report", 2)
