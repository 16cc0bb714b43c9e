"""Customisation without code: colours and module ids in course.yml, the theme stylesheet, the toc."""
from __future__ import annotations

import re

import pytest
import yaml

from coursekit.errors import ConfigError
from coursekit.planning import colours
from coursekit.planning.config import parse_course
from coursekit.site.generate import generate

COURSE = """
title: T
modules:
  - id: alliance
    title: A
"""


def test_colours_are_validated_as_hex_with_every_problem_reported():
    with pytest.raises(ConfigError) as caught:
        parse_course(COURSE + "colours: {primary: blue, accent: '#12345', border: '#fff'}\n")
    assert str(caught.value).splitlines() == [
        "course.yml: colours: unknown colour 'border' (expected primary or accent); "
        "primary: 'blue' is not a hex colour like '#1f5f8b'; accent: '#12345' is not a hex colour like '#1f5f8b'"]


def test_colours_are_normalised_into_the_course():
    course = parse_course(COURSE + "colours: {primary: '#1F5', accent: '#B5452B'}\n")
    assert course.colours == (("accent", "#b5452b"), ("primary", "#11ff55"))
    assert parse_course(COURSE).colours == ()


@pytest.mark.parametrize("module_id", ["evidence-map", "further-reading"])
def test_ids_of_generated_pages_are_reserved(module_id):
    with pytest.raises(ConfigError, match=f"modules\\[0\\].id: '{module_id}' is reserved"):
        parse_course(COURSE.replace("id: alliance", f"id: {module_id}"))


def css_values(css: str, mode: str) -> dict[str, str]:
    block = re.search(rf'html\[data-theme="{mode}"\] \{{(.*?)\}}', css, re.S).group(1)
    return dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6});", block))


@pytest.mark.parametrize("primary,accent", [("#1f5f8b", "#b5452b"), ("#f0e442", "#ffffff"), ("#000000", "#222222")])
def test_theme_colours_are_readable_in_light_and_dark_mode(primary, accent):
    css = colours.theme_css({"primary": primary, "accent": accent})
    for mode, backgrounds in colours.BACKGROUNDS.items():
        values = css_values(css, mode)
        assert set(values) == {"pst-color-primary", "pst-color-link", "pst-color-secondary", "pst-color-accent",
                               "pst-color-link-hover"}
        for value in values.values():
            assert all(colours.contrast(value, bg) >= 4.5 for bg in backgrounds), (mode, value)


def test_a_readable_colour_is_kept_as_given():
    assert colours.readable("#1f5f8b", "light") == "#1f5f8b"
    assert colours.readable("#1f5f8b", "dark") != "#1f5f8b"  # too dark on a dark page: lightened


def test_contrast_matches_the_wcag_formula():
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_course_colours_reach_the_generated_stylesheet(fixture_course):
    path = fixture_course / "course.yml"
    course = yaml.safe_load(path.read_text())
    generate(fixture_course)
    assert "No course colours" in (fixture_course / "_static" / "coursekit-theme.css").read_text()
    course["colours"] = {"primary": "#1f5f8b"}
    path.write_text(yaml.safe_dump(course))
    generate(fixture_course)
    css = (fixture_course / "_static" / "coursekit-theme.css").read_text()
    assert css_values(css, "light") == {"pst-color-primary": "#1f5f8b", "pst-color-link": "#1f5f8b"}
