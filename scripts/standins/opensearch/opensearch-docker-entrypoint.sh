#!/usr/bin/env bash
# Entrypoint of the stand-in opensearchproject/opensearch image. Like the official one: every environment variable
# named like a setting (lowercase words with dots, e.g. discovery.type) becomes a -E option; OPENSEARCH_JAVA_OPTS
# reaches the JVM; any other command runs as given.
set -euo pipefail

if [[ $# -gt 0 && "$1" != "opensearch" && "${1:0:1}" != "-" ]]; then
  exec "$@"
fi
[[ "${1:-}" == "opensearch" ]] && shift

settings=()
# Bash cannot name variables with dots, but passes them on: env lists them.
while IFS='=' read -r key value; do
  if [[ "$key" =~ ^[a-z0-9_]+\.[a-z0-9_]+ || "$key" == "processors" ]] && [[ -n "$value" ]]; then
    settings+=("-E${key}=${value}")
  fi
done < <(env)

# The official image's security switches: this stand-in has no security plugin, so HTTP without authentication
# is all it serves, which is what DISABLE_SECURITY_PLUGIN=true asks for.
if [[ "${DISABLE_SECURITY_PLUGIN:-false}" != "true" ]]; then
  echo "opensearch stand-in: no security plugin in this image; serving plain HTTP without authentication" >&2
fi

exec /usr/share/opensearch/bin/opensearch "${settings[@]}" "$@"
