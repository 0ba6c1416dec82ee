"""The search index of a built site: Pagefind (`pagefind[bin]`, a locked dependency) run over the HTML into
`<site>/pagefind/`.

Only each page's article is indexed (`search_hook` marks it `data-pagefind-body`), without the parts listed in
`EXCLUDED`. Pagefind writes into a new folder that then takes the old bundle's place, so a reader of the served
site never sees half a bundle. The bundle is the same, byte for byte, for the same pages
(`tests/hostile/test_reproducible.py`): Pagefind names its files by content hash and writes no date. Filters (task,
modality, organism) are left out: Pagefind 1.5.2 writes their values in an order that changes from one run to the
next, which would break byte-identical builds.

Under `mkdocs serve` the index is rebuilt in the background after each rebuild (`build_in_background`), so a saved
page shows at once and the search catches up a moment later (~4 s at 1,000 questions).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.askscope")
BUNDLE = "pagefind"
# The ¶ permalinks (Pagefind would glue them onto each heading's last word), Cite this page's BibTeX, the BibTeX of
# every reference, the diagrams' source (their steps are also written out as a list), the numbered references.
EXCLUDED = ".headerlink, pre.bibtex, details.quote, pre.mermaid, ol.askscope-references, .md-source-file"
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
"""Pagefind's own UIs: the site has its search box (docs/assets/javascripts/search.js)."""
_one_at_a_time = threading.Lock()


def build(site: Path) -> None:
    """Index `site` into `site/pagefind/`; a PluginError (MkDocs' build error) if Pagefind fails."""
    with _one_at_a_time:
        new, old = site / f".{BUNDLE}-new", site / f".{BUNDLE}-old"
        shutil.rmtree(new, ignore_errors=True)
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(new),
                   "--exclude-selectors", EXCLUDED, "--force-language", "en", "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not (new / "pagefind.js").is_file():
            shutil.rmtree(new, ignore_errors=True)
            detail = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
            raise PluginError(f"the search index was not built (pagefind: {detail})")
        for unused in UNUSED:
            for path in new.glob(unused):
                path.unlink()
        shutil.rmtree(old, ignore_errors=True)
        if (site / BUNDLE).exists():
            (site / BUNDLE).rename(old)
        new.rename(site / BUNDLE)
        shutil.rmtree(old, ignore_errors=True)


def build_in_background(site: Path) -> threading.Thread:
    """`build` in a thread; a failure is logged as an error (the preview keeps its previous index)."""
    def run() -> None:
        try:
            build(site)
        except (PluginError, OSError) as error:
            log.error("%s", error)

    thread = threading.Thread(target=run, name="askscope-pagefind", daemon=True)
    thread.start()
    return thread
