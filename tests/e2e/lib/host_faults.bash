# shellcheck shell=bash disable=SC2153  # STACK_DIR: set by the caller
# Faults on the demo host's files, made for real (tests/e2e/lib/stack.bash
# creates the host folder): a small data filesystem that can be filled, WAL
# segments written fast, a WAL segment with a bad magic, an expired certificate.
# Nothing here touches what the exporter reports; the exporter reads the files.

HOST_DATA_FS_MIB=128   # the data filesystem's size when it is a real small one

# host_data_fs_possible: a tmpfs can be mounted here, i.e. this shell runs as
# root inside a private mount namespace (see host_data_fs_reexec).
host_data_fs_possible() { [ "${SYMPTREE_E2E_MOUNT_NS:-}" = 1 ]; }

# host_data_fs_reexec SCRIPT ARGS...: re-runs the script in its own mount
# namespace when root and unshare allow it, so that the data filesystem it
# mounts disappears with it, however it ends. Returns when that is not possible.
host_data_fs_reexec() {
  [ "${SYMPTREE_E2E_MOUNT_NS:-}" = "" ] || return 0
  [ "$(id -u)" = 0 ] && command -v unshare >/dev/null || return 0
  unshare --mount --propagation private true 2>/dev/null || return 0
  SYMPTREE_E2E_MOUNT_NS=1 exec unshare --mount --propagation private bash "$@"
}

# host_mount_data_fs: the data folder of the demo host on a tmpfs of
# HOST_DATA_FS_MIB, before anything is written into it.
host_mount_data_fs() {
  mkdir -p "$STACK_DIR/host/data"
  mount -t tmpfs -o "size=${HOST_DATA_FS_MIB}m,mode=0755" symptree-e2e "$STACK_DIR/host/data" ||
    stack_fail "could not mount a tmpfs on $STACK_DIR/host/data"
}

host_unmount_data_fs() {
  ! mountpoint -q "$STACK_DIR/host/data" || umount "$STACK_DIR/host/data"
}

# host_data_used_percent: the data filesystem's used share, as the exporter
# computes it: used / (used + available to unprivileged users).
host_data_used_percent() {
  local blocks free avail
  read -r blocks free avail < <(stat -f -c '%b %f %a' "$STACK_DIR/host/data")
  echo $(((blocks - free) * 100 / (blocks - free + avail)))
}

# host_write_wal_segments PERCENT: writes 4 MiB WAL segments (with a valid
# magic) every 0.25 s, about 16 MiB/s, until the data filesystem is PERCENT used.
host_write_wal_segments() {
  local target=$1 n=100
  while [ "$(host_data_used_percent)" -lt "$target" ]; do
    { printf 'STMW\0\0\0\1'; head -c 4194304 /dev/zero; } >"$STACK_DIR/host/data/wal/$(printf '%06d' "$n").wal"
    n=$((n + 1))
    [ "$n" -lt 200 ] || stack_fail "the data filesystem did not fill up"
    sleep 0.25
  done
}

# host_fill_data_fs PERCENT: one file in data/db that brings the data
# filesystem to PERCENT used (100: until "No space left on device").
host_fill_data_fs() {
  local target=$1 mib=0
  while [ "$(host_data_used_percent)" -lt "$target" ]; do
    mib=$((mib + 1))
    if ! head -c 1048576 /dev/zero >>"$STACK_DIR/host/data/db/fill" 2>/dev/null; then
      [ "$target" = 100 ] && return 0   # ENOSPC: the disk is full for real
      stack_fail "could not fill the data filesystem to $target%"
    fi
    [ "$mib" -lt 4096 ] || stack_fail "the data filesystem did not fill up"
  done
}

# host_free_data_fs: removes what the disk scenarios wrote.
host_free_data_fs() {
  rm -f "$STACK_DIR/host/data/db/fill"
  find "$STACK_DIR/host/data/wal" -name '0001[0-9][0-9].wal' -delete
}

host_write_bad_wal_segment() { printf 'XXXX not a WAL segment\n' >"$STACK_DIR/host/data/wal/000002.wal"; }
host_remove_bad_wal_segment() { rm -f "$STACK_DIR/host/data/wal/000002.wal"; }

# host_expire_certificate: replaces the server certificate with one for the
# same key whose validity ended in 2020 (openssl ca, the only openssl 3.0 verb
# that takes explicit dates). The healthy one is kept to restore.
host_expire_certificate() {
  local tls=$STACK_DIR/host/etc/tls work=$STACK_DIR/expired-ca
  mkdir -p "$work"
  printf '%s\n' '[ca]' 'default_ca = expired' '[expired]' "database = $work/index.txt" \
    "new_certs_dir = $work" "serial = $work/serial" 'default_md = sha256' 'policy = anything' \
    '[anything]' 'commonName = supplied' >"$work/ca.cnf"
  : >"$work/index.txt"
  echo 01 >"$work/serial"
  cp "$tls/server.crt" "$tls/server.crt.healthy"
  if ! openssl req -new -key "$tls/server.key" -subj /CN=127.0.0.1 -out "$work/server.csr" 2>/dev/null ||
    ! openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$tls/server.key" -in "$work/server.csr" \
      -startdate 20200101000000Z -enddate 20200102000000Z -out "$work/server.crt" >/dev/null 2>&1; then
    stack_fail "openssl could not make the expired certificate"
  fi
  cp "$work/server.crt" "$tls/server.crt"
}

host_restore_certificate() {
  mv "$STACK_DIR/host/etc/tls/server.crt.healthy" "$STACK_DIR/host/etc/tls/server.crt"
}
