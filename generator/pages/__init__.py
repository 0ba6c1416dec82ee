"""Render a checked registry as Markdown pages: `render.page_plan` lists every page, one module per page kind
(`question_page`, `entity_pages`, `index_pages`) and the pieces they share: the Jinja2 templates
(`templating`, `templates/`), escaping of untrusted text (`escape`), the workflow diagram (`mermaid`),
links (`urls`), long lists (`listing`), tags (`facets`), search keywords (`searchwords`), how to cite
(`cite`, `bibtex`) and JSON-LD (`jsonld`).

Pure: no disk, no network. Imports `generator.registry`, `generator.citations` and `generator.memo`.
"""
