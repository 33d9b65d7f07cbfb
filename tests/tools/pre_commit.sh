# The hooks of .pre-commit-hooks.yaml, run by Debian's pre-commit in a
# throwaway config repo, offline: the hooks repo is a local git repository
# holding this checkout's .pre-commit-hooks.yaml, and `symptree` comes from the
# build directory on the PATH (language: system).
source "$(dirname "$0")/lib/common.bash"
command -v pre-commit >/dev/null || fail "pre-commit is not installed (scripts/install-deps installs it)"

build_path=$(cd "$BUILD_DIR" && pwd)
export PATH="$build_path:$PATH"
export PRE_COMMIT_HOME="$WORK/pre-commit-cache"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@localhost GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@localhost
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

expect_exit 0 pre-commit validate-manifest "$SOURCE_DIR/.pre-commit-hooks.yaml"
pass ".pre-commit-hooks.yaml is a valid pre-commit manifest"

# The hooks repo: what a config repo's `repo:` points at.
hooks="$WORK/hooks"
mkdir -p "$hooks"
cp "$SOURCE_DIR/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q -b main
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m hooks
rev=$(git -C "$hooks" rev-parse HEAD)

# The config repo: two services' specs and the file they share, their compiled
# outputs (one tree), and the hooks configured.
repo="$WORK/config-repo"
mkdir -p "$repo/specs"
cp "$SPEC" "$SOURCE_DIR/flowchart-spec/ledger.yaml" "$SOURCE_DIR/flowchart-spec/paging.yaml" "$repo/specs/"
cat >"$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: symptree-check
        args: [--no-promtool, specs]
      - id: symptree-compile-check
        args: [--no-promtool, specs, -o, out, -q]
YAML
git -C "$repo" init -q -b main
(cd "$repo" && symptree --no-promtool compile specs -o out -q)
git -C "$repo" add -A
(cd "$repo" && pre-commit install) >/dev/null
git -C "$repo" commit -q -m "the spec and its outputs" >"$WORK/commit.out" 2>&1 || {
  cat "$WORK/commit.out" >&2; fail "a commit of a valid spec with current outputs was refused"; }
grep -q "symptree check.*Passed" "$WORK/commit.out" || { cat "$WORK/commit.out" >&2; fail "symptree-check did not run"; }
grep -q "symptree compile --check.*Passed" "$WORK/commit.out" || { cat "$WORK/commit.out" >&2; fail "compile --check did not run"; }
pass "pre-commit runs both hooks on a commit, and they pass on a valid spec with current outputs"

# A threshold changed without recompiling: the outputs are stale, the commit is refused.
sed -i '0,/for: 5m/s//for: 6m/' "$repo/specs/stemedb.yaml"
grep -q "for: 6m" "$repo/specs/stemedb.yaml" || fail "the test's edit did not apply"
git -C "$repo" add -A
expect_exit 1 git -C "$repo" commit -q -m "stale outputs"
expect_output "symptree compile --check"
expect_output "out/stemedb/prometheus/rules/stemedb.queries_slow.yml (differs)"
expect_output "is stale"
[ "$(git -C "$repo" rev-list --count HEAD)" -eq 1 ] || fail "a commit with stale outputs went in"
pass "a spec changed without recompiling: compile --check refuses the commit"

(cd "$repo" && symptree --no-promtool compile specs -o out -q)
git -C "$repo" add -A
expect_exit 0 git -C "$repo" commit -q -m "recompiled"
pass "recompiled, the commit goes in"

# A broken spec: symptree-check names the file, line and column.
sed -i 's/^service: stemedb$/servce: stemedb/' "$repo/specs/stemedb.yaml"
git -C "$repo" add -A
expect_exit 1 bash -c "cd '$repo' && pre-commit run --all-files"
expect_output "symptree check"
expect_output "specs/stemedb.yaml:5:1: error:"
expect_output "Failed"
pass "a broken spec fails symptree-check with file:line:column"
