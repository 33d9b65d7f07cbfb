# ctest runs each doctest case by name (doctest_discover_tests): a name that
# CMake's list syntax cuts (a ';') runs no case at all and passes. Every
# case of both unit binaries must be reachable by its own name.
source "$(dirname "$0")/lib/common.bash"

for binary in "$BUILD_DIR/tests/symptree_unit_tests" "$BUILD_DIR/exporter/symptree-exporter-tests"; do
  [[ -x "$binary" ]] || fail "$binary is not built"
  "$binary" --list-test-cases --no-version >"$WORK/names" 2>&1 || fail "$binary --list-test-cases failed"
  count=$(grep -c . "$WORK/names")
  [[ "$count" -gt 10 ]] || fail "$binary lists only $count lines"
  if grep -n ';' "$WORK/names" >"$WORK/bad"; then
    sed 's/^/  /' "$WORK/bad" >&2
    fail "$(basename "$binary"): test case names with ';', which ctest would cut and run nothing for"
  fi
  pass "$(basename "$binary"): every test case name survives ctest"
done
