"""Tools for contributors: `askscope new` (`scaffold`, `naming`) and `askscope import` of a question bundle
in the seed's prompt form (`prompt`, `promptlinks`, `importer`); the drafting loop's pure parts: a bundle
written as that prompt (`promptwriter`), a drafted answer checked against its bundle (`draft`), and the
question file with a new answer or review (`review`, `yamledit`). `generator.drafting` does their I/O.

Imports `generator.registry` and `generator.diagnostics`; what it writes is checked like any other entry.
"""
