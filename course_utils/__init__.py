"""Shared code for the course "Linear Representations in Language Models"."""

__version__ = "0.1.0"
