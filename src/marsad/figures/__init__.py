"""Figures: numbers bound to what they count, with group, place, dates and attribution."""

from marsad.figures.extract import extract_figures

__all__ = ["extract_figures"]
