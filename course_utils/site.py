"""The course website: `course site` builds it offline into build/site/ with Sphinx + myst-nb (docs/SITE.md).

    course site [--out DIR] [--work DIR] [--execute GLOB] [--clean]

What it builds, from files in the repository only (no network at build time):
- a landing page from the README (introduction, quick start, the course table with a link to each chapter);
- a page per chapter: the executed SOLUTION notebook with its figures, and at its top a box that opens the
  LEARNER notebook in Colab or Binder or downloads it (URLs from course_utils.launch, the one place of the
  repository URL);
- a page per guide in docs/ (architecture, exercises, safety, teaching, this site);
- Sphinx's full-text search (search.html + searchindex.js, works offline).

How: the pages are staged into <work>/src/ (a file is rewritten only when its content changes, so Sphinx's
incremental build re-reads only what changed), then Sphinx builds them with the configuration in docs/site/conf.py.
myst-nb executes each notebook through jupyter-cache (<work>/jupyter_cache/): a notebook whose code cells did not
change is not executed again, so a rebuild after a prose edit takes seconds per page. `--execute GLOB` executes only
the chapters whose file name matches (the others are published without outputs): for quick previews and tests.

The kernels run the default model (the organism): COURSE_MODEL is cleared during the build, since the execution
cache is keyed on the notebooks' code, not on the environment.
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat

from course_utils import launch
from course_utils._environment import kernel_env
from course_utils._paths import BUILD_DIR, DOCS_DIR, NOTEBOOK_DIR, REPO_ROOT, SOLUTION_DIR

ROOT = REPO_ROOT
LEARNER_DIR = NOTEBOOK_DIR
CONF_DIR = DOCS_DIR / "site"
README = ROOT / "README.md"
SITE_DIR = BUILD_DIR / "site"
WORK_DIR = BUILD_DIR / "site_work"
KERNEL_ENV = kernel_env(one_thread=False)  # the build runs one kernel at a time: all threads


class SiteError(ValueError):
    """The website cannot be built from these files; the message says which and what to do."""


@dataclass(frozen=True)
class Chapter:
    """One chapter: the solution notebook shown, the learner notebook offered."""

    stem: str  # e.g. "05_ablation_and_addition"
    title: str  # the notebook's first heading, e.g. "05 · Ablation and addition: switch refusal off, and on"
    solution: Path
    learner: Path

    @property
    def short_title(self) -> str:
        """The title up to its colon: "05 · Ablation and addition"."""
        return self.title.split(":")[0].strip()

    @property
    def learner_in_repository(self) -> str:
        """The learner notebook's path in the repository (what Colab and Binder open)."""
        return f"notebooks/{self.learner.name}"


@dataclass
class SiteBuild:
    """What `build_site` did: the output folder, Sphinx's warnings, and the seconds it took."""

    out_dir: Path
    warnings: list[str]
    seconds: float


# --------------------------------------------------------------------------------------------- staging


def find_chapters(solution_dir: Path = SOLUTION_DIR, learner_dir: Path = LEARNER_DIR) -> list[Chapter]:
    """The chapters: every solution notebook NN_*.ipynb with its learner twin (SiteError if one is missing)."""
    chapters = []
    for solution in sorted(solution_dir.glob("[0-9][0-9]_*.ipynb")):
        learner = learner_dir / solution.name
        if not learner.is_file():
            raise SiteError(f"{solution.name}: no learner notebook {learner}; run `course build`")
        chapters.append(Chapter(solution.stem, _notebook_title(solution), solution, learner))
    if not chapters:
        raise SiteError(f"no notebooks in {solution_dir}; run `course build`")
    return chapters


def _notebook_title(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    raise SiteError(f"{path.name}: no '# title' in a markdown cell (a chapter page needs one)")


def launch_box(chapter: Chapter) -> str:
    """The box at the top of a chapter page: open the learner notebook in Colab or Binder, or download it."""
    notebook = chapter.learner_in_repository
    return (
        ":::{admonition} Run this chapter yourself\n"
        ":class: tip\n\n"
        f"Open the exercise notebook in [Google Colab]({launch.colab_url(notebook)}) · "
        f"[Binder]({launch.binder_url(notebook)}) · "
        f"or {{download}}`download it <../downloads/{chapter.learner.name}>` and run it in JupyterLab.\n\n"
        "This page shows the worked solutions, executed on the course's model organism on a CPU.\n"
        ":::"
    )


def chapter_page(chapter: Chapter) -> nbformat.NotebookNode:
    """The solution notebook with the launch box after its first markdown cell (title and objectives)."""
    nb = nbformat.read(chapter.solution, as_version=4)
    first = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown")
    box = nbformat.v4.new_markdown_cell(launch_box(chapter))
    box["id"] = "site-launch"
    nb.cells.insert(first + 1, box)
    return nb


def _sections(markdown: str) -> dict[str, str]:
    """'## Heading' -> the text under it (up to the next '## '), from a markdown file."""
    parts = re.split(r"^## +(.+)$", markdown, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def landing_page(readme: str, chapters: Sequence[Chapter], guides: Sequence[str]) -> str:
    """The landing page: the README's introduction, the course table linked to the chapters, the quick start."""
    title = re.search(r"^# +(.+)$", readme, flags=re.MULTILINE)
    if title is None:
        raise SiteError("README.md has no '# title'")
    intro = readme[title.end() : readme.find("\n## ")].strip()
    sections = _sections(readme)
    if "The course" not in sections or "Quick start" not in sections:
        raise SiteError("README.md needs the sections '## The course' (its table) and '## Quick start'")
    course = sections["The course"]
    by_stem = {c.stem: c for c in chapters}
    listed = re.findall(r"^\| `(\d\d_\w+)` \|", course, flags=re.MULTILINE)
    unknown = sorted(set(listed) - set(by_stem))
    missing = sorted(set(by_stem) - set(listed))
    if unknown or missing:
        raise SiteError(
            f"README's course table and the notebooks differ: in the table only {unknown}, "
            f"notebooks only {missing}; edit the table in README.md ('## The course')"
        )
    course = re.sub(
        r"^\| `(\d\d_\w+)` \|",
        lambda m: f"| {{doc}}`{by_stem[m.group(1)].short_title} <chapters/{m.group(1)}>` |",
        course,
        flags=re.MULTILINE,
    )
    quick_start = sections["Quick start"].replace("<this repository>", launch.REPOSITORY_URL)
    chapter_toc = "\n".join(f"chapters/{c.stem}" for c in chapters)
    guide_toc = "\n".join(f"guide/{name}" for name in guides)
    return (
        f"# {title.group(1).strip()}\n\n{intro}\n\n"
        "## The course\n\n"
        "Each chapter page shows the worked solutions, executed; its box at the top opens the exercise notebook in "
        "Google Colab or Binder (nothing to install) or downloads it.\n\n"
        f"{course}\n\n## Quick start\n\n{quick_start}\n\n"
        f"```{{toctree}}\n:caption: Chapters\n:hidden:\n\n{chapter_toc}\n```\n\n"
        f"```{{toctree}}\n:caption: Guides\n:hidden:\n\n{guide_toc}\n```\n"
    )


def _write_if_changed(path: Path, text: str, written: set[Path]) -> None:
    """Write `text` unless the file already holds it (keeps its mtime: Sphinx then skips the page)."""
    written.add(path)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def stage(
    src: Path,
    *,
    solution_dir: Path = SOLUTION_DIR,
    learner_dir: Path = LEARNER_DIR,
    docs_dir: Path = DOCS_DIR,
    readme: Path = README,
) -> list[Chapter]:
    """Write the site's sources into `src` (and delete what no longer belongs there); returns the chapters."""
    chapters = find_chapters(solution_dir, learner_dir)
    written: set[Path] = set()
    for chapter in chapters:
        _write_if_changed(
            src / "chapters" / chapter.solution.name, nbformat.writes(chapter_page(chapter)), written
        )
        _write_if_changed(
            src / "downloads" / chapter.learner.name, chapter.learner.read_text(encoding="utf-8"), written
        )
    guides = sorted(path.stem for path in docs_dir.glob("*.md"))
    for name in guides:
        _write_if_changed(src / "guide" / f"{name}.md", (docs_dir / f"{name}.md").read_text("utf-8"), written)
    _write_if_changed(src / "index.md", landing_page(readme.read_text("utf-8"), chapters, guides), written)
    for path in sorted(src.rglob("*"), reverse=True):  # files of chapters or guides that are gone
        if path.is_file() and path not in written:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return chapters


# --------------------------------------------------------------------------------------------- checking


class _PageLinks(HTMLParser):
    """The ids of one HTML page and the links (a/link href) and embeds (img/script/source src) it makes."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for attr in ("href", "src"):
            if values.get(attr) and tag in ("a", "link", "img", "script", "source", "iframe"):
                self.links.append((tag, values[attr]))


def broken_links(site_dir: Path) -> list[str]:
    """Every internal link or image of the site that points nowhere: 'page -> url (why)'. Empty when all resolve.

    Internal = no scheme and no host (external URLs are not fetched: the build is offline). A link resolves when
    its file exists under `site_dir`; a '#fragment' into an HTML page must name an id on that page.
    """
    pages = {  # _static/ holds the themes' Jinja macro files (*.html templates), not pages
        path.resolve(): _parse(path)
        for path in site_dir.rglob("*.html")
        if "_static" not in path.relative_to(site_dir).parts
    }
    broken = []
    for page, parsed in sorted(pages.items()):
        for tag, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith("#") and not url[1:]:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            where = f"{page.relative_to(site_dir.resolve())} -> {url}"
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{where} (no such file{', image' if tag == 'img' else ''})")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where} (no id {parts.fragment!r} on that page)")
    return broken


def _parse(path: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


# --------------------------------------------------------------------------------------------- building


@contextmanager
def _kernel_environment() -> Iterator[None]:
    """Offline kernels on the default model, for the duration of the build; the caller's environment restored."""
    saved = {key: os.environ.get(key) for key in [*KERNEL_ENV, "COURSE_MODEL"]}
    os.environ.update(KERNEL_ENV)
    os.environ.pop("COURSE_MODEL", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_site(
    out_dir: Path = SITE_DIR,
    *,
    work_dir: Path = WORK_DIR,
    execute: str = "*",
    clean: bool = False,
    quiet: bool = False,
    **sources: Path,
) -> SiteBuild:
    """Stage and build the website into `out_dir`; `sources` overrides the folders of `stage` (tests).

    `execute`: a file-name glob of the chapters to execute (from the cache when their code is unchanged); the
    others are published without outputs. `clean`: forget Sphinx's saved state (executions stay cached).
    Raises SiteError when the sources are inconsistent or Sphinx fails (a notebook raising included).
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    start = time.perf_counter()
    src, doctrees = work_dir / "src", work_dir / "doctrees"
    if clean:
        shutil.rmtree(doctrees, ignore_errors=True)
        shutil.rmtree(out_dir, ignore_errors=True)
    chapters = stage(src, **sources)
    skipped = [
        f"chapters/{c.solution.name}" for c in chapters if not fnmatch.fnmatch(c.solution.name, execute)
    ]
    overrides = {
        "nb_execution_cache_path": str(work_dir / "jupyter_cache"),
        "nb_execution_excludepatterns": skipped,
    }
    warnings = io.StringIO()
    status = io.StringIO() if quiet else sys.stdout
    try:
        nocolor()
        # as sphinx-build does: a fresh docutils registry, so that building twice in one process is clean
        with _kernel_environment(), patch_docutils(CONF_DIR), docutils_namespace():
            app = Sphinx(
                str(src), str(CONF_DIR), str(out_dir), str(doctrees), "html",
                confoverrides=overrides, status=status, warning=warnings, freshenv=clean,
            )  # fmt: skip
            app.build()
    except SphinxError as err:
        raise SiteError(f"the site build failed: {err}\n{warnings.getvalue()[-4000:]}") from None
    if app.statuscode:
        raise SiteError(f"the site build failed (status {app.statuscode}):\n{warnings.getvalue()[-4000:]}")
    lines = [line for line in warnings.getvalue().splitlines() if "WARNING" in line or "ERROR" in line]
    return SiteBuild(out_dir, lines, time.perf_counter() - start)


def main_site(argv: Sequence[str] | None = None) -> int:
    """`course site`: build the website; exit 0 built, 1 built with warnings or broken links, 2 failed."""
    parser = argparse.ArgumentParser(prog="course site", description="Build the course website (offline).")
    parser.add_argument("--out", type=Path, default=SITE_DIR, help="output folder (default: build/site/)")
    parser.add_argument(
        "--work",
        type=Path,
        default=WORK_DIR,
        help="staged sources + execution cache (default: build/site_work/)",
    )
    parser.add_argument(
        "--execute", default="*", help="glob of the chapters to execute, e.g. '0[0-2]*' (default: all)"
    )
    parser.add_argument("--clean", action="store_true", help="rebuild every page (executions stay cached)")
    args = parser.parse_args(argv)
    try:
        result = build_site(args.out, work_dir=args.work, execute=args.execute, clean=args.clean)
    except (SiteError, ImportError) as err:
        hint = " (install the site tools: pip install -e '.[site]')" if isinstance(err, ImportError) else ""
        print(f"course site: {err}{hint}", file=sys.stderr)
        return 2
    broken = broken_links(args.out)
    for line in result.warnings + [f"broken link: {link}" for link in broken]:
        print(line, file=sys.stderr)
    print(
        f"course site: built {args.out / 'index.html'} in {result.seconds:.0f} s: "
        f"{len(result.warnings)} warnings, {len(broken)} broken internal links or images"
    )
    return 1 if result.warnings or broken else 0


if __name__ == "__main__":
    sys.exit(main_site(sys.argv[1:]))
