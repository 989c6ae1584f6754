"""Start the dashboard's server with its heavy imports done first, so the first visitor does not wait for them.

`python -m partnerlib.ui.serve [streamlit options]` is `streamlit run dashboard.py [options]`, except that
pandas, plotly, the reader, the store and the figures are imported before the server listens: Streamlit
would otherwise import them in the first session's first run (several seconds on a small machine).
"""

from __future__ import annotations

import sys
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parent.parent.parent / "dashboard.py"


def main(argv: list[str] | None = None) -> None:
    import logging

    # Decorating a cached function before the server exists makes Streamlit warn that it has no runtime yet.
    quiet = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    quiet.setLevel(logging.ERROR)
    from streamlit.web import cli

    import partnerlib.charts
    import partnerlib.deck
    import partnerlib.narrative
    import partnerlib.ui.data  # noqa: F401  (imports the reader, the store, pandas and streamlit)

    quiet.setLevel(logging.NOTSET)
    sys.argv = ["streamlit", "run", str(DASHBOARD), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
