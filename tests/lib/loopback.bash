# shellcheck shell=bash
# Shared by the shell tests and the live stack: free loopback ports and a
# bounded poll. Sourced; defines functions only.

# loopback_port_floor / loopback_port_ceiling: the range ports are picked from,
# below the kernel's ephemeral range, so a port chosen here is not taken a
# moment later by some outgoing connection's source port (Prometheus scrapes,
# curl) of a test running beside this one.
loopback_port_ceiling() {
  local low
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  [ "$low" -gt 11000 ] 2>/dev/null && echo $((low - 1)) || echo 60999
}

# free_loopback_port: a port nothing listens on at 127.0.0.1 (checked, not reserved).
free_loopback_port() {
  local port ceiling floor=10000 _
  ceiling=$(loopback_port_ceiling)
  for _ in $(seq 1 100); do
    port=$((floor + (RANDOM * 32768 + RANDOM) % (ceiling - floor)))
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free loopback port found" >&2
  return 1
}

# free_loopback_ports VAR...: a distinct free port in each variable.
free_loopback_ports() {
  local var port taken=" "
  for var in "$@"; do
    port=$(free_loopback_port) || return 1
    while [[ $taken == *" $port "* ]]; do port=$(free_loopback_port) || return 1; done
    taken+="$port "
    printf -v "$var" '%s' "$port"
  done
}

# poll_until SECONDS COMMAND...: runs the command every 0.2 s until it succeeds;
# fails once SECONDS have passed.
poll_until() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}
