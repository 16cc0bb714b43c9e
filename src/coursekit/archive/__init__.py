"""The archive format: one Markdown file per entry (YAML front matter), its ids, and the reader that models a folder of them."""
