# --version (promtool's layout: release version, branch, revision, build date)
# and the version rules of cmake/git_version.cmake on throwaway git repositories.
source "$(dirname "$0")/lib/common.bash"

semver='[0-9]+\.[0-9]+\.[0-9]+'
for binary in symptree symptree-exporter; do
  expect_exit 0 "$BUILD_DIR/$binary" --version
  head -1 "$WORK/last.out" | grep -qE "^$binary, version $semver \(branch: [^,]+, revision: ([0-9a-f]{40}|unknown)\)$" ||
    { cat "$WORK/last.out" >&2; fail "$binary --version: first line is not promtool's layout"; }
  expect_output "  build date:       "
  expect_output "  platform:         linux/"
  if head=$(git -C "$SOURCE_DIR" rev-parse HEAD 2>/dev/null); then
    grep -qF "revision: $head)" "$WORK/last.out" ||
      fail "$binary --version names another commit than HEAD $head: a build from before the last commit? (ninja re-runs CMake when HEAD moves; rebuild)"
  fi
done
pass "--version of both binaries: version, branch, revision (this checkout's HEAD), build date, platform"

export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@localhost GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@localhost
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
version_of() {  # version_of DIR: the script's four lines, key=value
  cmake -DSOURCE_DIR="$1" -DFALLBACK_VERSION=0.1.0 -P "$SOURCE_DIR/cmake/git_version.cmake" 2>&1
}
expect_line() {  # expect_line OUTPUT LINE
  grep -qxF "$2" <<<"$1" || { echo "$1" >&2; fail "expected the line: $2"; }
}

mkdir -p "$WORK/plain"
out=$(version_of "$WORK/plain")
expect_line "$out" "release=0.1.0"; expect_line "$out" "package=0.1.0"; expect_line "$out" "revision=unknown"
pass "outside a git checkout: the project version"

repo="$WORK/repo"
git init -q -b main "$repo"
git -C "$repo" commit -q --allow-empty -m one
git -C "$repo" commit -q --allow-empty -m two
short=$(git -C "$repo" rev-parse --short=12 HEAD)
out=$(version_of "$repo")
expect_line "$out" "release=0.1.0"; expect_line "$out" "package=0.1.0~dev2.g$short"
expect_line "$out" "revision=$(git -C "$repo" rev-parse HEAD)"; expect_line "$out" "branch=main"
pass "before the first tag: the project version; the package sorts before it (0.1.0~dev2.g$short)"

git -C "$repo" tag v1.2.0
git -C "$repo" tag not-a-release
out=$(version_of "$repo")
expect_line "$out" "release=1.2.0"; expect_line "$out" "package=1.2.0"
git -C "$repo" commit -q --allow-empty -m three
short=$(git -C "$repo" rev-parse --short=12 HEAD)
out=$(version_of "$repo")
expect_line "$out" "release=1.2.0"; expect_line "$out" "package=1.2.0+1.g$short"
dpkg --compare-versions "1.2.0+1.g$short" gt 1.2.0 || fail "a later build does not sort after the release"
dpkg --compare-versions "0.1.0~dev2.gabc" lt 0.1.0 || fail "a build before the first tag does not sort before it"
pass "at tag v1.2.0: 1.2.0; a commit later: 1.2.0+1.g$short, which dpkg sorts after 1.2.0"
