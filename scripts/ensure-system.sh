#!/usr/bin/env bash
# The system packages the tests need (Debian): Chromium for the browser journeys,
# PostgreSQL 15 + pgTAP + pg_prove for the database tests. Installs what is
# missing when run as root; otherwise says what to install. Idempotent.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -f /usr/share/postgresql/15/extension/pgtap.control ] || need+=(postgresql-15-pgtap)
command -v pg_prove >/dev/null 2>&1 || need+=(libtap-parser-sourcehandler-pgtap-perl)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "Missing system packages: ${need[*]}" >&2
	echo "Install them with: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
	exit 1
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
