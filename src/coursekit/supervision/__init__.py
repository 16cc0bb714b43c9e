"""Supervision and export: finding and assigning readings, trainees' progress reports, and LMS quiz banks."""
