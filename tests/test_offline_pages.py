"""What the phone's offline layer is served: the manifest, the service worker from the root, and
on an officer's page only, who is signed in, the pages to keep and the reference stamp."""

import json

import sqlalchemy as sa

from sro_log.catalog import KINDS
from sro_log.models import ReferenceStamp


def test_the_manifest_names_the_app_and_its_icons(client):
    answer = client.get("/manifest.webmanifest")
    assert answer.mimetype == "application/manifest+json"
    manifest = json.loads(answer.get_data())
    assert manifest["name"] == "SRO Log" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        with client.get(icon["src"]) as image:
            assert image.status_code == 200 and image.mimetype == "image/png"


def test_the_service_worker_is_served_from_the_root_for_every_page(client):
    answer = client.get("/sw.js")
    assert answer.mimetype == "text/javascript"
    assert answer.headers["Service-Worker-Allowed"] == "/"
    assert b'addEventListener("fetch"' in answer.get_data()


def test_an_officers_page_tells_the_offline_layer_who_and_what_to_keep(
    client, db, make_user, login
):
    officer = make_user("officer")
    login(officer)
    page = client.get("/activities/").get_data(as_text=True)
    stamp = db.session.scalar(sa.select(ReferenceStamp.stamp))
    assert f'data-officer="{officer.id}"' in page and f'data-reference="{stamp}"' in page
    assert "js/offline.js" in page and 'id="outbox"' in page
    for kind in KINDS:
        assert f"/activities/new/{kind}" in page


def test_other_roles_get_no_offline_layer(client, make_user, login):
    login(make_user("supervisor"))
    page = client.get("/review/").get_data(as_text=True)
    assert "data-officer" not in page and "offline.js" not in page
