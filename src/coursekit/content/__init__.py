"""Content: what a module's pages say, made from the plan as pure data -- APA references, quiz banks,
prompts, figures, glossary links -- and the notebooks that carry it."""
