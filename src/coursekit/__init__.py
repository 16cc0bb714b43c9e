"""coursekit: PPRNet research summaries turned into a themed Jupyter Book course.

The package is laid out by stage. Each stage is a subpackage (or, at the bottom and the top, a few
modules) and imports only from its own stage or the ones below it (`STAGES`, lowest first;
tests/test_layers.py checks it):

    base          errors, checks, model, yamlio, writer, text: errors, input checks, dataclasses, YAML, writes, months
    archive       entry files, entry ids, the blog's topic names, the archive reader
    ingest        blog pages -> modelled entries (citations, effect sizes, topics) -> entry files
    planning      course.yml, theme rules and assignments -> a Plan
    content       APA references, quiz banks and item generation, prompts, figures -> notebooks
    site          every generated file written, the Jupyter Book build, new course folders
    supervision   find, assign, progress reports, LMS exports
    entry points  cli (the shell), live (notebook kernels), sphinxext and bibstyle (Sphinx)

Every flow is a chain of these stages:

    ingest    pages --ingest.pages--> raw entries --ingest.importer--> Entry --archive.entryfile--> archive/*.md
    generate  archive/*.md --archive.readers--> Entry --planning--> Plan --content--> notebooks, pages
              --site.generate--> files on disk (writer: inside the course folder, never over edits)
    build     generate; site.build: notebooks executed in parallel (jupyter-cache), Jupyter Book -> _build/html
    init      site.scaffold: templates + ingest (into the new folder) + generate
    assign    Plan --supervision.search--> readings --supervision.assign--> book/assignments/*.yml, pages,
              handout, guide; then generate (the table of contents and course data)
    report    progress files --supervision.progress--> rows (table, markdown, csv)
    export    Plan --content.quiz--> banks --supervision.lms--> QTI zip, Moodle XML or GIFT
"""

__version__ = "0.1.0"

STAGES = (
    ("coursekit.errors", "coursekit.checks", "coursekit.model", "coursekit.text", "coursekit.yamlio",
     "coursekit.writer"),
    ("coursekit.archive",),
    ("coursekit.ingest",),
    ("coursekit.planning",),
    ("coursekit.content",),
    ("coursekit.site",),
    ("coursekit.supervision",),
    ("coursekit.cli", "coursekit.live", "coursekit.sphinxext", "coursekit.bibstyle"),
)
