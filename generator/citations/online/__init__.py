"""The opt-in online verifier (`askscope verify --online`): asks arXiv, doi.org/Crossref and GitHub about every
identifier (`sources`), compares what they say with the registry (`verify`) and updates the lock (`command`).

The only package that talks to the network. Imports `generator.citations`, `generator.registry`,
`generator.output` and `generator.diagnostics`.
"""
