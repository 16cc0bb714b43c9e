"""Ingest: blog archive pages (copied text or saved HTML) -> modelled entries -> entry files."""
