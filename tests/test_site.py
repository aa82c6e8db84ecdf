"""The course website (`course site`, course_utils.site): pages, launch links, downloads, search, no broken links,
cached execution on a prose edit, and clear errors for inconsistent sources."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import nbformat
import pytest

from course_utils import cli, launch
from course_utils.site import (
    SiteError,
    broken_links,
    build_site,
    find_chapters,
    landing_page,
)
from tests.site_build import EXECUTED, build_test_site

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = find_chapters()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    return build_test_site(tmp_path_factory.getbasetemp())


def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _hrefs(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]


def test_no_warnings_and_no_broken_internal_links_or_images(site: tuple[Path, Path, list[str]]) -> None:
    out, _, warnings = site
    assert warnings == []
    assert broken_links(out) == []
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) >= len(CHAPTERS) + 3  # chapters, guides, landing page, search


def test_every_chapter_has_launch_links_and_the_learner_download(site: tuple[Path, Path, list[str]]) -> None:
    out, _, _ = site
    for chapter in CHAPTERS:
        html = _html(out / "chapters" / f"{chapter.stem}.html")
        hrefs = _hrefs(html)
        notebook = f"notebooks/{chapter.learner.name}"
        assert launch.colab_url(notebook) in hrefs and launch.binder_url(notebook) in hrefs, chapter.stem
        downloads = [h for h in hrefs if h.endswith(f"_downloads/{h.split('/_downloads/')[-1]}")]
        downloads = [h for h in downloads if h.endswith(chapter.learner.name)]
        assert len(downloads) == 1, f"{chapter.stem}: {downloads}"
        offered = (out / "chapters" / downloads[0]).resolve()
        assert json.loads(offered.read_text()) == json.loads(
            chapter.learner.read_text()
        )  # the LEARNER version
        assert "google.colab" not in html  # the Colab set-up cell stays off the site
        assert re.search(r"<h1>.*" + re.escape(chapter.short_title.split(" · ")[1]), html), chapter.stem


def test_executed_chapter_shows_its_outputs_and_figures(site: tuple[Path, Path, list[str]]) -> None:
    out, _, _ = site
    html = _html(out / "chapters" / EXECUTED.replace(".ipynb", ".html"))
    images = re.findall(r'<img[^>]+src="([^"]+\.png)"', html)
    assert images, "chapter 00 shows no figure"
    for src in images:
        assert (out / "chapters" / src).resolve().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "✔ passed" in html  # the solution's checks ran
    not_executed = _html(out / "chapters" / f"{CHAPTERS[1].stem}.html")
    assert "cell_output" not in not_executed  # published without outputs: only 00 was asked for


def test_landing_page_links_every_chapter_in_course_order_and_search_works(
    site: tuple[Path, Path, list[str]],
) -> None:
    out, _, _ = site
    hrefs = _hrefs(_html(out / "index.html"))
    linked = [h.removeprefix("chapters/").removesuffix(".html") for h in hrefs if h.startswith("chapters/")]
    assert list(dict.fromkeys(linked)) == [c.stem for c in CHAPTERS]
    assert (out / "search.html").is_file()
    index = (out / "searchindex.js").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        assert f'"chapters/{chapter.stem}"' in index
    for guide in ROOT.glob("docs/*.md"):
        assert f'"guide/{guide.stem}"' in index


def test_prose_edit_rebuilds_from_the_execution_cache(
    site: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    """A markdown edit re-renders the page with the cached outputs: no new execution in jupyter-cache."""
    from jupyter_cache import get_cache

    _, work, _ = site
    work_copy = tmp_path / "work"
    shutil.copytree(work, work_copy)
    records = [(r.pk, r.created) for r in get_cache(work_copy / "jupyter_cache").list_cache_records()]
    assert len(records) == 1  # chapter 00, executed once

    solutions = tmp_path / "solutions"
    shutil.copytree(ROOT / "notebooks" / "solutions", solutions)
    nb = nbformat.read(solutions / EXECUTED, as_version=4)
    markdown = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## "))
    markdown.source += "\n\nA sentence added by the prose-edit test."
    nbformat.write(nb, solutions / EXECUTED)

    result = build_site(
        tmp_path / "site", work_dir=work_copy, execute=EXECUTED, quiet=True, solution_dir=solutions
    )
    assert result.warnings == []
    html = _html(tmp_path / "site" / "chapters" / EXECUTED.replace(".ipynb", ".html"))
    assert "A sentence added by the prose-edit test." in html and "<img" in html
    after = [(r.pk, r.created) for r in get_cache(work_copy / "jupyter_cache").list_cache_records()]
    assert after == records  # served from the cache, not executed again
    print(f"rebuild after a prose edit: {result.seconds:.1f} s wall")


def test_landing_page_requires_the_course_table_to_match_the_notebooks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    page = landing_page(readme, CHAPTERS, ["SAFETY"])
    assert "{doc}`05 · Ablation and addition <chapters/05_ablation_and_addition>`" in page
    assert launch.REPOSITORY_URL in page  # `git clone <this repository>` filled in
    with pytest.raises(SiteError, match=r"notebooks only \['08_capstone'\]"):
        landing_page(readme.replace("| `08_capstone` |", "| 08 capstone |"), CHAPTERS, [])
    with pytest.raises(SiteError, match=r"in the table only \['09_new'\]"):
        landing_page(readme.replace("| `08_capstone` |", "| `09_new` |"), CHAPTERS, [])


def test_find_chapters_needs_the_learner_twin(tmp_path: Path) -> None:
    (tmp_path / "solutions").mkdir()
    shutil.copy(CHAPTERS[0].solution, tmp_path / "solutions")
    with pytest.raises(SiteError, match="no learner notebook .*course build"):
        find_chapters(tmp_path / "solutions", tmp_path)


def test_broken_links_finds_missing_files_images_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "img.png").write_bytes(b"png")
    (tmp_path / "sub" / "b.html").write_text('<h2 id="there">x</h2>')
    (tmp_path / "a.html").write_text(
        '<a href="sub/b.html#there">ok</a> <a href="https://example.org/x">external</a> <a href="#">top</a>'
        '<img src="img.png"> <a href="#self">self</a> <p id="self"></p>'
        '<a href="sub/missing.html">1</a> <img src="gone.png"> <a href="sub/b.html#nowhere">3</a>'
    )
    assert broken_links(tmp_path) == [
        "a.html -> sub/missing.html (no such file)",
        "a.html -> gone.png (no such file, image)",
        "a.html -> sub/b.html#nowhere (no id 'nowhere' on that page)",
    ]


def test_course_site_is_wired(monkeypatch: pytest.MonkeyPatch) -> None:
    import course_utils.site as site_module

    seen = []
    monkeypatch.setattr(site_module, "main_site", lambda argv: seen.append(list(argv)) or 0)
    assert cli.main(["site", "--execute", "00*"]) == 0
    assert seen == [["--execute", "00*"]]
