#!/usr/bin/env bash
# Installs what builds and tests need on a fresh machine (idempotent, quick when all is there).
set -euo pipefail

need_apt=()
# zstd for the Parquet codec is loaded from the system library.
if ! ldconfig -p 2>/dev/null | grep -q 'libzstd.so.1'; then
  need_apt+=(libzstd1)
fi

# The Dask engine's tests run a local Dask cluster with the system python (not a pyenv python on PATH).
if ! /usr/bin/python3 -c 'import distributed, dask' >/dev/null 2>&1; then
  need_apt+=(python3-distributed python3-dask)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing: ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "missing Debian packages (run as root to install): ${need_apt[*]}" >&2
    exit 1
  fi
fi
