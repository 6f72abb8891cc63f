#!/usr/bin/env bash
# Runs a class from the broker's classpath, as the official kafka-run-class.sh does for the tools below.
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} ${KAFKA_OPTS:-} \
  -Dlog4j2.configurationFile=/etc/kafka/docker/tools-log4j2.properties \
  -cp '/opt/kafka/libs/*' "$@"
