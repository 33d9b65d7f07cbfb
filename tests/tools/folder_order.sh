# The generator's folders import only downward (scripts/folder-graph holds the
# order), and docs/architecture.md's folder graph is the one the includes draw.
source "$(dirname "$0")/lib/common.bash"
GRAPH="$SOURCE_DIR/scripts/folder-graph"

expect_exit 0 "$GRAPH" --check "$SOURCE_DIR"
pass "no include crosses folders against the order"

# The Mermaid block after the folder-graph marker in docs/architecture.md.
awk '/<!-- folder-graph/ { marked = 1; next }
     marked && /^```mermaid/ { inside = 1; next }
     inside && /^```/ { exit }
     inside { print }' "$SOURCE_DIR/docs/architecture.md" >"$WORK/documented.txt"
"$GRAPH" "$SOURCE_DIR" >"$WORK/actual.txt"
diff -u "$WORK/documented.txt" "$WORK/actual.txt" >&2 ||
  fail "docs/architecture.md's folder graph differs from the includes (regenerate: scripts/folder-graph)"
pass "docs/architecture.md draws the folder graph the includes make"

# The check itself can fail: a copy of the tree with an upward include and a
# sibling include is refused, naming each file:line.
mkdir -p "$WORK/tree"
cp -r "$SOURCE_DIR/generator" "$SOURCE_DIR/common" "$WORK/tree/"
echo '#include "generator/emit/yaml_writer.h"' >>"$WORK/tree/common/slug.cc"
up_line=$(wc -l <"$WORK/tree/common/slug.cc")
echo '#include "generator/emit/grafana_dashboard.h"' >>"$WORK/tree/generator/check/checker.h"
sibling_line=$(wc -l <"$WORK/tree/generator/check/checker.h")
expect_exit 1 "$GRAPH" --check "$WORK/tree"
expect_output "common/slug.cc:$up_line: common/ includes generator/emit/yaml_writer.h, against the folder order"
expect_output "generator/check/checker.h:$sibling_line: check/ includes generator/emit/grafana_dashboard.h"
pass "an upward and a sibling include are refused, each with file:line"

# Relative and angle-bracket includes are the same includes: resolved against
# the including file's folder, <generator/...> as if quoted.
cp "$SOURCE_DIR/common/slug.cc" "$WORK/tree/common/slug.cc"
cp "$SOURCE_DIR/generator/check/checker.h" "$WORK/tree/generator/check/checker.h"
echo '#include "../emit/rules_emitter.h"' >>"$WORK/tree/generator/check/checker.h"
relative_line=$(wc -l <"$WORK/tree/generator/check/checker.h")
echo '#include <generator/emit/rules_emitter.h>' >>"$WORK/tree/generator/check/checker.h"
angle_line=$(wc -l <"$WORK/tree/generator/check/checker.h")
echo '#include "../generator/model/model.h"' >>"$WORK/tree/common/slug.cc"
up_relative_line=$(wc -l <"$WORK/tree/common/slug.cc")
expect_exit 1 "$GRAPH" --check "$WORK/tree"
expect_output "generator/check/checker.h:$relative_line: check/ includes generator/emit/rules_emitter.h (written ../emit/rules_emitter.h)"
expect_output "generator/check/checker.h:$angle_line: check/ includes generator/emit/rules_emitter.h, against"
expect_output "common/slug.cc:$up_relative_line: common/ includes generator/model/model.h (written ../generator/model/model.h)"
pass "relative and angle-bracket includes are checked like quoted ones"
cp "$SOURCE_DIR/generator/check/checker.h" "$WORK/tree/generator/check/checker.h"
cp "$SOURCE_DIR/common/slug.cc" "$WORK/tree/common/slug.cc"

mkdir -p "$WORK/tree/generator/extra"
echo '#include "generator/model/model.h"' >"$WORK/tree/generator/extra/x.cc"
expect_exit 1 "$GRAPH" --check "$WORK/tree"
expect_output "generator/extra/x.cc:1: folder extra/ is not in the folder order"
pass "a new folder must be placed in the order"
