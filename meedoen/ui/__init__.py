"""Streamlit building blocks shared by the pages, in layers:

choices (a page's own choices in the link) → context (version, filters, status line) → login → tiles
(protected numbers) → chart (chart frame, downloads, query and data) → presentation (presentation mode,
share link, deck) → frame (what runs around a page: start, `page()`, `stop()`, toolbar). The page logic
of the research and admin pages lives in `research` and `admin`; `present` makes figures, images and
decks (no Streamlit).
"""

from .chart import chart, collect, downloads, empty_state, failed, plot, query_and_data, summary
from .choices import choice, later
from .context import Context, ctx, goto_region, init_language, setup, status_line
from .frame import PageStopped, begin_page, end_page, page, run_page, stop, styles, widgets
from .login import login_gate
from .presentation import init_presentation, set_presenting
from .tiles import change, count, display_frame, k, mark_hidden, metric, protection_note, ranked, share

__all__ = ["Context", "PageStopped", "begin_page", "change", "chart", "choice", "collect", "count", "ctx",
           "display_frame", "downloads", "empty_state", "end_page", "failed", "goto_region", "init_language",
           "init_presentation", "k", "later", "login_gate", "mark_hidden", "metric", "page", "plot",
           "protection_note", "query_and_data", "ranked", "run_page", "set_presenting", "setup", "share",
           "status_line", "stop", "styles", "summary", "widgets"]
