"""The search index of a built site: Pagefind (`pagefind[bin]`, a locked dependency) run over the HTML into
`<site>/pagefind/`.

Pagefind adds to an existing bundle, so the old one is removed first. Only each page's article is indexed
(`search_hook` marks it `data-pagefind-body`), without the parts listed in `EXCLUDED`. The bundle is the same,
byte for byte, for the same pages (`tests/hostile/test_reproducible.py`): Pagefind names its files by content
hash and writes no date. Filters (task, modality, organism) are left out: Pagefind 1.5.2 writes their values in
an order that changes from one run to the next, which would break byte-identical builds.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.askscope")
BUNDLE = "pagefind"
EXCLUDED = ", ".join([
    ".headerlink",              # the ¶ permalink, which Pagefind would glue onto each heading's last word
    "pre.bibtex",               # Cite this page: BibTeX
    "details.quote",            # BibTeX for every reference
    "pre.mermaid",              # the diagram's source (its steps are also written out as a list)
    "ol.askscope-references",   # numbered references: titles and identifiers of the works
    ".md-source-file",
])

UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


def build(site: Path) -> None:
    """Index `site` into `site/pagefind/`; a PluginError (MkDocs' build error) if Pagefind fails."""
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
               "--exclude-selectors", EXCLUDED, "--force-language", "en", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (bundle / "pagefind.js").is_file():
        shutil.rmtree(bundle, ignore_errors=True)
        detail = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise PluginError(f"the search index was not built (pagefind: {detail})")
    for unused in UNUSED:  # Pagefind's own UIs: the site has its search box (docs/assets/javascripts/search.js)
        for path in bundle.glob(unused):
            path.unlink()
    log.debug("search index: %s", bundle)
