# shellcheck shell=bash
# The node side of `bin/kubee up|down|status`: the image registry with the project's images,
# containerd with its own config, socket and state, and one node agent (node-agent/). Sourced by
# bin/kubee, which provides STATE, LOGS, ROOT, KUBECONFIG_FILE and the process helpers (pid_of,
# stop_pid, wait_until, log, die). Every process is recorded in a PID file and stopped by it.

REGISTRY_PORT="${KUBEE_REGISTRY_PORT:-5000}"
KUBELET_PORT="${KUBEE_KUBELET_PORT:-10250}"
KUBELET_HEALTHZ_PORT="${KUBEE_KUBELET_HEALTHZ_PORT:-10248}"
POD_SUBNET="${KUBEE_POD_SUBNET:-10.88.0.0/16}"
CNI_BRIDGE="${KUBEE_CNI_BRIDGE:-kubee0}"
NODE_AGENT_JAR="$ROOT/node-agent/target/node-agent.jar"

REGISTRY_DIR="$STATE/registry"
CONTAINERD_DIR="$STATE/containerd"
NODE_DIR="$STATE/node"
CONTAINERD_SOCK="$CONTAINERD_DIR/containerd.sock"

# The Debian packages the node needs, as "package:command" (a command starting with / is a path).
NODE_PACKAGES=(
  "containerd:containerd"
  "runc:runc"
  "containernetworking-plugins:/usr/lib/cni/bridge"
  "iptables:iptables"
  "docker-registry:docker-registry"
  "busybox-static:/bin/busybox"
  "skopeo:skopeo"
  "umoci:umoci"
)

node_ports() { echo "$REGISTRY_PORT $KUBELET_PORT $KUBELET_HEALTHZ_PORT"; }

# The node's name and IP: the host's name and loopback, unless KUBEE_NODE_NAME / KUBEE_NODE_IP
# say otherwise. Like the apiserver (127.0.0.1 only), the kubelet API listens on the node IP and
# does not authenticate its clients yet, so it stays on loopback unless asked.
node_name() { echo "${KUBEE_NODE_NAME:-$(hostname | tr '[:upper:]' '[:lower:]')}"; }
node_ip() { echo "${KUBEE_NODE_IP:-127.0.0.1}"; }

start_registry() {
  mkdir -p "$REGISTRY_DIR/data" "$LOGS"
  # the project's own config: loopback only, no auth (the package's default listens everywhere)
  cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
EOF
  log "starting the image registry on 127.0.0.1:$REGISTRY_PORT (data in $REGISTRY_DIR)"
  setsid nohup docker-registry serve "$REGISTRY_DIR/config.yml" \
    >>"$LOGS/registry.log" 2>&1 </dev/null &
  echo $! >"$STATE/registry.pid"
  wait_until 30 "the registry" registry_ready \
    || die "the registry did not start; log: $LOGS/registry.log"
}

registry_ready() { [[ "$(http_code "http://127.0.0.1:$REGISTRY_PORT/v2/")" == 200 ]]; }

push_images() {
  log "building the images (busybox:1, pause:1) into localhost:$REGISTRY_PORT"
  "$ROOT/node-agent/images/build.sh" "127.0.0.1:$REGISTRY_PORT" "$STATE/images" \
    >>"$LOGS/images.log" 2>&1 || die "building the images failed; log: $LOGS/images.log"
}

start_containerd() {
  mkdir -p "$CONTAINERD_DIR/net.d" "$CONTAINERD_DIR/ipam" "$LOGS"
  # shared/reference/CRI.md: restrict_oom_score_adj is required on these VMs; netns mounts and
  # runc state under our own directories; CRI streaming on loopback only
  cat >"$CONTAINERD_DIR/config.toml" <<EOF
version = 2
root = "$CONTAINERD_DIR/root"
state = "$CONTAINERD_DIR/state"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "localhost:$REGISTRY_PORT/pause:1"
  netns_mounts_under_state_dir = true
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CONTAINERD_DIR/net.d"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        Root = "$CONTAINERD_DIR/runc"
        SystemdCgroup = false
EOF
  cat >"$CONTAINERD_DIR/net.d/10-kubee.conflist" <<EOF
{"cniVersion":"1.0.0","name":"kubee","plugins":[
 {"type":"bridge","bridge":"$CNI_BRIDGE","isGateway":true,"ipMasq":true,"hairpinMode":true,
  "ipam":{"type":"host-local","dataDir":"$CONTAINERD_DIR/ipam","ranges":[[{"subnet":"$POD_SUBNET"}]],
          "routes":[{"dst":"0.0.0.0/0"}]}},
 {"type":"portmap","capabilities":{"portMappings":true}}]}
EOF
  log "starting containerd (socket $CONTAINERD_SOCK, state in $CONTAINERD_DIR)"
  setsid nohup containerd --config "$CONTAINERD_DIR/config.toml" \
    >>"$LOGS/containerd.log" 2>&1 </dev/null &
  echo $! >"$STATE/containerd.pid"
  wait_until 30 "containerd's socket" test -S "$CONTAINERD_SOCK" \
    || die "containerd did not start; log: $LOGS/containerd.log"
}

start_node_agent() {
  [[ -f "$NODE_AGENT_JAR" ]] || die "no node agent at $NODE_AGENT_JAR: run 'mvn' (or bin/kubee up)"
  local ip name
  ip="$(node_ip)"
  name="$(node_name)"
  mkdir -p "$NODE_DIR" "$LOGS"
  log "starting the node agent: node $name ($ip), kubelet API https://$ip:$KUBELET_PORT"
  # shellcheck disable=SC2086
  setsid nohup java ${KUBEE_NODE_JAVA_OPTS:--Xms64m -Xmx512m} -jar "$NODE_AGENT_JAR" \
    --kubeconfig "$KUBECONFIG_FILE" \
    --container-runtime-endpoint "unix://$CONTAINERD_SOCK" \
    --hostname-override "$name" --node-ip "$ip" --address "$ip" \
    --port "$KUBELET_PORT" --healthz-port "$KUBELET_HEALTHZ_PORT" \
    --root-dir "$NODE_DIR/kubelet" --pod-log-dir "$NODE_DIR/pods" \
    --cgroup-root "/kubee" \
    >>"$LOGS/node-agent.log" 2>&1 </dev/null &
  echo $! >"$STATE/node-agent.pid"
  wait_until 60 "the node agent's /healthz" node_agent_healthy \
    || die "the node agent did not start; log: $LOGS/node-agent.log"
  wait_until 60 "node $name to be Ready" node_ready "$name" \
    || die "node $name is not Ready; log: $LOGS/node-agent.log"
}

node_agent_healthy() {
  is_running node-agent || die "the node agent exited; log: $LOGS/node-agent.log"
  [[ "$(http_code "http://127.0.0.1:$KUBELET_HEALTHZ_PORT/healthz")" == 200 ]]
}

node_ready() {  # node_ready NAME: the Node's Ready condition is True
  curl -s --max-time 5 "$API_HTTP/api/v1/nodes/$1" 2>/dev/null | tr -d ' \n' \
    | grep '"status":"True","type":"Ready"\|"type":"Ready","status":"True"' >/dev/null
}

# The node's processes, each started unless it runs already; the images are pushed when the
# registry lacks them.
start_node() {
  is_running registry || start_registry
  push_images
  is_running containerd || start_containerd
  is_running node-agent || start_node_agent
}

# Everything the node started goes, pods first: stopping containerd alone would leave their
# shims and processes running. The node agent's RuntimeCleanup stops and removes every sandbox
# (which frees its network namespace and CNI address) before containerd stops.
stop_node() {
  local stopped=0
  stop_pid node-agent 30 && stopped=1
  if is_running containerd && [[ -f "$NODE_AGENT_JAR" ]]; then
    log "removing the pods from containerd"
    java -cp "$NODE_AGENT_JAR" io.kubee.node.RuntimeCleanup \
      --container-runtime-endpoint "unix://$CONTAINERD_SOCK" >>"$LOGS/node-agent.log" 2>&1 \
      || log "could not remove every pod (see $LOGS/node-agent.log)"
  fi
  stop_pid containerd 20 && stopped=1
  # the pods' bridge, which the CNI bridge plugin created (it is recreated with the first pod)
  if ip link show "$CNI_BRIDGE" >/dev/null 2>&1; then
    ip link del "$CNI_BRIDGE" 2>/dev/null || log "could not remove the bridge $CNI_BRIDGE"
  fi
  stop_pid registry 10 && stopped=1
  ((stopped))
}

node_status() {  # prints status lines; returns 1 when something is not up
  local ok=1 pid
  for name in registry containerd node-agent; do
    if pid="$(pid_of "$name")"; then
      status_line "$name" running "pid $pid"
    else
      status_line "$name" stopped ""
      ok=0
    fi
  done
  if is_running node-agent; then
    local node
    node="$(node_name)"
    if node_ready "$node"; then
      status_line node Ready "$node  kubelet https://$(node_ip):$KUBELET_PORT"
    else
      status_line node "NOT ready" "$node"
      ok=0
    fi
  fi
  ((ok))
}
