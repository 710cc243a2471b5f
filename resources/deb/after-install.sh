#!/bin/sh
# The .deb's postinst (electron-builder deb.afterInstall; it replaces electron-builder's own, whose
# work it keeps: the /usr/bin link, the chrome-sandbox mode, the AppArmor profile). POSIX sh and
# idempotent: dpkg runs it at every install, upgrade, reinstall and rollback.
# electron-builder expands $-brace macros in this file: shell variables here are written $name.
set -e

APP_DIR=/opt/Turnero
RESOURCES=$APP_DIR/resources
# TURNERO_PACKAGE_ROOT: an alternate root, for the package's own tests only.
ROOT=${TURNERO_PACKAGE_ROOT:-}
UNIT_DIR=$ROOT/usr/lib/systemd/system
UDEV_DIR=$ROOT/usr/lib/udev/rules.d
KIOSK_USER=turnero

case "$1" in
  configure | abort-upgrade | abort-remove | abort-deconfigure | '') ;;
  *) exit 0 ;;
esac
# Empty on a first install; the version configured before on an upgrade.
previous_version=$2

have() {
  command -v "$1" >/dev/null 2>&1
}

# The kiosk's own user, in the groups of its devices: dialout (serial scanners and printers) and
# lp (USB printer-class printers). No login shell, no password.
if ! getent passwd "$KIOSK_USER" >/dev/null; then
  useradd --system --user-group --home-dir /var/lib/turnero --no-create-home \
    --shell /usr/sbin/nologin --comment "Turnero kiosk" "$KIOSK_USER"
fi
for group in dialout lp video render input; do
  if getent group "$group" >/dev/null; then
    usermod -a -G "$group" "$KIOSK_USER"
  fi
done

# Its folders: the data (the database lives below), the files it shares with the root update
# helper, the helper's own, and the configuration (readable by the kiosk, written by root).
install -d -m 0750 "$ROOT/var/lib/turnero" "$ROOT/var/lib/turnero/appliance"
chown "$KIOSK_USER:$KIOSK_USER" "$ROOT/var/lib/turnero" "$ROOT/var/lib/turnero/appliance"
install -d -m 0700 "$ROOT/var/lib/turnero-update" "$ROOT/var/lib/turnero-update/staged"
install -d -m 0750 "$ROOT/etc/turnero"
chown "root:$KIOSK_USER" "$ROOT/etc/turnero"

# udev rules for the ticket printer and the scanner.
install -d -m 0755 "$UDEV_DIR"
install -m 0644 "$ROOT$RESOURCES/udev/99-turnero.rules" "$UDEV_DIR/99-turnero.rules"

# The kiosk session and the update helper: the units run the scripts directly.
chmod 0755 "$ROOT$RESOURCES/appliance/turnero-session" "$ROOT$RESOURCES/appliance/turnero-update"
install -d -m 0755 "$UNIT_DIR"
for unit in turnero-kiosk.service turnero-update.service turnero-update.timer; do
  install -m 0644 "$ROOT$RESOURCES/appliance/$unit" "$UNIT_DIR/$unit"
done

# A technician's shortcut: `turnero --version`.
install -d -m 0755 "$ROOT/usr/bin"
ln -sf "$APP_DIR/turnero" "$ROOT/usr/bin/turnero"

# Electron's sandbox: unprivileged user namespaces where the kernel allows them (Debian 12 does),
# the setuid helper only where it does not.
if [ -e "$ROOT$APP_DIR/chrome-sandbox" ]; then
  if [ -L /proc/self/ns/user ] && have unshare && unshare --user true 2>/dev/null; then
    chmod 0755 "$ROOT$APP_DIR/chrome-sandbox"
  else
    chmod 4755 "$ROOT$APP_DIR/chrome-sandbox"
  fi
fi

# The AppArmor profile electron-builder ships (for AppArmor 4, Ubuntu 24+; skipped where the
# installed AppArmor cannot read it, as on Debian 12).
if [ -z "$ROOT" ] && have apparmor_parser && [ -f "$RESOURCES/apparmor-profile" ] &&
  apparmor_parser --skip-kernel-load --debug "$RESOURCES/apparmor-profile" >/dev/null 2>&1; then
  cp -f "$RESOURCES/apparmor-profile" /etc/apparmor.d/turnero
  apparmor_parser --replace --write-cache --skip-read-cache /etc/apparmor.d/turnero || true
fi

# Only on the running system: not in a chroot image build, nor in the package's tests.
running_systemd() {
  [ -z "$ROOT" ] && [ -d /run/systemd/system ]
}
if [ -z "$ROOT" ] && have udevadm; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=usbmisc --subsystem-match=tty || true
fi
if running_systemd; then
  systemctl daemon-reload || true
fi
# Enabled on the first install only: an administrator's later `systemctl disable` is kept.
if [ -z "$previous_version" ] && have systemctl; then
  if [ -z "$ROOT" ]; then
    systemctl enable turnero-kiosk.service turnero-update.timer || true
  else
    systemctl --root="$ROOT" enable turnero-kiosk.service turnero-update.timer || true
  fi
fi
# The kiosk is never (re)started from here: a first install starts at the next boot, once
# /etc/turnero/kiosk.json exists; an update is restarted by the update helper that installed it.
exit 0
