"""gunicorn's settings for SRO Log, read from the working directory (gunicorn's default
./gunicorn.conf.py): `gunicorn -w 4 -b 127.0.0.1:8000 wsgi:app` picks them up.

The app (pandas, matplotlib and all) is imported once, in the master, and the workers are
forked from it: a restart answers in the time of one import, not of four at once on two cores.
A forked worker must not use the database connections of its parent, so each one disposes of
the pool it inherited without closing the parent's connections (SQLAlchemy's documented way,
engine.dispose(close=False)); its first query opens its own.
"""

preload_app = True


def post_fork(server, worker):  # noqa: ARG001  # gunicorn's hook signature
    from sro_log.extensions import db
    from wsgi import app

    with app.app_context():
        db.engine.dispose(close=False)
