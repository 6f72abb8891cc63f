#!/usr/bin/env bash
# Makes sure a Docker engine answers, then prints the environment to reach it, as KEY=value lines on stdout (and
# nothing else there: logs go to stderr), for:  eval "$(scripts/ensure-container-engine.sh | sed 's/^/export /')"
#
# - An engine that already answers (DOCKER_HOST, the current docker context or the default socket) is used as is.
# - Otherwise, as root: installs docker.io from Debian if needed and starts dockerd by hand (no systemd needed), with
#   its own data, exec root and socket, publishing container ports on 127.0.0.1 only. Idempotent: a second run finds
#   it answering.
# - Otherwise: exits non-zero saying what to install or start.
#
# Environment printed: DOCKER_HOST; TESTCONTAINERS_RYUK_DISABLED=true (the Ryuk image cannot be pulled air-gapped);
# TESTCONTAINERS_HOST_OVERRIDE=localhost when the engine is local.
set -euo pipefail

ENGINE_ROOT=${VIGIE_ENGINE_ROOT:-/var/lib/vigie-engine}
RUN_ROOT=${VIGIE_ENGINE_RUN:-/run/vigie-engine}
SOCKET="$RUN_ROOT/docker.sock"
PIDFILE="$RUN_ROOT/dockerd.pid"
LOG="$ENGINE_ROOT/dockerd.log"
START_TIMEOUT=${VIGIE_ENGINE_START_TIMEOUT:-60}

log() { echo "ensure-container-engine: $*" >&2; }

answers() { DOCKER_HOST="$1" docker info >/dev/null 2>&1; }

print_env() {
  local host=$1
  echo "DOCKER_HOST=$host"
  echo "TESTCONTAINERS_RYUK_DISABLED=true"
  # Testcontainers would otherwise guess the host from DOCKER_HOST or a gateway address; ports are published on loopback.
  case "$host" in
    unix://*) echo "TESTCONTAINERS_HOST_OVERRIDE=localhost" ;;
  esac
}

# 1. An engine that already answers.
if command -v docker >/dev/null 2>&1; then
  current=${DOCKER_HOST:-}
  if [[ -z "$current" ]]; then
    current=$(docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null || true)
  fi
  current=${current:-unix:///var/run/docker.sock}
  if answers "$current"; then
    log "using the engine at $current"
    print_env "$current"
    exit 0
  fi
fi
# 2. The engine this script started earlier.
if [[ -S "$SOCKET" ]] && command -v docker >/dev/null 2>&1 && answers "unix://$SOCKET"; then
  log "using the engine started earlier at unix://$SOCKET"
  print_env "unix://$SOCKET"
  exit 0
fi

# 3. Start one: needs root.
if [[ "$(id -u)" -ne 0 ]]; then
  cat >&2 <<MSG
ensure-container-engine: no Docker engine answers (tried ${DOCKER_HOST:-the docker context and /var/run/docker.sock}).
  Install and start one, then rerun:
    - Debian/Ubuntu: sudo apt-get install docker.io && sudo systemctl start docker && sudo usermod -aG docker \$USER
      (log out and in for the group), or Docker Desktop / Podman with its Docker socket (set DOCKER_HOST);
    - or run this script as root: it installs docker.io and starts dockerd itself.
MSG
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends docker.io >&2
fi

mkdir -p "$ENGINE_ROOT" "$RUN_ROOT/exec"
# A pidfile left by a dockerd that died makes the next one refuse to start.
if [[ -f "$PIDFILE" ]]; then
  old=$(cat "$PIDFILE" 2>/dev/null || true)
  if [[ -n "$old" ]] && kill -0 "$old" 2>/dev/null; then
    log "dockerd (pid $old) runs but does not answer yet; waiting"
  else
    rm -f "$PIDFILE" "$SOCKET"
    old=""
  fi
else
  old=""
fi

if [[ -z "$old" ]]; then
  log "starting dockerd (socket unix://$SOCKET, data $ENGINE_ROOT/docker, log $LOG)"
  # Own session and no inherited stdout: it must outlive this script and not hold the caller's $(...) open.
  setsid dockerd \
    --data-root "$ENGINE_ROOT/docker" \
    --exec-root "$RUN_ROOT/exec" \
    --host "unix://$SOCKET" \
    --pidfile "$PIDFILE" \
    --ip=127.0.0.1 \
    </dev/null >>"$LOG" 2>&1 &
  started=$!
else
  started=$old
fi

for ((i = 0; i < START_TIMEOUT * 4; i++)); do
  if answers "unix://$SOCKET"; then
    log "engine up: $(DOCKER_HOST="unix://$SOCKET" docker version --format 'server {{.Server.Version}}' 2>/dev/null)"
    print_env "unix://$SOCKET"
    exit 0
  fi
  if ! kill -0 "$started" 2>/dev/null; then
    log "dockerd exited"
    break
  fi
  sleep 0.25
done
log "dockerd did not answer within ${START_TIMEOUT} s; see $LOG:"
tail -n 20 "$LOG" >&2 || true
exit 1
