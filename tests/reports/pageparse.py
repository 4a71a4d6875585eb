"""Read the numbers a person sees on a dashboard page: tiles, tables and their links."""

from html.parser import HTMLParser


class DashboardPage(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tiles: dict[str, str] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self.links: list[tuple[str, str]] = []  # (text, href) of every count that links
        self._tile = None
        self._table = None
        self._cell = None
        self._link = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-tile" in attrs:
            self._tile, self._depth = attrs["data-tile"], 0
            self.tiles[self._tile] = ""
        elif self._tile:
            self._depth += 1
        if "data-table" in attrs:
            self._table = attrs["data-table"]
            self.tables[self._table] = []
        if self._table and tag == "tr":
            self.tables[self._table].append([])
        if self._table and tag in ("td", "th"):
            self._cell = ""
        if tag == "a" and (self._table or self._tile):
            self._link = [attrs.get("href"), ""]

    def handle_endtag(self, tag):
        if self._tile:
            if self._depth == 0:
                self._tile = None
            else:
                self._depth -= 1
        if self._table and tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append(" ".join(self._cell.split()))
            self._cell = None
        if tag == "table":
            self._table = None
        if tag == "a" and self._link:
            self.links.append((self._link[1].strip(), self._link[0]))
            self._link = None

    def handle_data(self, data):
        if self._tile:
            self.tiles[self._tile] += data
        if self._cell is not None:
            self._cell += data
        if self._link:
            self._link[1] += data

    def rows(self, table: str) -> list[list[str]]:
        """Body rows (the header row dropped)."""
        return self.tables[table][1:]


def number(text: str) -> float | None:
    text = text.replace(",", "").replace("min", "").replace("%", "").strip()
    text = text.split()[0] if text else text
    return None if text in ("", "—") else float(text)
