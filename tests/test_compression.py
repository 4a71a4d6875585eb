"""Pages and API answers go out compressed (Brotli or gzip, as the browser asks), decode to the
page itself, and stay plain when the browser asks for nothing or a proxy compresses instead."""

import gzip
import re

import brotli
import pytest

from sro_log import create_app

TOKEN = re.compile(r'(name="csrf_token" (?:type="hidden" )?value=")[^"]+"')


def without_tokens(html: str) -> str:
    """The page with its CSRF token blanked: the token's signature changes every second."""
    return TOKEN.sub(r'\1"', html)


DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_page_is_compressed_and_decodes_to_the_page(client, make_user, login, encoding):
    login(make_user("officer"))
    plain = client.get("/activities/new/classroom", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    packed = client.get("/activities/new/classroom", headers={"Accept-Encoding": encoding})
    assert packed.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert packed.headers["Cache-Control"] == "no-store"
    body = DECODE[encoding](packed.get_data())
    assert without_tokens(body.decode()) == without_tokens(plain.get_data(as_text=True))
    assert len(packed.get_data()) < len(plain.get_data()) / 3


def test_brotli_is_chosen_when_the_browser_takes_both(client, make_user, login):
    login(make_user("officer"))
    page = client.get("/activities/", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert page.headers["Content-Encoding"] == "br"


def test_an_api_answer_is_compressed_too(client, make_user, login):
    login(make_user("supervisor"))
    answer = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(answer.get_data()).startswith(b"{")


def test_behind_a_compressing_proxy_the_app_sends_pages_plain(app, monkeypatch):
    monkeypatch.setenv("SRO_LOG_COMPRESS", "0")
    plain_app = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    with plain_app.test_client() as client:
        page = client.get("/auth/login", headers={"Accept-Encoding": "br, gzip"})
    assert page.status_code == 200 and "Content-Encoding" not in page.headers


def test_a_file_is_left_to_the_static_files_and_not_compressed_as_it_streams(client):
    with client.get("/static/favicon.svg", headers={"Accept-Encoding": "br, gzip"}) as answer:
        assert answer.status_code == 200
        assert "Content-Encoding" not in answer.headers
