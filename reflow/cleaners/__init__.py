"""The cleaners, one module per kind of damage. Their order is in ``reflow.pipeline``."""
