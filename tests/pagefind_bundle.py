"""What a built site's search index (site/pagefind/, Pagefind 1.5) holds per page: its fragments, which are
gzipped JSON after the signature `pagefind_dcd` (url, content: the indexed text, meta: title and the meta fields)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Each indexed page's fragment, by its URL relative to the site (`questions/x/`)."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragment: dict[str, Any] = json.loads(data[len(SIGNATURE):])
        found[fragment["url"].lstrip("/")] = fragment
    return found
