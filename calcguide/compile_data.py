"""``python -m calcguide.compile_data``: rewrite data/compiled.json from the YAML sources after editing them."""

from __future__ import annotations

from .data import COMPILED, FOLDER, compile_sources


def main() -> None:
    target = FOLDER / COMPILED
    target.write_text(compile_sources(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
