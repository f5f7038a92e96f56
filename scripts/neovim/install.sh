#!/usr/bin/env bash
# Installs Neovim for `npm run test:neovim` (test/neovim/). Idempotent: does nothing when an `nvim`
# is already on PATH. Uses Debian/Ubuntu's package (Debian 12 ships 0.7.2, the oldest version the
# test supports); run as root or with sudo available. Not needed for `npm test`, which skips the
# Neovim test when nvim is missing.
set -euo pipefail

if command -v nvim >/dev/null 2>&1; then
  echo "neovim already installed: $(nvim --version | head -n 1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install.sh: no apt-get here; install Neovim >= 0.7.2 with your package manager" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install.sh: run as root (or install sudo) to install the neovim package" >&2
    exit 1
  fi
fi

$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends neovim
echo "installed: $(nvim --version | head -n 1)"
