"""The two scripts Gradescope runs: ``setup.sh`` once per image, ``run_autograder`` per upload.

Both take Gradescope's folder from ``NEUROGRADE_AUTOGRADER_ROOT`` (default ``/autograder``), so
that a test or an instructor can try the zip in a folder laid out the same way. ``setup.sh``
installs bubblewrap (and Python 3.11+ when the image has none) with apt, then neurograde from the
wheel in the zip and its pinned dependencies into a virtual environment; environment variables
skip or redirect each step (listed at the top of the script).
"""

from __future__ import annotations

import json

from neurograde.gradescope.results import grading_error_results

SETUP_SH = r"""#!/usr/bin/env bash
# neurograde @VERSION@: Gradescope runs this once, as root, when it builds the autograder's image.
# It installs bubblewrap (the sandbox) and, if the image has none, Python 3.11+ with apt, then
# neurograde from the wheel in this zip, with numpy and the other dependencies at the versions the
# zip was built with, into a virtual environment that run_autograder uses.
#
# Environment variables, to try the zip outside Gradescope:
#   NEUROGRADE_AUTOGRADER_ROOT  the folder laid out like Gradescope's (default: /autograder)
#   NEUROGRADE_SKIP_APT=1       install nothing with apt-get (Python 3.11+ and bwrap are present)
#   NEUROGRADE_PYTHON           the Python the virtual environment is made from
#   NEUROGRADE_VENV_OPTIONS     more options of `python -m venv` (e.g. --system-site-packages)
#   NEUROGRADE_PIP_OPTIONS      more options of `pip install` (e.g. --no-index)
set -euo pipefail

ROOT="${NEUROGRADE_AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
VENV="$ROOT/neurograde-venv"
WHEEL="$SOURCE/@WHEEL@"
read -r -a VENV_OPTIONS <<< "${NEUROGRADE_VENV_OPTIONS:-}"
read -r -a PIP_OPTIONS <<< "${NEUROGRADE_PIP_OPTIONS:-}"

say() { echo "neurograde setup: $*"; }

# A Python of 3.11 or newer that can make a virtual environment with pip.
usable() {
    command -v "$1" > /dev/null 2>&1 &&
        "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2> /dev/null
}
find_python() {
    if [ -n "${NEUROGRADE_PYTHON:-}" ]; then
        usable "$NEUROGRADE_PYTHON" && command -v "$NEUROGRADE_PYTHON"
        return
    fi
    for candidate in python3.13 python3.12 python3.11 python3; do
        if usable "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

if [ "${NEUROGRADE_SKIP_APT:-0}" != 1 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends bubblewrap python3 python3-venv python3-pip
    if ! find_python > /dev/null; then
        # Ubuntu 22.04's python3 is 3.10: its universe archive has 3.11.
        apt-get install -y --no-install-recommends python3.11 python3.11-venv || true
    fi
else
    say "NEUROGRADE_SKIP_APT=1: nothing installed with apt-get"
fi

if ! PYTHON="$(find_python)"; then
    say "error: no Python 3.11 or newer with venv and ensurepip found" \
        "${NEUROGRADE_PYTHON:+(NEUROGRADE_PYTHON=$NEUROGRADE_PYTHON)}" >&2
    say "Choose a newer base image in Gradescope's autograder settings (Ubuntu 24.04 has 3.12)." >&2
    exit 1
fi
say "making $VENV with $PYTHON ($("$PYTHON" --version))"
"$PYTHON" -m venv "${VENV_OPTIONS[@]}" "$VENV"
"$VENV/bin/python" -m pip install --disable-pip-version-check "${PIP_OPTIONS[@]}" \
    -r "$SOURCE/requirements.txt"
# --force-reinstall: the wheel, even where a neurograde of the same version is visible already.
"$VENV/bin/python" -m pip install --disable-pip-version-check "${PIP_OPTIONS[@]}" \
    --no-deps --force-reinstall "$WHEEL"
"$VENV/bin/python" -I -m neurograde.gradescope.run --root "$ROOT" --check
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# neurograde @VERSION@: Gradescope runs this for every upload. What it prints is the log that
# instructors see; learners see results.json. The root folder comes from NEUROGRADE_AUTOGRADER_ROOT
# (default: /autograder).
set -uo pipefail

ROOT="${NEUROGRADE_AUTOGRADER_ROOT:-/autograder}"
PYTHON="$ROOT/neurograde-venv/bin/python"
if [ ! -x "$PYTHON" ]; then
    echo "neurograde: $PYTHON is missing: setup.sh did not finish; see the image's build log."
    mkdir -p "$ROOT/results"
    printf '%s\n' '@SETUP_FAILED@' > "$ROOT/results/results.json"
    exit 1
fi
exec "$PYTHON" -I -m neurograde.gradescope.run --root "$ROOT"
"""


def render(template: str, *, version: str, wheel: str) -> str:
    """A script with this build's version and wheel file name filled in."""
    # The results.json of run_autograder when setup.sh never finished: a grading error. In
    # single quotes in the script, so the text must hold none.
    setup_failed = json.dumps(grading_error_results("setup.sh did not finish", 0.0))
    assert "'" not in setup_failed, "the grading-error text must not hold a single quote"
    return (
        template.replace("@VERSION@", version)
        .replace("@WHEEL@", wheel)
        .replace("@SETUP_FAILED@", setup_failed)
    )
