# Shared by scripts/start and scripts/test: system packages and the virtual environment.
# Sourced, not run. Works as root (CI) or through sudo; never asks questions.

set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
VENV="$REPO/.venv"
PYTHON=${PYTHON:-python3}

say() { printf '==> %s\n' "$*" >&2; }

# Install the Debian packages named, skipping those already present (apt-get update only when
# something is missing, so a second run is fast and works offline).
ensure_debs() {
    missing=""
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        say "please install these system packages with your package manager:$missing"
        return 1
    fi
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    say "installing system packages:$missing"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# The libraries Qt's xcb and offscreen platforms load (see shared field notes).
QT_DEBS="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 fonts-dejavu-core"

# Create .venv with a Python >= 3.11 and install the project (editable) with the given extras.
ensure_venv() {
    extras=$1
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        say "Email Setup Wizard needs Python 3.11 or newer; set PYTHON=/path/to/python3.11"
        return 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || ensure_debs python3-venv
        say "creating $VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    say "installing Python packages"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install --quiet -e "$REPO$extras"
}
