"""_static/coursekit-course.js: the modules and assignments that the site's "My progress" page reads."""
from __future__ import annotations

import json

from coursekit.model import PROGRESS_SCHEMA, PROGRESS_VERSION, Plan
from coursekit.planning.assignments import Assignment


def course_data(plan: Plan, assignments: tuple[Assignment, ...]) -> dict:
    """Modules and assignments, as the site's progress script needs them (paths from the site root)."""
    modules = [{"id": p.module.id, "title": p.module.title, "quiz": p.module.id,
                "pages": [f"modules/{p.module.id}.html", f"exercises/{p.module.id}.html"]} for p in plan.modules]
    return {
        "schema": PROGRESS_SCHEMA, "version": PROGRESS_VERSION, "modules": modules,
        "assignments": [{
            "title": a.title, "slug": a.slug, "page": a.page, "due": a.due, "to": list(a.to), "quiz": a.quiz_id,
            "readings": [{"id": r.id, "title": r.title, "page": r.page, "questions": list(r.questions)}
                         for r in a.readings],
            "prompts": list(a.prompts),
        } for a in assignments],
    }


def course_data_js(plan: Plan, assignments: tuple[Assignment, ...]) -> str:
    # "<" only ever occurs inside JSON strings, where \u003c means the same: no "</script>" in the file.
    data = json.dumps(course_data(plan, assignments), ensure_ascii=True, sort_keys=True, indent=1)
    data = data.replace("<", "\\u003c")
    return ("// Course data for the \"My progress\" page, written by `coursekit generate`. Do not edit.\n"
            f"window.coursekitCourse = {data};\n")
