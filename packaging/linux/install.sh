#!/bin/sh
# Install Email Setup Wizard from this unpacked folder, or remove it again.
#
#   ./install.sh                  for you alone: into ~/.local (as root: /usr/local, for everyone)
#   ./install.sh --prefix DIR     into DIR/bin, DIR/lib, DIR/share
#   ./install.sh --uninstall      remove it (same --prefix as the install)
#
# Installing again replaces the previous version. The program files go to
# PREFIX/lib/email-setup-wizard, the commands email-setup-wizard and email-setup-wizard-gui to
# PREFIX/bin, the menu entry and icons to PREFIX/share. Saved accounts and keychain passwords
# are the user's and stay: remove those first with `email-setup-wizard accounts remove ADDRESS`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="${HOME:?}/.local"; fi
uninstall=no
while [ "$#" -gt 0 ]; do
    case $1 in
        --prefix) [ "$#" -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
            prefix=$2; shift 2 ;;
        --uninstall) uninstall=yes; shift ;;
        *) echo "usage: $0 [--prefix DIR] [--uninstall]" >&2; exit 2 ;;
    esac
done

# Whatever an earlier install put there goes first, so no file of an old version lingers.
(cd "$here" && find bin share \( -type f -o -type l \) -print) | while IFS= read -r file; do
    rm -f "$prefix/$file"
done
rm -rf "$prefix/lib/email-setup-wizard"

if [ "$uninstall" = no ]; then
    mkdir -p "$prefix"
    cp -R "$here/bin" "$here/lib" "$here/share" "$prefix/"
    # The menu entry names the program by its full path: ~/.local/bin is not on every PATH.
    for desktop in "$here"/share/applications/*.desktop; do
        sed -e "s|^Exec=\([^ ]*\)|Exec=\"$prefix/bin/\1\"|" -e "s|^TryExec=|TryExec=$prefix/bin/|" "$desktop" \
            >"$prefix/share/applications/$(basename "$desktop")"
    done
fi

# A theme with an icon cache only shows icons the cache knows; never create one, though.
if [ -f "$prefix/share/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache --quiet --force "$prefix/share/icons/hicolor" || true
fi

if [ "$uninstall" = yes ]; then
    echo "Email Setup Wizard removed from $prefix"
else
    echo "Email Setup Wizard installed in $prefix: start it from the menu, or run $prefix/bin/email-setup-wizard-gui"
fi
