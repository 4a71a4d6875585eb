"""Static files for a phone on a weak signal: each file under a name that holds its content's
hash, compressed once (gzip and Brotli, by WhiteNoise's command), and served by WhiteNoise with
a far-future immutable cache: a changed file gets a new name, so no cache ever holds a stale one.

`flask build-assets` (run by `make run`, and by a deployment before it starts gunicorn) writes
the files and a manifest into SRO_LOG_ASSETS_DIR; an app that finds the manifest serves them at
/assets/ and links to them by asset_url(). Without one (the tests, a checkout that never built
them) asset_url() gives the plain /static/ URL Flask serves, uncompressed, as before.
"""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from flask import Flask, url_for
from whitenoise import WhiteNoise

MANIFEST = "manifest.json"
PREFIX = "assets/"
# Bootstrap, as Bootstrap-Flask ships it (its blueprint's static folder), under these names.
BOOTSTRAP = {
    "bootstrap/bootstrap.min.css": "css/bootstrap.min.css",
    "bootstrap/popper.min.js": "umd/popper.min.js",
    "bootstrap/bootstrap.min.js": "js/bootstrap.min.js",
}
_HASH_LENGTH = 12


def _sources(app: Flask) -> dict[str, Path]:
    """Every file to build: our static folder's, and Bootstrap's three."""
    ours = Path(app.static_folder or "")
    files = {p.relative_to(ours).as_posix(): p for p in sorted(ours.rglob("*")) if p.is_file()}
    bootstrap = Path(app.blueprints["bootstrap"].static_folder or "")
    files.update({name: bootstrap / source for name, source in BOOTSTRAP.items()})
    return files


def hashed_name(name: str, content: bytes) -> str:
    """css/app.css -> css/app.<first 12 hex digits of its SHA-256>.css"""
    digest = hashlib.sha256(content).hexdigest()[:_HASH_LENGTH]
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def build(app: Flask, target: Path) -> dict[str, str]:
    """Write every file under its hashed name into `target` (emptied first), compress them
    (gzip and Brotli variants beside each, with WhiteNoise's documented command), and write
    the manifest last, so a half-built folder is never taken for a built one."""
    if target.exists():
        shutil.rmtree(target)
    files = target / "files"
    files.mkdir(parents=True)
    manifest = {}
    for name, source in _sources(app).items():
        content = source.read_bytes()
        manifest[name] = hashed_name(name, content)
        out = files / manifest[name]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    subprocess.run([sys.executable, "-m", "whitenoise.compress", "-q", str(files)], check=True)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _read_manifest(target: Path) -> dict[str, str] | None:
    try:
        return json.loads((target / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def init_assets(app: Flask) -> None:
    """Serve the built assets, if there are any, and give templates asset_url()."""
    folder = Path(app.config["SRO_LOG_ASSETS_DIR"]) if app.config["SRO_LOG_ASSETS_DIR"] else None
    manifest = _read_manifest(folder) if folder else None
    app.extensions["sro_log_assets"] = manifest
    if folder and manifest:
        app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]  # WhiteNoise's documented use
            app.wsgi_app,
            root=str(folder / "files"),
            prefix=PREFIX,
            immutable_file_test=lambda path, url: True,  # noqa: ARG005  # every name holds its hash
        )

    def asset_url(name: str) -> str:
        if manifest and name in manifest:
            return f"/{PREFIX}{manifest[name]}"
        if name in BOOTSTRAP:
            return url_for("bootstrap.static", filename=BOOTSTRAP[name])
        return url_for("static", filename=name)

    app.jinja_env.globals["asset_url"] = asset_url
