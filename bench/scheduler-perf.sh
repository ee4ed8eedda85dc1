#!/usr/bin/env bash
# The scheduler benchmark (scheduler_perf SchedulingBasic, docs/BENCHMARKS.md) as it was run:
# starts its own etcd and WildFly with the EAR from ear/target (no node agent, controllers off:
# scheduler_perf runs an apiserver and the scheduler only), runs io.kubee.bench.SchedulerPerf once
# per argument, then stops what it started, by PID.
#
#   bench/scheduler-perf.sh 500:500:1000 5000:1000:10000 5000:1000:10000
#
# Each argument is nodes:init-pods:pods[:label[:jfr-name]]; with a jfr-name the run is recorded
# with JFR on WildFly's JVM (settings $JFC, default "default") into $OUT/<jfr-name>.jfr. The first
# runs of a fresh JVM are slow while the JIT compiles: warm up with one run of each size first.
# Environment: OUT (bench/results), STATE (a temporary directory), KUBEE_SP_HTTP_PORT (28080),
# KUBEE_SP_ETCD_PORT (22379), KUBEE_SP_JAVA_OPTS (extra WildFly JVM flags).
# Prerequisites: mvn -o -DskipTests package -pl ear,bench -am (EAR, WildFly, bench jar).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WILDFLY_HOME="$ROOT/ear/target/wildfly"
OUT="${OUT:-$ROOT/bench/results}"
STATE="${STATE:-$(mktemp -d /tmp/kubee-scheduler-perf.XXXXXX)}"
HTTP_PORT="${KUBEE_SP_HTTP_PORT:-28080}"
ETCD_PORT="${KUBEE_SP_ETCD_PORT:-22379}"
API="http://127.0.0.1:$HTTP_PORT"

((${#@} > 0)) || { sed -n '2,14p' "$0"; exit 2; }
[[ -f "$ROOT/ear/target/kubee.ear" && -x "$WILDFLY_HOME/bin/standalone.sh" \
  && -f "$ROOT/bench/target/kubee-bench.jar" ]] \
  || { echo "build first: mvn -o -DskipTests package -pl ear,bench -am" >&2; exit 1; }

stop() {
  local name pid
  for name in wildfly launcher etcd; do
    [[ -f "$STATE/$name.pid" ]] || continue
    pid="$(cat "$STATE/$name.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$STATE/$name.pid"
  done
}
trap stop EXIT

mkdir -p "$STATE/etcd" "$STATE/wildfly/configuration" "$STATE/wildfly/deployments" "$OUT"
setsid nohup etcd --name scheduler-perf --data-dir "$STATE/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
  --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 1))" \
  --initial-cluster "scheduler-perf=http://127.0.0.1:$((ETCD_PORT + 1))" \
  --quota-backend-bytes 8589934592 --log-level warn >"$STATE/etcd.log" 2>&1 </dev/null &
echo $! >"$STATE/etcd.pid"

cp -a "$WILDFLY_HOME/standalone/configuration/." "$STATE/wildfly/configuration/"
rm -rf "$STATE/wildfly/configuration/standalone_xml_history"
cat >"$STATE/wildfly/kubee.properties" <<EOF
jboss.http.port=$HTTP_PORT
jboss.https.port=$((HTTP_PORT + 1))
jboss.management.http.port=$((HTTP_PORT + 2))
jboss.tx.node.id=kubee-1
kubee.etcd.endpoints=http://127.0.0.1:$ETCD_PORT
kubee.controllers.enabled=false
EOF
cp "$ROOT/ear/target/kubee.ear" "$STATE/wildfly/deployments/kubee.ear"
LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$STATE/wildfly.pid" \
  JBOSS_JAVA_SIZING="-Xms2g -Xmx3g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m ${KUBEE_SP_JAVA_OPTS:-}" \
  setsid nohup "$WILDFLY_HOME/bin/standalone.sh" -Djboss.server.base.dir="$STATE/wildfly" \
  -P "$STATE/wildfly/kubee.properties" >"$STATE/wildfly-console.log" 2>&1 </dev/null &
echo $! >"$STATE/launcher.pid"

# Ready when the apiserver answers and the EAR's scheduler holds its Lease.
for i in $(seq 1 180); do
  if curl -sf "$API/readyz" >/dev/null 2>&1 && curl -s \
      "$API/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler" \
      | grep -q holderIdentity; then
    break
  fi
  ((i < 180)) || { echo "not ready; see $STATE/wildfly-console.log" >&2; exit 1; }
  sleep 1
done
WILDFLY_PID="$(cat "$STATE/wildfly.pid")"
ETCD_PID="$(cat "$STATE/etcd.pid")"
echo "up: $API (wildfly $WILDFLY_PID, etcd $ETCD_PID, state $STATE)"

for spec in "$@"; do
  IFS=: read -r nodes init pods label jfr <<<"$spec"
  echo "== $(date -u +%T) $spec; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ -n "${jfr:-}" ]]; then
    jcmd "$WILDFLY_PID" JFR.start name=scheduler-perf settings="${JFC:-default}" \
      filename="$OUT/$jfr.jfr" >/dev/null
  fi
  java -Xms512m -Xmx1g -cp "$ROOT/bench/target/kubee-bench.jar" io.kubee.bench.SchedulerPerf \
    --api "$API" --nodes "$nodes" --init-pods "$init" --pods "$pods" \
    --server-pid "$WILDFLY_PID" --etcd-pid "$ETCD_PID" --out "$OUT" --label "${label:-}"
  if [[ -n "${jfr:-}" ]]; then
    jcmd "$WILDFLY_PID" JFR.stop name=scheduler-perf >/dev/null
  fi
done
