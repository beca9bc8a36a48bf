"""Renderers: each output format is one module over the same Report."""
