"""Start the dashboard's server with its heavy imports done first, so the first visitor does not wait for them.

`python -m partnerlib.serve [streamlit options]` is `streamlit run dashboard.py [options]`, except that
pandas, plotly, the reader, the store and the figures are imported before the server listens: Streamlit
would otherwise import them in the first session's first run (several seconds on a small machine). Then
what the first visit's Overview shows is computed (`ui.warm_up`: the store's data, the default filters, the
figures) before the server listens, so that her first run, even at once, finds it in Streamlit's caches.
"""

from __future__ import annotations

import logging


def main(argv: list[str] | None = None) -> None:
    # Decorating a cached function before the server exists makes Streamlit warn that it has no runtime yet.
    # (Disabled, not given a level: importing Streamlit sets its loggers' levels again.)
    quiet = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    quiet.disabled = True
    import partnerlib.charts
    import partnerlib.deck
    import partnerlib.narrative  # noqa: F401  (these imports are for their time, not their names)
    from partnerlib import sandbox, ui  # the reader, the store, pandas and Streamlit

    quiet.disabled = False
    sandbox.warm_up()  # the reader's worker process, started while nobody waits (about 0.15 s of a first read)
    # The first Overview's data and figures, computed before the server answers anyone (or for at most
    # WARM_UP_BEFORE_S: then it goes on while the server starts).
    ui.start_warm_up().wait(ui.WARM_UP_BEFORE_S)
    ui.serve(argv)


if __name__ == "__main__":
    main()
