# standalone_spec SPEC: prints SPEC with each one-file `include: FILE` line
# replaced by that file's text (found beside SPEC), so a test can copy or edit
# the default spec as one self-contained file.
standalone_spec() {
  local spec=$1 dir line
  dir=$(dirname "$spec")
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ "$line" =~ ^include:\ +([^ #\[]+) ]]; then
      cat "$dir/${BASH_REMATCH[1]}"
    else
      printf '%s\n' "$line"
    fi
  done <"$spec"
}
