# The Debian packages: cpack builds symptree and symptree-exporter from the
# build directory; lintian finds no errors; then mmdebstrap builds a fresh
# minimal Debian 12 root (essential packages and apt, from the mirror this
# machine's apt uses), installs both .debs there with apt-get (so only their
# declared dependencies make them work), and runs them inside: symptree compiles
# the packaged example spec, symptree-exporter --version and --check-config on
# the default conffile, the system user exists; finally a purge runs the
# maintainer scripts' removal paths. Nothing is kept: the root is mmdebstrap's
# temporary directory under this test's $WORK.
# Exit 77 (ctest: skipped) only where mmdebstrap cannot run: neither root nor
# user namespaces, or Debian's mirror unreachable.
source "$(dirname "$0")/lib/common.bash"
for tool in cpack dpkg-deb lintian mmdebstrap; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/install-deps installs it)"
done

# 1. The packages, from what the build directory built (ctest runs after the build).
cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$WORK/cpack" >"$WORK/cpack.log" 2>&1 ||
  { cat "$WORK/cpack.log" >&2; fail "cpack failed"; }
mkdir -p "$WORK/debs"
mv "$WORK"/cpack/*.deb "$WORK/debs/"
rm -rf "$WORK/cpack"
symptree_deb=$(ls "$WORK"/debs/symptree_*.deb)
exporter_deb=$(ls "$WORK"/debs/symptree-exporter_*.deb)
field() { dpkg-deb -f "$1" "$2"; }
version=$(field "$symptree_deb" Version)
[ "$(field "$exporter_deb" Version)" = "$version" ] || fail "the two packages have different versions"
[ "$("$SYMPTREE" --version | sed -n 's/^symptree, version \([^ ]*\) .*/\1/p')" = "${version%%[~+]*}" ] ||
  fail "package version $version is not the release version symptree --version prints"
pass "cpack built symptree and symptree-exporter $version"

contents() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's|^\./|/|'; }
expect_files() {  # expect_files DEB PATH...
  local deb=$1 path; shift
  contents "$deb" >"$WORK/contents"
  for path in "$@"; do grep -qxF "$path" "$WORK/contents" || { cat "$WORK/contents" >&2; fail "$(basename "$deb") lacks $path"; }; done
}
expect_files "$symptree_deb" /usr/bin/symptree /usr/share/man/man1/symptree.1.gz /usr/share/doc/symptree/copyright \
  /usr/share/doc/symptree/changelog.gz /usr/share/doc/symptree/README.md /usr/share/doc/symptree/docs/spec.md \
  /usr/share/doc/symptree/examples/stemedb.yaml /usr/share/doc/symptree/examples/ledger.yaml \
  /usr/share/doc/symptree/examples/paging.yaml
expect_files "$exporter_deb" /usr/bin/symptree-exporter /usr/share/man/man1/symptree-exporter.1.gz \
  /etc/symptree/exporter.yml /lib/systemd/system/symptree-exporter.service /usr/share/doc/symptree-exporter/copyright
dpkg-deb -I "$exporter_deb" conffiles | grep -qxF /etc/symptree/exporter.yml || fail "exporter.yml is not a conffile"
field "$exporter_deb" Depends | grep -q "adduser" || fail "symptree-exporter does not depend on adduser"
for deb in "$symptree_deb" "$exporter_deb"; do
  field "$deb" Depends | grep -q "libc6" || fail "$(basename "$deb"): no shared-library dependencies (dpkg-shlibdeps)"
  # libyaml reads the YAML files, yaml-cpp explains their syntax errors
  field "$deb" Depends | grep -q "libyaml-0-2" || fail "$(basename "$deb") does not depend on libyaml-0-2"
  field "$deb" Depends | grep -q "libyaml-cpp0.7" || fail "$(basename "$deb") does not depend on libyaml-cpp0.7"
done
zcat <(dpkg-deb --fsys-tarfile "$symptree_deb" | tar -xO ./usr/share/man/man1/symptree.1.gz) | grep -q "^\.SH" ||
  fail "symptree.1.gz is not a man page"
pass "contents: binaries, man pages, docs, unit, conffile; Depends from dpkg-shlibdeps (libyaml, yaml-cpp) and adduser"

# 2. lintian: no errors (warnings are printed, not fatal).
lintian --fail-on error --tag-display-limit 0 "$symptree_deb" "$exporter_deb" >"$WORK/lintian.log" 2>&1 ||
  { cat "$WORK/lintian.log" >&2; fail "lintian found errors"; }
cat "$WORK/lintian.log"
pass "lintian: no errors"

# 3. A fresh Debian 12 root, the packages installed by apt, and run there.
# As root mmdebstrap chroots; as a user it needs user namespaces and a range of
# subordinate ids to map the root's users to (newuidmap: uidmap, which install-deps installs).
if [ "$(id -u)" -eq 0 ]; then mode=root
elif ! unshare --user --map-root-user true 2>/dev/null; then
  echo "SKIP: mmdebstrap cannot run here: not root, and user namespaces are disabled" >&2; exit 77
elif ! command -v newuidmap >/dev/null; then
  fail "newuidmap is not installed (scripts/install-deps installs uidmap)"
elif ! grep -qE "^($(id -un)|$(id -u)):" /etc/subuid 2>/dev/null || ! grep -qE "^($(id -un)|$(id -u)):" /etc/subgid 2>/dev/null; then
  echo "SKIP: mmdebstrap cannot run here: not root, and $(id -un) has no subordinate ids in /etc/subuid and /etc/subgid" >&2
  exit 77
else mode=unshare
fi
inside='set -e
symptree --version
symptree-exporter --version
symptree-exporter --config.file /etc/symptree/exporter.yml --check-config
symptree compile /usr/share/doc/symptree/examples/stemedb.yaml -o /tmp/out
test -s /tmp/out/prometheus/rules/stemedb.absence.yml && test -s /tmp/out/alertmanager/alertmanager.yml
symptree compile /usr/share/doc/symptree/examples -o /tmp/repo
test -s /tmp/repo/ledger/prometheus/rules/ledger.absence.yml && test -s /tmp/repo/alertmanager/alertmanager.yml
getent passwd symptree-exporter
echo INSIDE-OK'
# The root's sources are this machine's (deb822), so apt reaches the mirror it is configured for.
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
export TMPDIR="$WORK"
started=$(date +%s)
status=0
cache="$BUILD_DIR/packaging-test/apt-cache"
mkdir -p "$cache"
# shellcheck disable=SC2016 # "$1" in the hooks is mmdebstrap's, expanded by its shell
mmdebstrap --mode="$mode" --variant=apt --format=null --skip=essential/unlink \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
  --setup-hook="sync-in $cache /var/cache/apt/archives/" \
  --customize-hook="copy-in $symptree_deb $exporter_deb /tmp" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/$(basename "$symptree_deb") /tmp/$(basename "$exporter_deb")" \
  --customize-hook="sync-out /var/cache/apt/archives $cache" \
  --customize-hook="chroot \"\$1\" sh -c '$inside'" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get purge -y symptree-exporter symptree" \
  --customize-hook="chroot \"\$1\" sh -c 'test ! -e /etc/symptree/exporter.yml && test ! -e /usr/bin/symptree'" \
  bookworm /dev/null "$sources" >"$WORK/mmdebstrap.log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  if grep -qE "Temporary failure resolving|Could not resolve|Could not connect|Network is unreachable|Connection timed out|Failed to fetch" "$WORK/mmdebstrap.log" &&
     ! grep -q "INSIDE-OK" "$WORK/mmdebstrap.log"; then
    tail -5 "$WORK/mmdebstrap.log" >&2
    echo "SKIP: mmdebstrap cannot reach Debian's mirror (see above)" >&2
    exit 77
  fi
  cat "$WORK/mmdebstrap.log" >&2
  fail "mmdebstrap, the install or a command inside the Debian 12 root failed (exit $status)"
fi
grep -q "INSIDE-OK" "$WORK/mmdebstrap.log" || { cat "$WORK/mmdebstrap.log" >&2; fail "the checks inside did not run"; }
grep -E "^symptree(-exporter)?, version|compiled |^symptree-exporter:" "$WORK/mmdebstrap.log" || true
pass "a fresh Debian 12 root ($mode mode, $(( $(date +%s) - started )) s): apt-get installs both .debs with their declared dependencies; symptree compiles the example spec, symptree-exporter runs; purge removes them"
