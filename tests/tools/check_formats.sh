# `symptree check --format`: GitHub annotations (exactly the workflow-command
# syntax, with its escaping), JSON (the schema of docs/ci.md), checkstyle XML
# (parsed back with python3), and a spec read
# from standard input.
source "$(dirname "$0")/lib/common.bash"

# A spec with one error, in a file whose name needs GitHub's property escaping.
mkdir -p "$WORK/specs"
bad="$WORK/specs/odd,name:1.yaml"
sed 's/^service: stemedb$/servce: stemedb/' "$SPEC_STANDALONE" >"$bad"
run_check() {  # run_check EXPECTED_EXIT ARGS...: stdout to $WORK/stdout, stderr to $WORK/stderr
  local want=$1 got=0; shift
  "$SYMPTREE" --no-promtool check "$@" >"$WORK/stdout" 2>"$WORK/stderr" || got=$?
  [ "$got" -eq "$want" ] || { cat "$WORK/stdout" "$WORK/stderr" >&2; fail "check $* exited $got, expected $want"; }
}

run_check 2 --format text "$bad"
grep -q "^$bad:5:1: error: " "$WORK/stderr" || { cat "$WORK/stderr" >&2; fail "text: no file:line:col error"; }
[ ! -s "$WORK/stdout" ] || fail "text: errors went to stdout"
text_errors=$(grep -c ": error: " "$WORK/stderr")
cp "$WORK/stderr" "$WORK/text.err"

run_check 2 --format github "$bad"
escaped="${bad//:/%3A}"; escaped="${escaped//,/%2C}"
# Every line is one annotation: ::error file=F,line=L,col=C::message, nothing else on stdout.
grep -vqE '^::error file=[^,:]+(,line=[0-9]+(,col=[0-9]+)?)?::.+$' "$WORK/stdout" &&
  { cat "$WORK/stdout" >&2; fail "github: a line that is not an annotation"; }
[ "$(wc -l <"$WORK/stdout")" -eq "$text_errors" ] || fail "github: not one annotation per error"
grep -qF "::error file=$escaped,line=5,col=1::" "$WORK/stdout" ||
  { cat "$WORK/stdout" >&2; fail "github: the error at 5:1 with the escaped file name is missing"; }
# The message is the text format's, the hint after an escaped newline.
message=$(grep -A1 -F "$bad:5:1: error: " "$WORK/text.err" | sed -e "s|^$bad:5:1: error: ||" -e 's|^    hint: |%0Ahint: |' | tr -d '\n')
[ -n "$message" ] || fail "text: no error at 5:1"
grep -qxF "::error file=$escaped,line=5,col=1::$message" "$WORK/stdout" ||
  { cat "$WORK/stdout" >&2; fail "github: the annotation differs from the text format's error: $message"; }
# The whole output, literally.
printf '%s\n' "::error file=$escaped,line=4,col=1::the spec is missing required key 'service'" \
  "::error file=$escaped,line=5,col=1::unknown key 'servce' in the spec%0Ahint: did you mean 'service'?" >"$WORK/want"
diff "$WORK/want" "$WORK/stdout" >&2 || fail "github: the output is not exactly the two annotations"
pass "github: exactly one ::error file=,line=,col=::message annotation per error, file name and hint escaped"

run_check 2 --format json "$bad"
python3 - "$WORK/stdout" "$bad" "$text_errors" <<'PY' || fail "json: does not follow the schema"
import json, sys
report = json.load(open(sys.argv[1]))
assert list(report) == ["schema_version", "spec", "ok", "errors"], list(report)
assert report["schema_version"] == 1 and report["spec"] == sys.argv[2] and report["ok"] is False
assert len(report["errors"]) == int(sys.argv[3])
for e in report["errors"]:
    assert list(e) == ["file", "line", "column", "severity", "message", "hint"], list(e)
    assert e["severity"] == "error" and e["message"]
assert any(e["file"] == sys.argv[2] and e["line"] == 5 and e["column"] == 1 for e in report["errors"])
PY
pass "json: the documented schema, one entry per error"

run_check 2 --format checkstyle "$bad"
python3 - "$WORK/stdout" "$bad" "$text_errors" <<'PY' || fail "checkstyle: not the checkstyle structure"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "checkstyle" and root.get("version") == "4.3"
files = root.findall("file")
assert [f.get("name") for f in files] == [sys.argv[2]]
errors = files[0].findall("error")
assert len(errors) == int(sys.argv[3])
assert any(e.get("line") == "5" and e.get("column") == "1" for e in errors)
assert all(e.get("severity") == "error" and e.get("source") == "symptree" and e.get("message") for e in errors)
PY
pass "checkstyle: well-formed XML, a file element with an error element per error"

# A valid spec: ok in every format.
run_check 0 --format github "$SPEC"
[ ! -s "$WORK/stdout" ] || fail "github: output for a valid spec"
run_check 0 --format json "$SPEC"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["ok"] and r["errors"] == []' "$WORK/stdout" ||
  fail "json: a valid spec is not ok"
run_check 0 --format checkstyle "$SPEC"
grep -qF "<file name=\"$SPEC\">" "$WORK/stdout" || fail "checkstyle: the valid spec is not listed"
pass "a valid spec: exit 0, no annotations, ok: true, an empty file element"

# A missing spec is a spec error (2) in the chosen format, not a usage error.
run_check 2 --format github "$WORK/nonexistent.yaml"
grep -qF "::error file=$WORK/nonexistent.yaml::cannot read file" "$WORK/stdout" ||
  { cat "$WORK/stdout" >&2; fail "github: the missing file is not annotated"; }
run_check 64 --format sarif "$SPEC"
grep -q "sarif" "$WORK/stderr" || fail "a bad --format: the message does not name it"
grep -q "Usage:" "$WORK/stderr" || fail "a bad --format: no help after the message"
pass "a missing spec is annotated (exit 2); an unknown format is a usage error (exit 64)"

# Standard input: "-", named <stdin> or --stdin-filename, compiled the same as the file.
got=0; "$SYMPTREE" --no-promtool check --format github - <"$bad" >"$WORK/stdout" 2>"$WORK/stderr" || got=$?
[ "$got" -eq 2 ] || fail "stdin: exit $got, expected 2"
grep -qF "::error file=<stdin>,line=5,col=1::" "$WORK/stdout" || { cat "$WORK/stdout" >&2; fail "stdin: not named <stdin>"; }
got=0; "$SYMPTREE" --no-promtool check --stdin-filename specs/x.yaml - <"$bad" >"$WORK/stdout" 2>"$WORK/stderr" || got=$?
[ "$got" -eq 2 ] || fail "stdin: exit $got, expected 2"
grep -q "^specs/x.yaml:5:1: error: " "$WORK/stderr" || { cat "$WORK/stderr" >&2; fail "stdin: --stdin-filename not used"; }
"$SYMPTREE" --no-promtool compile --stdin-filename stemedb.yaml - -o "$WORK/from-stdin" -q <"$SPEC_STANDALONE" ||
  fail "compile from stdin failed"
"$SYMPTREE" --no-promtool compile "$SPEC_STANDALONE" -o "$WORK/from-file" -q
diff -r "$WORK/from-file" "$WORK/from-stdin" >/dev/null || fail "compiling from stdin differs from compiling the file"
pass "a spec from standard input (-): named <stdin> or by --stdin-filename; compiles the same as the file"
