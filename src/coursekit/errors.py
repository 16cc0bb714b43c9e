"""The few exceptions coursekit raises, each with its exit code (README, "Exit codes"); argparse
leaves with 2 on a usage error."""
from __future__ import annotations


class CoursekitError(Exception):
    """Base class: a one-line message for the user, and the exit code to leave with."""

    exit_code = 1


class InputError(CoursekitError):
    """A file the user gave us cannot be used. The message names the file (and field or line)."""


class ConfigError(InputError):
    """course.yml or _config.yml is invalid; the message lists every bad key."""


class BuildError(CoursekitError):
    exit_code = 3


class WriteRefused(CoursekitError):
    """A write outside the output folder, or over a file someone edited."""

    exit_code = 4
