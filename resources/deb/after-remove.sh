#!/bin/sh
# The .deb's postrm (electron-builder deb.afterRemove). POSIX sh, idempotent. On an upgrade or a
# rollback (dpkg's "upgrade" argument) it does nothing: the new version's postinst takes over.
# electron-builder expands $-brace macros in this file: shell variables here are written $name.
set -e

ROOT=${TURNERO_PACKAGE_ROOT:-}

case "$1" in
  remove | purge) ;;
  *) exit 0 ;;
esac

if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then
  systemctl disable --now turnero-kiosk.service turnero-update.timer || true
elif command -v systemctl >/dev/null 2>&1; then
  systemctl --root="$ROOT/" disable turnero-kiosk.service turnero-update.timer || true
fi
for unit in turnero-kiosk.service turnero-update.service turnero-update.timer; do
  rm -f "$ROOT/usr/lib/systemd/system/$unit"
done
rm -f "$ROOT/usr/lib/udev/rules.d/99-turnero.rules"
if [ -L "$ROOT/usr/bin/turnero" ]; then
  rm -f "$ROOT/usr/bin/turnero"
fi
if [ -f "$ROOT/etc/apparmor.d/turnero" ]; then
  if [ -z "$ROOT" ] && command -v apparmor_parser >/dev/null 2>&1; then
    apparmor_parser --remove /etc/apparmor.d/turnero || true
  fi
  rm -f "$ROOT/etc/apparmor.d/turnero"
fi
if [ -z "$ROOT" ]; then
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
  if command -v udevadm >/dev/null 2>&1; then udevadm control --reload-rules || true; fi
fi

# purge: the update helper's packages go. The kiosk's data (its database of tickets not yet
# delivered), its configuration and its user stay: removing them is an administrator's decision.
if [ "$1" = purge ]; then
  rm -rf "$ROOT/var/lib/turnero-update"
  echo "turnero: kept /var/lib/turnero (data), /etc/turnero (configuration) and the turnero user"
fi
exit 0
