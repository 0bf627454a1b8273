# Shared by scripts/start and scripts/test: system packages and the virtual environment.
# Sourced, not run. Works as root (CI) or through sudo; never asks questions.
#
# Tested on bare Debian 12 and Ubuntu 24.04 (debootstrap minbase with python3 and
# ca-certificates): everything else the scripts use is installed from here.

set -eu

REPO=$(cd "$(dirname "$0")/.." && pwd)
# The Python to build the virtual environment from, and where it goes: .ci/run sets both for
# its second pass under the distribution's own /usr/bin/python3.
PYTHON=${PYTHON:-python3}
VENV=${VENV:-$REPO/.venv}

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deb_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"
}

# The first of NAME|OTHER|... that the package archive can install. Debian 13 and Ubuntu 24.04
# renamed libraries for 64-bit time_t (libglib2.0-0t64, libpython3.12t64); Debian 12 has only
# the old names, and the new ones are merely virtual where both exist.
deb_candidate() {
    for name in $(printf '%s' "$1" | tr '|' ' '); do
        candidate=$(apt-cache policy "$name" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
        if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
            printf '%s' "$name"
            return 0
        fi
    done
    say "no package $1 in this system's package sources"
    return 1
}

# Install the Debian packages named (NAME, or NAME|OTHER for alternatives), skipping those
# already present: apt-get update only when something is missing, so a second run is fast and
# works offline.
ensure_debs() {
    missing=""
    for spec in "$@"; do
        present=""
        for name in $(printf '%s' "$spec" | tr '|' ' '); do
            if deb_installed "$name"; then present=yes; fi
        done
        [ -n "$present" ] || missing="$missing $spec"
    done
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        say "please install these system packages with your package manager:$missing"
        return 1
    fi
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        say "these system packages are missing:$missing; run this as root, or install sudo"
        return 1
    fi
    say "installing system packages:$missing"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    names=""
    for spec in $missing; do
        names="$names $(deb_candidate "$spec")"
    done
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        $names </dev/null >/dev/null
}

# The libraries Qt's xcb and offscreen platforms load (see shared field notes).
QT_DEBS="libglib2.0-0t64|libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 \
libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
libxcb-xkb1 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core"

# "3.11" for the given Python (default: $PYTHON).
python_version() {
    "${1:-$PYTHON}" -c 'import sys; print("%d.%d" % sys.version_info[:2])'
}

# Whether the given Python is the distribution's own (Debian's or Ubuntu's packages), whose
# optional parts (venv, the shared libpython) come as packages named after its version.
is_distribution_python() {
    [ "$("$1" -c 'import sys; print(sys.base_prefix)')" = /usr ] && command -v dpkg-query >/dev/null
}

# Create .venv with a Python >= 3.11 and install the project (editable) with the given extras.
ensure_venv() {
    extras=$1
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        say "Email Setup Wizard needs Python 3.11 or newer; set PYTHON=/path/to/python3.11"
        return 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
            # Debian and Ubuntu ship venv's pip bootstrap separately, per Python version.
            is_distribution_python "$PYTHON" || {
                say "$PYTHON has no venv module with pip (ensurepip); use another Python"
                return 1
            }
            ensure_debs "python$(python_version)-venv"
        fi
        say "creating $VENV with $("$PYTHON" --version)"
        "$PYTHON" -m venv "$VENV"
    fi
    say "installing Python packages"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install --quiet -e "$REPO$extras"
}

# PyInstaller bundles the shared libpython of the Python it runs on. Debian's and Ubuntu's
# python3 packages do not install it: it is in libpython3.X (Ubuntu 24.04: libpython3.12t64).
ensure_libpython() {
    python=$1
    library=$("$python" -c 'import sysconfig as s; print(s.get_config_var("LIBDIR") + "/" + str(s.get_config_var("INSTSONAME")))')
    [ ! -e "$library" ] || return 0
    if ! is_distribution_python "$python"; then
        say "$python has no shared library $library, which PyInstaller needs: use a Python built with --enable-shared"
        return 1
    fi
    version=$(python_version "$python")
    ensure_debs "libpython${version}t64|libpython$version"
}
