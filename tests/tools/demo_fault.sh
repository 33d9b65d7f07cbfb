# scripts/demo-fault, the command `./run demo` prints for the host faults, on a
# demo host folder made here: the expired certificate keeps the key and is put
# back byte for byte, the bad WAL segment comes and goes, the disk faults refuse
# to fill a filesystem that is not the demo's own, and bad arguments exit 2.
source "$(dirname "$0")/lib/common.bash"
FAULT="$SOURCE_DIR/scripts/demo-fault"
DEMO="$WORK/demo"
TLS="$DEMO/host/etc/tls"
mkdir -p "$TLS" "$DEMO/host/data/wal"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -keyout "$TLS/server.key" -out "$TLS/server.crt" >/dev/null 2>&1 || fail "openssl could not make a certificate"
cp "$TLS/server.crt" "$WORK/healthy.crt"

expect_exit 0 "$FAULT" "$DEMO" expire-certificate
openssl x509 -in "$TLS/server.crt" -noout -checkend 0 >/dev/null && fail "the certificate has not expired"
[ "$(openssl x509 -in "$TLS/server.crt" -noout -pubkey)" = "$(openssl pkey -in "$TLS/server.key" -pubout)" ] ||
  fail "the expired certificate is not for the server's key"
pass "expire-certificate: expired, same key"
expect_exit 0 "$FAULT" "$DEMO" restore-certificate
cmp -s "$TLS/server.crt" "$WORK/healthy.crt" || fail "restore-certificate did not put the healthy certificate back"
pass "restore-certificate: the healthy certificate is back"

expect_exit 0 "$FAULT" "$DEMO" bad-wal-segment
[ "$(head -c 4 "$DEMO/host/data/wal/000002.wal")" != STMW ] || fail "the bad segment has the magic"
expect_exit 0 "$FAULT" "$DEMO" remove-bad-wal-segment
[ ! -e "$DEMO/host/data/wal/000002.wal" ] || fail "remove-bad-wal-segment left the segment"
pass "bad-wal-segment and remove-bad-wal-segment"

# Not the demo's own filesystem (no mount, no namespace): nothing is written.
for fault in grow-wal fill-disk free-disk; do
  expect_exit 1 env -u SYMPTREE_E2E_MOUNT_NS "$FAULT" "$DEMO" "$fault"
  expect_output "only a demo run as root has"
done
[ -z "$(ls "$DEMO/host/data/wal")" ] || fail "a refused disk fault wrote into the WAL folder"
pass "the disk faults refuse a filesystem that is not the demo's own"

expect_exit 2 "$FAULT" "$DEMO" no-such-fault
expect_output "unknown fault 'no-such-fault'"
expect_exit 2 "$FAULT" "$WORK/missing" expire-certificate
expect_output "no demo folder"
expect_exit 2 "$FAULT" "$DEMO"
pass "unknown fault, missing folder and missing arguments exit 2"
