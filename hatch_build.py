"""Wheel build hook: calcguide's checking pipeline compiled to C with mypyc, or plain Python where it cannot be.

The modules listed under ``compile`` in ``[tool.hatch.build.targets.wheel.hooks.custom]`` (pyproject.toml) are
the ones every regimen of a batch passes through. mypyc compiles the same typed source that ``mypy --strict``
checks, so there is no second implementation: the ``.py`` files ship beside the compiled modules, and Python
imports a compiled module in preference to its source. A build without a C compiler (or with
``CALCGUIDE_PURE=1`` set) makes the plain-Python wheel instead, which behaves the same, only slower; an editable
install is never compiled, so edited sources take effect at once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# Run in a fresh interpreter inside the temporary build folder, so that setuptools reads no project file of ours.
_SETUP = """\
import sys
from setuptools import setup
from mypyc.build import mypycify

paths, lib, temp = sys.argv[1:-2], sys.argv[-2], sys.argv[-1]
setup(
    name="calcguide-compiled",
    ext_modules=mypycify(paths, opt_level="3", multi_file=False, group_name="calcguide", target_dir="c"),
    script_args=["build_ext", "--build-lib", lib, "--build-temp", temp, "--parallel", "2"],
)
"""


class CompiledPipeline(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"
    build_folder: Path | None = None  # the compiler's temporary folder, removed once the wheel is written

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("CALCGUIDE_PURE", "") not in ("", "0"):
            self.app.display_info("calcguide: CALCGUIDE_PURE is set, building the plain-Python wheel")
            return
        modules = [str(Path(self.root, path).resolve()) for path in self.config.get("compile", [])]
        if not modules:
            return
        build = self.build_folder = Path(tempfile.mkdtemp(prefix="calcguide-mypyc-"))
        lib = build / "lib"
        command = [sys.executable, "-c", _SETUP, *modules, str(lib), str(build / "temp")]
        self.app.display_info(f"calcguide: compiling {len(modules)} modules with mypyc (CALCGUIDE_PURE=1 skips this)")
        try:
            done = subprocess.run(command, cwd=build, capture_output=True, text=True, check=False)
        except OSError as exc:
            done = subprocess.CompletedProcess(command, 1, "", str(exc))
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            self.app.display_warning(f"calcguide: mypyc could not compile; building the plain-Python wheel\n{tail}")
            return
        compiled = {str(path): path.relative_to(lib).as_posix() for path in lib.rglob("*") if path.is_file()}
        build_data["force_include"].update(compiled)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self.build_folder is not None:
            shutil.rmtree(self.build_folder, ignore_errors=True)
