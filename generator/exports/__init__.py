"""The machine-readable files next to the pages: registry.json, references.bib, CSL-JSON, llms.txt and
llms-full.txt (`plan`, `csl`, `llmstxt`) and the registry's JSON Schemas (`jsonschema`).

Imports `generator.pages` (exports cite works the way the pages do), `generator.citations`,
`generator.registry` and `generator.memo`.
"""
