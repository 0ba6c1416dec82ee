"""Work shared with a forked child process on a second CPU: the child and its pipe (`child_process`) and the
generator's pages made by two processes (`split_render`). The seam MkDocs' own work uses is in
`generator.mkdocs.parallel_hook`.

Imports only `generator.memo`.
"""
