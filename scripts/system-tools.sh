#!/bin/sh
# Install the Debian packages behind missing system tools: `system-tools.sh CMD=PACKAGE ...`
# (CMD may be an absolute path: a file the package installs, such as a font).
# As root with apt-get, installs what is missing; otherwise prints the one line to run.
# Python packages never come from here: they install from pyproject.toml.
missing=""
for pair in "$@"; do
    cmd=${pair%%=*}
    pkg=${pair#*=}
    case $cmd in
        /*) [ -e "$cmd" ] || missing="$missing $pkg" ;;
        *) command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null \
        || echo "could not install$missing; files that need them will fail with a reason naming what to install"
else
    echo "optional system packages missing:$missing (run: sudo apt-get install$missing); files that need them fail with that reason"
fi
exit 0
