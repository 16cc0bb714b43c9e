"""Discussion prompts with a reflection box each, shown static (site) and live (notebook).

A module's prompts are its own (`<module-id>-p<n>`, from course.yml), then its readings'
(`<entry-id>-p<n>`), each linked to its reading. The site keeps each reflection in the browser
(coursekit.js, localStorage `coursekit:reflection:<prompt-id>`); a live notebook in the trainee's
progress file (`live.show_prompts`).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from coursekit.content import escape
from coursekit.content.quiz import reading_url
from coursekit.model import ModulePlan


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    reading_title: str
    reading_url: str


def prompt_id(owner_id: str, number: int) -> str:
    """The id of the `number`th prompt (from 1) of a module or an entry: '<owner id>-p<number>'."""
    return f"{owner_id}-p{number}"


def module_prompts(plan: ModulePlan) -> list[Prompt]:
    module = plan.module
    return ([Prompt(prompt_id(module.id, number), text, module.title, f"../modules/{module.id}.html")
             for number, text in enumerate(module.prompts, start=1)]
            + [Prompt(prompt_id(entry.id, number), text, entry.title, reading_url(module.id, entry.id))
               for entry in plan.entries for number, text in enumerate(entry.prompts, start=1)])


def prompts_json(prompts: list[Prompt]) -> str:
    return json.dumps([asdict(p) for p in prompts], ensure_ascii=True, sort_keys=True)


def prompts_from_json(text: str) -> list[Prompt]:
    return [Prompt(**raw) for raw in json.loads(text)]


def static_html(prompts: list[Prompt]) -> str:
    """Each prompt with its reading link and a reflection box; behaviour from _static/coursekit.js."""
    return "\n".join(['<div class="ck-prompts">', *(_prompt_html(n, p) for n, p in enumerate(prompts, 1)), "</div>"])


def _prompt_html(number: int, prompt: Prompt) -> str:
    box = escape.html(f"ck-reflection-{prompt.id}")
    return (
        f'<div class="ck-prompt">\n'
        f'<p class="ck-prompt-text"><span class="ck-number">{number}.</span> {escape.html(prompt.text)}</p>\n'
        f'<p class="ck-prompt-reading">Reading: <a href="{escape.html(prompt.reading_url)}">'
        f'{escape.html(prompt.reading_title)}</a></p>\n'
        f'<div class="ck-reflection" data-prompt-id="{escape.html(prompt.id)}">'
        f'<label for="{box}">Your reflection on prompt {number} (kept in this browser)</label>'
        f'<textarea id="{box}"></textarea>'
        f'<p class="ck-saved" aria-live="polite"></p></div>\n'
        f"</div>"
    )
