"""The site: the generated course files written to disk, the Jupyter Book build, and new course folders."""
