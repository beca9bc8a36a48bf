"""``python -m calcguide``."""

from .cli import main

main()
