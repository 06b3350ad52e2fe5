#!/usr/bin/env bash
# Measures TCP ping-pong latency with sockperf on the lab topology, for the paths the simulator's
# lab-vm cost profile is calibrated against: loopback, pod-to-pod over veth through a node namespace
# (direct), and the same with HAProxy sidecars behind iptables REDIRECT (sidecar).
#
# Needs root, iproute2, iptables, haproxy, sockperf. Everything it makes is prefixed "slm-" and lives
# in its own network namespaces (the host's own namespace, iptables and sysctls are never touched);
# it is all removed on exit, Ctrl-C included.
#
# usage: measure-paths.sh [seconds-per-path] [message-bytes]
set -euo pipefail
SECONDS_PER_PATH=${1:-10}
MSG=${2:-64}
P=slm
WORK=$(mktemp -d /tmp/$P.XXXXXX)

cleanup() {
  for pidf in "$WORK"/*.pid; do [ -f "$pidf" ] && kill "$(cat "$pidf")" 2>/dev/null || true; done
  for ns in $P-client $P-node $P-server; do
    ip netns pids $ns 2>/dev/null | xargs -r kill 2>/dev/null || true  # servers started through ip netns exec
    ip netns del $ns 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

[ "$(id -u)" = 0 ] || { echo "measure-paths.sh: needs root (network namespaces, iptables)" >&2; exit 2; }
for tool in ip iptables haproxy sockperf; do
  command -v $tool >/dev/null || { echo "measure-paths.sh: '$tool' is not installed" >&2; exit 2; }
done

ns() { ip netns exec "$@"; }

# Pods as namespaces, joined through a node namespace by two veth pairs, as a CNI would.
for n in client node server; do ip netns add $P-$n; ns $P-$n ip link set lo up; done
ip link add $P-c0 netns $P-client type veth peer name $P-c1 netns $P-node
ip link add $P-s0 netns $P-server type veth peer name $P-s1 netns $P-node
ns $P-client ip addr add 10.201.1.2/24 dev $P-c0; ns $P-client ip link set $P-c0 up
ns $P-server ip addr add 10.201.2.2/24 dev $P-s0; ns $P-server ip link set $P-s0 up
ns $P-node ip addr add 10.201.1.1/24 dev $P-c1; ns $P-node ip link set $P-c1 up
ns $P-node ip addr add 10.201.2.1/24 dev $P-s1; ns $P-node ip link set $P-s1 up
ns $P-node sysctl -qw net.ipv4.ip_forward=1
ns $P-client ip route add default via 10.201.1.1
ns $P-server ip route add default via 10.201.2.1

ROUND_TRIPS=$((SECONDS_PER_PATH * 2000))
gcc -O2 -pthread -o "$WORK/workload-driver" "$(dirname "$0")/../src/main/c/workload-driver.c" -lm

# Two yardsticks per path: sockperf (reports half the round trip) and the lab's workload driver in its
# ping-pong (one connection, blocking; every round trip in ns, summarised here as µs percentiles).
measure() { # label, namespace, address
  local sp
  sp=$(ns "$2" sockperf pp --tcp -i "$3" -p 11111 -m "$MSG" -t "$SECONDS_PER_PATH" 2>&1 |
       grep -E 'percentile (50.000|90.000|99.000) ' | awk '{printf "p%d=%s ", $(NF-2), $NF}')
  printf '%-9s sockperf half-rtt_us %s| pingpong %s\n' "$1" "$sp" \
    "$(ns "$2" "$WORK/workload-driver" client "$3" 11112 "$ROUND_TRIPS" "$MSG" "$MSG" 1 0 0 1 | grep -v '^cpu' |
       sort -n | awk '{t[NR]=$1} END {printf "rtt_us p50=%.1f p90=%.1f p99=%.1f", t[int(NR/2)]/1e3, t[int(NR*0.9)]/1e3, t[int(NR*0.99)]/1e3}')"
}
ns $P-server sockperf sr --tcp -i 0.0.0.0 -p 11111 >/dev/null 2>&1 & echo $! > "$WORK/sockperf.pid"
ns $P-server "$WORK/workload-driver" server 11112 "$MSG" "$MSG" 1 & echo $! > "$WORK/workload-driver.pid"
sleep 1
measure loopback $P-server 127.0.0.1
measure direct $P-client 10.201.2.2

# Sidecars: outbound REDIRECT in the client pod, inbound REDIRECT in the server pod; the proxy's own
# traffic is exempt by its uid, as Istio does.
proxy_config() { # direction-name, upstream address, first listen port
  printf 'global\n  user haproxy\n  nbthread 1\ndefaults\n  mode tcp\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n'
  for i in 0 1; do
    printf 'listen %s%d\n  bind 0.0.0.0:%d\n  server upstream %s:%d\n' "$1" $i $(($3 + i)) "$2" $((11111 + i))
  done
}
proxy_config outbound 10.201.2.2 15001 > "$WORK/out.cfg"
proxy_config inbound 127.0.0.1 15006 > "$WORK/in.cfg"
ns $P-client haproxy -D -p "$WORK/hout.pid" -f "$WORK/out.cfg"
ns $P-server haproxy -D -p "$WORK/hin.pid" -f "$WORK/in.cfg"
for i in 0 1; do
  ns $P-client iptables -t nat -A OUTPUT -p tcp -d 10.201.2.2 --dport $((11111 + i)) \
    -m owner ! --uid-owner haproxy -j REDIRECT --to-ports $((15001 + i))
  ns $P-server iptables -t nat -A PREROUTING -p tcp --dport $((11111 + i)) -j REDIRECT --to-ports $((15006 + i))
done
sleep 1
measure sidecar $P-client 10.201.2.2
