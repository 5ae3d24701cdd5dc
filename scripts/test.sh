#!/usr/bin/env bash
# Builds and runs every test: `mvn -B verify` (extra arguments are passed to Maven).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_tools
cd "$ROOT"
exec mvn -B verify "$@"
