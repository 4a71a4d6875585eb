"""The WSGI entry point: `gunicorn wsgi:app`, and `flask` finds it through FLASK_APP.

The cyclic garbage collector is off while the app's modules load, and what they built is then
frozen (gc.freeze, as the gc module's documentation advises before a fork) before the collector
comes back on:
- the import creates about 350,000 tracked objects and almost no garbage, yet the collections it
  set off were a fifth of it (0.3 s of 1.5 s), which a restarted server pays before it answers;
- the frozen objects (modules, classes, pandas, matplotlib) are left out of every later
  collection, so a forked worker's full collection no longer walks them (0.09 s each time), and
  the pages holding them stay shared with the master.
The few thousand cyclic objects the import left as garbage stay in memory (about a megabyte):
a collection to free them would cost more than the time saved.
"""

import gc


def _load():
    gc.disable()
    try:
        from sro_log import create_app  # imported with the collector off

        return create_app()
    finally:
        gc.freeze()
        gc.enable()


app = _load()
