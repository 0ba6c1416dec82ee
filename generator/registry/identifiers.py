"""Canonical identifiers: arXiv ids, DOIs, GitHub repositories, Hugging Face ids, https URLs.

Contributors may paste any common form (`arXiv:2310.00390v3`, a `/pdf/…v2.pdf` link,
`https://doi.org/…`, a `.git` clone URL); the registry stores and compares the
canonical form. Each `canonical_*` function returns it or raises `ValueError`
saying what is wrong.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_ARXIV_NEW = re.compile(r"(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<num>\d{4,5})(?:v\d+)?")
_ARXIV_OLD = re.compile(
    r"(?P<archive>[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?)/(?P<yy>\d{2})(?P<mm>\d{2})(?P<num>\d{3})(?:v\d+)?")
_ARXIV_URL = re.compile(r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?P<id>.+?)(?:\.pdf)?/?")
_DOI = re.compile(r"10\.\d{4,9}/[^\s]+")
_DOI_PREFIX = re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_GITHUB_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_GITHUB_REPO = re.compile(r"[A-Za-z0-9._-]{1,100}")
_GITHUB_URL = re.compile(r"(?:https?://(?:www\.)?github\.com/|git@github\.com:)(?P<path>.+)")
_HF_PART = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?")
_HF_URL = re.compile(r"https?://(?:www\.)?huggingface\.co/(?P<path>.+)")


def canonical_arxiv(value: str) -> str:
    """`2310.00390`, `arXiv:2310.00390v3`, an abs/pdf/html URL, or old style `math.GT/0309136`."""
    text = value.strip()
    url = _ARXIV_URL.fullmatch(text)
    if url:
        text = url.group("id")
    elif text.lower().startswith("arxiv:"):
        text = text[6:].strip()
    new = _ARXIV_NEW.fullmatch(text)
    if new:
        yy, mm, num = int(new["yy"]), int(new["mm"]), new["num"]
        if not 1 <= mm <= 12:
            raise ValueError(f"arXiv id {value!r} has month {mm:02d}; months run 01 to 12")
        if (yy, mm) < (7, 4):
            raise ValueError(f"arXiv id {value!r} is new-style but dated before April 2007")
        if len(num) != (4 if yy < 15 else 5):
            raise ValueError(f"arXiv id {value!r}: ids from 20{yy:02d} have {4 if yy < 15 else 5} digits after the dot")
        return f"{new['yy']}{new['mm']}.{num}"
    old = _ARXIV_OLD.fullmatch(text)
    if old:
        yy, mm = int(old["yy"]), int(old["mm"])
        if not 1 <= mm <= 12 or (7 < yy < 91) or (yy == 7 and mm > 3):
            raise ValueError(f"arXiv id {value!r} is old-style with an impossible date")
        return f"{old['archive']}/{old['yy']}{old['mm']}{old['num']}"
    raise ValueError(f"{value!r} is not an arXiv id (expected e.g. 2310.00390 or math.GT/0309136)")


def canonical_doi(value: str) -> str:
    """`10.1038/…`, `doi:10.1038/…` or `https://doi.org/10.1038/…`; DOIs compare case-insensitively."""
    text = _DOI_PREFIX.sub("", value.strip(), count=1)
    if not _DOI.fullmatch(text):
        raise ValueError(f"{value!r} is not a DOI (expected e.g. 10.1038/s41592-018-0216-7)")
    return text.lower()


def canonical_github(value: str) -> str:
    """`owner/repo` or a github.com URL (with `.git`, `/tree/…`, `/blob/…`); keeps GitHub's spelling."""
    text = value.strip()
    url = _GITHUB_URL.fullmatch(text)
    parts = (url.group("path") if url else text).split("/")
    if url:
        parts = parts[:2]
    if len(parts) != 2:
        raise ValueError(f"{value!r} is not a GitHub repository (expected owner/repo)")
    owner, repo = parts
    repo = repo.removesuffix(".git")
    if not _GITHUB_OWNER.fullmatch(owner):
        raise ValueError(f"{owner!r} is not a valid GitHub owner name")
    if not _GITHUB_REPO.fullmatch(repo) or repo in {".", ".."}:
        raise ValueError(f"{repo!r} is not a valid GitHub repository name")
    return f"{owner}/{repo}"


def canonical_huggingface(value: str) -> str:
    """A Hugging Face model id `owner/name`, or its huggingface.co URL."""
    text = value.strip()
    url = _HF_URL.fullmatch(text)
    parts = (url.group("path").strip("/") if url else text).split("/")
    if url:
        parts = parts[:2]
    if len(parts) != 2 or not all(_HF_PART.fullmatch(p) for p in parts) or ".." in text:
        raise ValueError(f"{value!r} is not a Hugging Face model id (expected owner/name)")
    return "/".join(parts)


def canonical_url(value: str) -> str:
    """An absolute https URL with a host and no whitespace or control characters."""
    text = value.strip()
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValueError(f"URL {value!r} contains whitespace or control characters")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid URL: {exc}") from None
    if parts.scheme != "https":
        raise ValueError(f"URL {value!r} must start with https://")
    if not parts.hostname or parts.username or parts.password:
        raise ValueError(f"URL {value!r} needs a host name and no user or password")
    return text


def arxiv_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;")


def github_url(repo: str) -> str:
    return f"https://github.com/{repo}"


def huggingface_url(model_id: str) -> str:
    return f"https://huggingface.co/{model_id}"


def lock_key(kind: str, value: str) -> str:
    """The lock file's key for an identifier: `arxiv:2310.00390`, `doi:10.1038/…`, `github:Owner/repo`."""
    return f"{kind}:{value}"
