# --version (promtool's layout: release version, branch, revision, build date)
# and the version rules of cmake/git_version.cmake on throwaway git repositories,
# their shallow clones and their `git archive` tarballs.
source "$(dirname "$0")/lib/common.bash"

semver='[0-9]+\.[0-9]+\.[0-9]+'
for binary in symptree symptree-exporter; do
  expect_exit 0 "$BUILD_DIR/$binary" --version
  head -1 "$WORK/last.out" | grep -qE "^$binary, version $semver \(branch: [^,]+, revision: ([0-9a-f]{40}|unknown)\)$" ||
    { cat "$WORK/last.out" >&2; fail "$binary --version: first line is not promtool's layout"; }
  expect_output "  build date:       "
  expect_output "  platform:         linux/"
  # In a checkout of its own (not a tarball, not a folder of another repository) it names HEAD.
  if [ "$(git -C "$SOURCE_DIR" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$SOURCE_DIR" && pwd -P)" ]; then
    head=$(git -C "$SOURCE_DIR" rev-parse HEAD)
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

git init -q -b main "$WORK/empty"
out=$(version_of "$WORK/empty")
expect_line "$out" "release=0.1.0"; expect_line "$out" "package=0.1.0"; expect_line "$out" "revision=unknown"
pass "a git repository without a commit: the project version"

# The repository carries the archival file and its export-subst attribute, as symptree's does.
repo="$WORK/repo"
git init -q -b main "$repo"
mkdir -p "$repo/cmake"
cp "$SOURCE_DIR/cmake/git_archival.txt" "$repo/cmake/"
cp "$SOURCE_DIR/.gitattributes" "$repo/"
git -C "$repo" add -A
git -C "$repo" commit -q -m one
git -C "$repo" commit -q --allow-empty -m two
short=$(git -C "$repo" rev-parse --short=12 HEAD)
out=$(version_of "$repo")
expect_line "$out" "release=0.1.0"; expect_line "$out" "package=0.1.0~dev2.g$short"
expect_line "$out" "revision=$(git -C "$repo" rev-parse HEAD)"; expect_line "$out" "branch=main"
pass "before the first tag: the project version; the package sorts before it (0.1.0~dev2.g$short)"

# A folder inside another repository (a tarball unpacked in a config repo) is not that repository's build.
mkdir -p "$repo/vendored"
out=$(version_of "$repo/vendored")
expect_line "$out" "release=0.1.0"; expect_line "$out" "revision=unknown"; expect_line "$out" "branch=unknown"
rmdir "$repo/vendored"
pass "a folder inside another git repository: the project version, not that repository's commit"

# A shallow clone (CI's default checkout) without tags: its commit count is that of the clone, so none.
git clone -q --depth 1 "file://$repo" "$WORK/shallow"
out=$(version_of "$WORK/shallow")
expect_line "$out" "release=0.1.0"; expect_line "$out" "package=0.1.0~dev0.g$short"
expect_line "$out" "revision=$(git -C "$repo" rev-parse HEAD)"
dpkg --compare-versions "0.1.0~dev0.g$short" lt "0.1.0~dev1.g$short" || fail "a shallow build does not sort before a counted one"
pass "a shallow clone without tags: the project version, package 0.1.0~dev0.g$short (0: the count is unknown)"

# A `git archive` tarball (GitHub's source tarballs): no .git; the commit from cmake/git_archival.txt.
archive() {  # archive REV DIR
  mkdir -p "$2" && git -C "$repo" archive "$1" | tar -x -C "$2"
}
archive HEAD "$WORK/tarball"
out=$(version_of "$WORK/tarball")
expect_line "$out" "release=0.1.0"; expect_line "$out" "package=0.1.0~dev0.g$short"
expect_line "$out" "revision=$(git -C "$repo" rev-parse HEAD)"; expect_line "$out" "branch=unknown"
pass "a git archive tarball without tags: the project version and the archived commit"

git -C "$repo" tag v1.2.0
git -C "$repo" tag not-a-release
out=$(version_of "$repo")
expect_line "$out" "release=1.2.0"; expect_line "$out" "package=1.2.0"
git -C "$repo" commit -q --allow-empty -m three
short=$(git -C "$repo" rev-parse --short=12 HEAD)
out=$(version_of "$repo")
expect_line "$out" "release=1.2.0"; expect_line "$out" "package=1.2.0+1.g$short"
dpkg --compare-versions "1.2.0+1.g$short" gt 1.2.0 || fail "a later build does not sort after the release"
archive HEAD "$WORK/tarball-after"
out=$(version_of "$WORK/tarball-after")
expect_line "$out" "release=1.2.0"; expect_line "$out" "package=1.2.0+1.g$short"
archive v1.2.0 "$WORK/tarball-at"
out=$(version_of "$WORK/tarball-at")
expect_line "$out" "release=1.2.0"; expect_line "$out" "package=1.2.0"
expect_line "$out" "revision=$(git -C "$repo" rev-parse v1.2.0)"
# The v1.2.0 tarball unpacked inside the repository, now a commit past the tag: the tarball's version.
mv "$WORK/tarball-at" "$repo/symptree-src"
out=$(version_of "$repo/symptree-src")
expect_line "$out" "package=1.2.0"; expect_line "$out" "revision=$(git -C "$repo" rev-parse v1.2.0)"
rm -rf "$repo/symptree-src"
git clone -q --depth 1 --branch v1.2.0 "file://$repo" "$WORK/shallow-tag" 2>/dev/null
out=$(version_of "$WORK/shallow-tag")
expect_line "$out" "release=1.2.0"; expect_line "$out" "package=1.2.0"
dpkg --compare-versions "0.1.0~dev2.gabc" lt 0.1.0 || fail "a build before the first tag does not sort before it"
pass "at tag v1.2.0: 1.2.0; a commit later: 1.2.0+1.g$short, which dpkg sorts after 1.2.0; the same from git archive tarballs and a shallow clone of the tag"
