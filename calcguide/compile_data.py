"""``python -m calcguide.compile_data``: rewrite data/compiled.json from the YAML sources after editing them."""

from __future__ import annotations

from pathlib import Path

from .data import COMPILED, compile_sources


def main() -> None:
    target = Path(__file__).with_name("data") / COMPILED
    target.write_text(compile_sources(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
