#!/usr/bin/env bash
# Makes apache/kafka:4.1.2 and opensearchproject/opensearch:2.19.6 available to the local Docker engine. An image
# already there, or one the registry serves, is used as is; otherwise a stand-in is built under that exact name, from
# Maven Central artifacts (devstack's build output) on a Debian JRE base made with debootstrap. Nothing else is
# downloaded. Reruns are fast: existing images are skipped, the base rootfs is cached.
#
#   scripts/build-standin-images.sh [--rebuild]    --rebuild: rebuild the stand-ins even if the images exist
#
# Needs: a Docker engine (DOCKER_HOST as printed by scripts/ensure-container-engine.sh); root, the first time, for
# debootstrap. See docs/adr/0004-air-gapped-standin-images.md.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KAFKA_IMAGE=apache/kafka:4.1.2
OPENSEARCH_IMAGE=opensearchproject/opensearch:2.19.6
OPENSEARCH_VERSION=2.19.6
BASE_IMAGE=vigie/standin-jre:17-bookworm
CACHE=${VIGIE_ENGINE_ROOT:-/var/lib/vigie-engine}/cache
# curl: what compose healthchecks of the official OpenSearch image use.
PACKAGES=openjdk-17-jre-headless,curl
ROOTFS_TAR="$CACHE/bookworm-minbase-${PACKAGES//,/-}.tar"
MIRROR=${VIGIE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PULL_TIMEOUT=${VIGIE_PULL_TIMEOUT:-60}
DIST="$REPO/devstack/target"

log() { echo "build-standin-images: $*" >&2; }
fail() { log "$*"; exit 1; }
has_image() { docker image inspect "$1" >/dev/null 2>&1; }

rebuild=false
[[ "${1:-}" == "--rebuild" ]] && rebuild=true

docker info >/dev/null 2>&1 || fail "no Docker engine answers${DOCKER_HOST:+ at $DOCKER_HOST}; run: eval \"\$(scripts/ensure-container-engine.sh | sed 's/^/export /')\""

# What a stand-in is built from (versions in the root pom included), as a short hash: a stand-in built from other
# inputs is rebuilt.
INPUTS=$(cd "$REPO" && find pom.xml scripts/standins devstack/pom.xml devstack/src/opensearch devstack/src/kafka \
  devstack/src/main/java/io/vigie/devstack/kafka -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)

# Whether a stand-in must be built for $1: not when the image is here (the real one, or a stand-in of the same
# inputs) or can be pulled.
needs_standin() {
  local image=$1
  if $rebuild; then return 0; fi
  if has_image "$image"; then
    local labels
    labels=$(docker image inspect --format \
      '{{index .Config.Labels "io.vigie.standin"}} {{index .Config.Labels "io.vigie.standin.inputs"}}' "$image")
    if [[ "$labels" != *[a-z]* || "$labels" == "<no value> "* ]]; then
      log "$image: present"
      return 1
    fi
    if [[ "$labels" == *" $INPUTS" ]]; then
      log "$image: present (stand-in, up to date)"
      return 1
    fi
    log "$image: stand-in built from other inputs; rebuilding it"
    return 0
  fi
  log "$image: not present, trying to pull it"
  if timeout "$PULL_TIMEOUT" docker pull --quiet "$image" >&2 2>/dev/null; then
    log "$image: pulled"
    return 1
  fi
  log "$image: cannot be pulled; building a stand-in"
  return 0
}

build_kafka=false
build_opensearch=false
needs_standin "$KAFKA_IMAGE" && build_kafka=true
needs_standin "$OPENSEARCH_IMAGE" && build_opensearch=true
if ! $build_kafka && ! $build_opensearch; then
  exit 0
fi

started=$SECONDS

# The jars and the OpenSearch distribution: devstack's build output, the single module list included.
log "building devstack (broker classpath, OpenSearch distribution) with Maven"
(cd "$REPO" && ./mvnw -B -q -pl devstack -am -DskipTests package >&2) || fail "devstack build failed"
for required in "$DIST/devstack.jar" "$DIST/kafka/libs" "$DIST/kafka/config/log4j2.properties" \
                 "$DIST/opensearch-$OPENSEARCH_VERSION/bin/opensearch"; do
  [[ -e "$required" ]] || fail "$required missing after the devstack build"
done

build_base() {
  if has_image "$BASE_IMAGE" && ! $rebuild; then
    return
  fi
  if [[ ! -s "$ROOTFS_TAR" ]]; then
    [[ "$(id -u)" -eq 0 ]] || fail "building the base image needs root once (debootstrap); rerun as root"
    if ! command -v debootstrap >/dev/null 2>&1; then
      log "installing debootstrap (apt-get)"
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
    fi
    local rootfs
    mkdir -p "$CACHE"
    rootfs=$(mktemp -d /var/tmp/vigie-rootfs.XXXXXX)
    log "debootstrap bookworm (minbase + $PACKAGES) from $MIRROR"
    debootstrap --variant=minbase --include="$PACKAGES" bookworm "$rootfs" "$MIRROR" \
      >"$CACHE/debootstrap.log" 2>&1 || { tail -n 20 "$CACHE/debootstrap.log" >&2; rm -rf "$rootfs"; fail "debootstrap failed"; }
    # Only what the servers need at run time: no package caches, lists, docs or translations.
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
           "$rootfs"/usr/share/doc "$rootfs"/usr/share/man "$rootfs"/usr/share/info "$rootfs"/usr/share/locale \
           "$rootfs"/var/log/*.log "$rootfs"/var/log/apt "$rootfs"/debootstrap
    tar -C "$rootfs" -cf "$ROOTFS_TAR.tmp" . && mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
    rm -rf "$rootfs"
  fi
  log "importing $BASE_IMAGE from $ROOTFS_TAR"
  docker import \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' \
    "$ROOTFS_TAR" "$BASE_IMAGE" >/dev/null
}

# Builds $1 from scripts/standins/$2 with the given build-output folders copied into the context.
build_image() {
  local image=$1 name=$2
  shift 2
  local context
  context=$(mktemp -d /var/tmp/vigie-standin-context.XXXXXX)
  cp -a "$REPO/scripts/standins/$name" "$context/standin"
  local source
  for source in "$@"; do
    cp -a "${source%%=*}" "$context/${source#*=}"
  done
  log "building $image"
  # The classic builder: present with every engine version, no BuildKit component needed.
  DOCKER_BUILDKIT=0 docker build --quiet --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "io.vigie.standin.inputs=$INPUTS" \
    -f "$context/standin/Dockerfile" -t "$image" "$context" >/dev/null \
    || { rm -rf "$context"; fail "building $image failed"; }
  rm -rf "$context"
}

build_base
if $build_kafka; then
  build_image "$KAFKA_IMAGE" kafka "$DIST/kafka=kafka" "$DIST/devstack.jar=devstack.jar"
fi
if $build_opensearch; then
  build_image "$OPENSEARCH_IMAGE" opensearch "$DIST/opensearch-$OPENSEARCH_VERSION=opensearch"
fi
# Earlier stand-ins that a rebuild untagged.
docker image prune --force --filter label=io.vigie.standin >/dev/null 2>&1 || true
log "done in $((SECONDS - started)) s"
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E "^($KAFKA_IMAGE|$OPENSEARCH_IMAGE|$BASE_IMAGE) " >&2 || true
