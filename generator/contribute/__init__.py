"""Tools for contributors: `askscope new` (`scaffold`, `naming`) and `askscope import` of a question bundle
in the seed's prompt form (`prompt`, `promptlinks`, `importer`).

Imports `generator.registry` and `generator.diagnostics`; what it writes is checked like any other entry.
"""
