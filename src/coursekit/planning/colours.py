"""Course colours (course.yml `colours: {primary: '#…', accent: '#…'}`) as a theme stylesheet.

`theme_css` writes _static/coursekit-theme.css, which sets pydata-sphinx-theme's CSS variables for
light and dark mode. Each colour is adjusted, darker in light mode and lighter in dark mode, until
it has at least WCAG AA contrast (4.5:1) with the theme's backgrounds, so a brand colour never
makes links unreadable. Pure functions throughout.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
ROLES = ("primary", "accent")
# pydata-sphinx-theme 0.17: page background and surface colours, light and dark.
BACKGROUNDS = {"light": ("#ffffff", "#f3f4f5"), "dark": ("#14181e", "#29313d")}
TOWARDS = {"light": "#000000", "dark": "#ffffff"}
MINIMUM_CONTRAST = 4.5


def check_colours(value: Any) -> str | None:
    """The config check for `colours`: only known roles, each a hex colour such as '#1f5f8b'."""
    problems = [f"unknown colour '{key}' (expected {' or '.join(ROLES)})" for key in value if key not in ROLES]
    problems += [f"{key}: {str(colour)!r} is not a hex colour like '#1f5f8b'"
                 for key, colour in value.items() if key in ROLES and not HEX.match(str(colour))]
    return "; ".join(problems) or None


def normalise(colour: str) -> str:
    digits = colour.lstrip("#").lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def channels(colour: str) -> tuple[int, ...]:
    return tuple(bytes.fromhex(normalise(colour)[1:]))


def luminance(colour: str) -> float:
    """WCAG relative luminance: each sRGB channel linearised, then weighted."""
    shares = (channel / 255 for channel in channels(colour))
    red, green, blue = (s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4 for s in shares)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, mode: str) -> str:
    """The colour, moved in twentieths towards black (light mode) or white (dark mode) until it is readable."""
    for step in range(21):
        mixed = (round(a + (b - a) * (step / 20)) for a, b in zip(channels(colour), channels(TOWARDS[mode])))
        candidate = "#" + "".join(f"{c:02x}" for c in mixed)
        if all(contrast(candidate, bg) >= MINIMUM_CONTRAST for bg in BACKGROUNDS[mode]):
            return candidate
    return TOWARDS[mode]


def mode_rules(colours: Mapping[str, str], mode: str) -> str:
    variables = {"primary": ("primary", "link"), "accent": ("secondary", "accent", "link-hover")}
    lines = [f"  --pst-color-{name}: {readable(colours[role], mode)};"
             for role, names in variables.items() if role in colours for name in names]
    return f'html[data-theme="{mode}"] {{\n' + "\n".join(lines) + "\n}\n"


BIBLIOGRAPHY_CSS = """
/* References page: APA-style hanging entries without numeric labels. */
div.citation > span.label { display: none; }
div.citation > p { padding-left: 2em; text-indent: -2em; }
"""


def theme_css(colours: Mapping[str, str]) -> str:
    if not colours:
        return "/* No course colours set in course.yml: the theme's own colours apply. */\n" + BIBLIOGRAPHY_CSS
    return ("/* Course colours from course.yml, adjusted for contrast in light and dark mode. */\n"
            + "".join(mode_rules(colours, mode) for mode in BACKGROUNDS) + BIBLIOGRAPHY_CSS)
