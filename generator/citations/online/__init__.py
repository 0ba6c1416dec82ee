"""The opt-in online verifier (`askscope verify --online`): asks arXiv, doi.org/Crossref and GitHub about every
identifier (`sources`, through a transport that can record or replay: `recording`), reads their answers
(`parsing`), compares them with the registry (`verify`) and updates the lock, or writes a dry-run report
(`report`) instead (`command`).

The only package that talks to the network. Imports `generator.citations`, `generator.registry`,
`generator.output` and `generator.diagnostics`.
"""
