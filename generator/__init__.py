"""AskScope: a checked registry of microscopy AI questions, rendered as a MkDocs site."""

__version__ = "0.1.0"
