"""Sphinx configuration of the course website (built by `course site`; see docs/SITE.md).

`course site` stages the pages into build/site_src/ (this file is the configuration directory, `-c docs/site`)
and passes the values that depend on the build (execution cache, which notebooks to execute) as overrides. The
repository URL comes from course_utils.launch, its only place.
"""

from course_utils.launch import BRANCH, REPOSITORY_URL

project = "Linear Representations in Language Models"
author = "the course authors"
copyright = "the course authors (MIT licence)"

extensions = ["myst_nb"]  # MyST markdown + Jupyter notebooks (myst-nb includes myst-parser)
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

exclude_patterns = ["downloads/**", "**.ipynb_checkpoints", "jupyter_execute/**"]

# notebooks are executed (or fetched from the execution cache: jupyter-cache) by myst-nb
nb_execution_mode = "cache"
nb_execution_timeout = 1200  # seconds per cell, as `course run`
nb_execution_raise_on_error = True  # a notebook that fails fails the site build
nb_execution_show_tb = True
nb_merge_streams = True
# no widget JavaScript from a CDN: the site is static and works offline; the slider needs a kernel (Colab/Binder)
nb_ipywidgets_js = {}

html_theme = "sphinx_book_theme"
html_title = "Linear Representations in Language Models"
html_static_path = []
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "repository_url": REPOSITORY_URL,
    "repository_branch": BRANCH,
    "use_repository_button": True,
    "use_download_button": False,  # the learner notebook is offered on each chapter page instead
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
}
# exercise banners are H4 under H2 sections on purpose (small headings); widget outputs have no static form
suppress_warnings = ["myst.header", "mystnb.unknown_mime_type"]
