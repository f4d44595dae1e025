"""Figures: one module per figure family, all drawn with :mod:`framelab.figures.style`."""
