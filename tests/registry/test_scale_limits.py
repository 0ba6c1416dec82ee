"""The files every entry shares grow with the registry: the citation lock of a 10,000-question registry
is ~4 MB, so it has its own size limit; entries keep theirs."""

from __future__ import annotations

from pathlib import Path

from generator.check import check_registry
from generator.registry.folder import read_registry
from generator.registry.yamlsource import MAX_FILE_BYTES, MAX_SHARED_FILE_BYTES


def _big_lock(size: int) -> str:
    header = "version: 1\nrecords:\n"
    record = ('  "url:https://example.org/filler-{n}":\n    status: verified\n    source: manual\n'
              '    checked: 2026-01-01\n    evidence: ["a filler record for a size test"]\n')
    parts, total, n = [header], len(header), 0
    while total < size:
        parts.append(record.format(n=n))
        total += len(parts[-1])
        n += 1
    return "".join(parts)


def test_a_lock_larger_than_an_entry_may_be_is_read(registry_dir: Path) -> None:
    lock = registry_dir / "citations.lock.yaml"
    lock.write_text(lock.read_text("utf-8") + _big_lock(2 * MAX_FILE_BYTES).split("records:\n", 1)[1], "utf-8")
    assert lock.stat().st_size > 2 * MAX_FILE_BYTES
    _, diagnostics = check_registry(read_registry(registry_dir))
    assert "yaml.too-large" not in {d.code for d in diagnostics}


def test_the_lock_still_has_a_limit_and_entries_keep_theirs(registry_dir: Path) -> None:
    (registry_dir / "citations.lock.yaml").write_text(_big_lock(MAX_SHARED_FILE_BYTES + 10), "utf-8")
    question = next((registry_dir / "questions").glob("*.yaml"))
    question.write_text(question.read_text("utf-8") + "#" + "x" * MAX_FILE_BYTES + "\n", "utf-8")
    _, diagnostics = check_registry(read_registry(registry_dir))
    too_large = {Path(d.path).name for d in diagnostics if d.code == "yaml.too-large"}
    assert too_large == {"citations.lock.yaml", question.name}
