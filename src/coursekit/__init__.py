"""coursekit: PPRNet research summaries turned into a themed Jupyter Book course."""

__version__ = "0.1.0"
