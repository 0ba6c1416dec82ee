"""Offline checks of what the pages cite: `[@key]` references in prose (`references`), grounding of an answer in
its bundle (`grounding`), the registry against the citation lock (`consistency`, `metadata`), the lock file
itself (`lockfile`) and what a lock record says to a reader (`status`). The online verifier lives in `online/`.

Imports `generator.registry` and `generator.diagnostics`; never `online/`, pages or exports.
"""
