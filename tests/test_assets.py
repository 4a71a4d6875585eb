"""Static files built once (hashed names, gzip and Brotli) and served with a far-future immutable
cache; a changed file gets a new name; without a build, the plain /static/ files as before."""

import gzip
import re
import shutil
from pathlib import Path

import brotli
import pytest

from sro_log import create_app
from sro_log.assets import BOOTSTRAP, build


@pytest.fixture
def built(app, tmp_path):
    """An app serving assets built into a temporary folder, and that folder."""
    build(app, tmp_path / "assets")
    served = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        SRO_LOG_ASSETS_DIR=str(tmp_path / "assets"),
    )
    return served, tmp_path / "assets"


def fetch(client, url: str, **kwargs):
    """A response read whole and closed (a file's response holds the file open until then)."""
    answer = client.get(url, **kwargs)
    answer.get_data()
    answer.close()
    return answer


def linked(page: str) -> dict[str, str]:
    """The stylesheet and script URLs a page links, by their plain name."""
    urls = re.findall(r'(?:href|src)="(/assets/[^"]+)"', page)
    return {re.sub(r"\.[0-9a-f]{12}\.", ".", url.split("/")[-1]): url for url in urls}


def test_pages_link_hashed_names_served_compressed_with_an_immutable_cache(built):
    app, _ = built
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    urls = linked(page)
    assert {"bootstrap.min.css", "app.css", "bootstrap.min.js", "char-count.js"} <= set(urls)
    assert "/static/" not in page and "/bootstrap/static/" not in page

    css = urls["bootstrap.min.css"]
    plain = fetch(client, css)
    as_br = fetch(client, css, headers={"Accept-Encoding": "gzip, deflate, br"})
    as_gzip = fetch(client, css, headers={"Accept-Encoding": "gzip"})

    assert plain.status_code == as_br.status_code == as_gzip.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert as_br.headers["Content-Encoding"] == "br"
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert brotli.decompress(as_br.data) == plain.data == gzip.decompress(as_gzip.data)
    assert len(as_br.data) < len(plain.data) / 5  # Bootstrap's 228 KB go out as about 24 KB
    for answer in (plain, as_br, as_gzip):
        cache = answer.headers["Cache-Control"]
        assert "immutable" in cache and "public" in cache
        assert int(re.search(r"max-age=(\d+)", cache)[1]) >= 365 * 24 * 3600
        assert "Accept-Encoding" in answer.headers["Vary"]
        assert answer.headers["Content-Type"].startswith("text/css")


def test_a_changed_file_gets_a_new_name_and_the_others_keep_theirs(app, tmp_path):
    static = tmp_path / "static"
    shutil.copytree(app.static_folder, static)
    app.static_folder = str(static)  # Flask's own attribute: where the files are read from
    before = build(app, tmp_path / "one")
    (static / "css" / "app.css").write_text("body { color: #111; }\n" * 200)
    after = build(app, tmp_path / "two")

    assert before["css/app.css"] != after["css/app.css"]
    assert re.fullmatch(r"css/app\.[0-9a-f]{12}\.css", after["css/app.css"])
    same = {name for name in before if name != "css/app.css"}
    assert {name: before[name] for name in same} == {name: after[name] for name in same}
    assert (tmp_path / "two" / "files" / after["css/app.css"]).read_text().startswith("body")
    assert (tmp_path / "two" / "files" / (after["css/app.css"] + ".br")).exists()


def test_without_a_build_the_plain_static_files_are_linked_and_served(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assert '/static/css/app.css"' in page and "/bootstrap/static/css/bootstrap.min.css" in page
    assert fetch(client, "/static/css/app.css").status_code == 200


def test_an_unknown_or_climbing_asset_path_is_a_404(built):
    app, _ = built
    client = app.test_client()
    for path in ("/assets/css/app.css", "/assets/../manifest.json", "/assets/%2e%2e/manifest.json"):
        assert fetch(client, path).status_code == 404, path


def test_the_build_command_says_what_it_built(app, tmp_path):
    app.config["SRO_LOG_ASSETS_DIR"] = str(tmp_path / "cli")
    result = app.test_cli_runner().invoke(args=["build-assets"])
    ours = [f for f in Path(app.static_folder).rglob("*") if f.is_file()]
    assert result.exit_code == 0
    assert f"Built {len(ours) + len(BOOTSTRAP)} static files" in result.output
    assert (tmp_path / "cli" / "manifest.json").exists()
