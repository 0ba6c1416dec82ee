"""Load the registry: YAML files in, a typed `Registry` and diagnostics out.

Owns reading the files (`folder`), parsing YAML with places (`yamlsource`), the data model (`schema`),
building the registry (`loading`), identifiers and their canonical URLs (`identifiers`), cross-references
between entries (`crossrefs`), `TODO` markers (`todos`) and reviews pinned by hash (`reviews`).
Imports only `generator.diagnostics`.
"""
