"""Everything that runs inside MkDocs: the hooks named in mkdocs.yml (`generate_hook` writes the pages before
each build, `publish_hook` the JSON Schemas, `search_hook` the search keywords, `parallel_hook` the parallel
build, with its forked child in `child_process`; `mermaid_preload_hook` the preloads of Mermaid on pages with
a diagram), the watcher for `mkdocs serve` (`serve_watch`) and the Mermaid fence (`mermaid_fence`).

MkDocs loads the hooks by path, so they import the rest of the project absolutely. Imports `generator.build`,
`generator.pages`, `generator.exports` and `generator.diagnostics`.
"""
