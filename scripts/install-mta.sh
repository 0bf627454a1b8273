#!/bin/sh
# Install Postfix and Dovecot (with its IMAP server) for the real-MTA tests (tests/test_postfix_compat.py,
# tests/test_delivery.py).
#
# The tests run their own private Postfix and Dovecot from a temporary directory, so all this
# needs is the binaries: the packages are installed without a mail configuration (debconf "No
# configuration"), without starting their system services (a policy-rc.d answering 101 while
# apt runs) and with those services disabled afterwards, so the machine never runs a mail
# server because of us. Does nothing when both packages are already there; never asks questions.
. "$(dirname "$0")/setup-lib.sh"

POLICY=/usr/sbin/policy-rc.d

deb_installed postfix && deb_installed dovecot-core && deb_installed dovecot-imapd && exit 0

echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections

# Keep a policy-rc.d that was there before us (containers ship one); remove only our own.
if [ ! -e "$POLICY" ]; then
    trap 'as_root rm -f "$POLICY"' EXIT
    trap 'exit 130' INT TERM # exit, so that the EXIT trap removes it on these too
    printf '#!/bin/sh\n# Installed by install-mta.sh while apt runs: start no services.\nexit 101\n' |
        as_root tee "$POLICY" >/dev/null
    as_root chmod 755 "$POLICY"
fi

ensure_debs postfix dovecot-core dovecot-imapd

# The packages enable their services for the next boot; the tests never want that.
for service in postfix dovecot; do
    as_root deb-systemd-helper disable "$service.service" >/dev/null 2>&1 || true
    [ ! -e "/etc/init.d/$service" ] || as_root update-rc.d "$service" disable >/dev/null 2>&1 || true
done
