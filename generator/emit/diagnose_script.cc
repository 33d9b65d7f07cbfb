// Rendering of the diagnostics bundle script.
#include "generator/emit/diagnose_script.h"

#include <cctype>

#include "generator/emit/flowchart_text.h"
#include "generator/emit/yaml_writer.h"

namespace symptree {
namespace {

// The fixed part of the script: options, the bounded runner, the main flow.
// Symptom functions and the bundle are generated around it.
constexpr const char* kRunner = R"SH(
timeout_seconds=${DIAGNOSE_TIMEOUT:-30}
out_dir=.
bundle=

usage() {
  cat <<'USAGE'
Usage: diagnose.sh [-t SECONDS] [-o DIR] [-l] [SYMPTOM...]
Runs the checks to do first, the quick diagnostics of each SYMPTOM (of every
symptom when none is given) and the escalation bundle, each command bounded by
a timeout, into DIR/incident-YYYYMMDD-HHMMSS/ (DIR defaults to the current
directory; commands run in the current directory). A command that fails, hangs
or is missing is recorded in summary.tsv and the script goes on.
  -t SECONDS  timeout of each command (default 30, or $DIAGNOSE_TIMEOUT)
  -o DIR      where to create the incident folder
  -l          list the symptoms
USAGE
}

# run FILE WHY COMMAND: runs COMMAND with bash, bounded by the timeout, its
# output in FILE under the bundle, its exit status in summary.tsv. Never fails.
run() {
  local file=$1 why=$2 command=$3 started status
  mkdir -p "$bundle/$(dirname "$file")"
  started=$(date +%s)
  {
    printf '# %s\n$ %s\n' "$why" "$command"
    PAGER=cat SYSTEMD_PAGER='' timeout --kill-after=5 "$timeout_seconds" bash -c "$command" </dev/null
  } >"$bundle/$file" 2>&1
  status=$?
  printf '%s\t%s\t%s\t%s\n' "$status" "$(($(date +%s) - started))" "$file" "$command" >>"$bundle/summary.tsv"
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "diagnose: timed out after ${timeout_seconds}s: $command (see $file)" >&2
  elif [ "$status" -ne 0 ]; then
    echo "diagnose: exit $status: $command (see $file)" >&2
  fi
  return 0
}

known_symptom() {
  local wanted=$1 name
  for name in "${symptoms[@]}"; do
    [ "$name" = "$wanted" ] && return 0
  done
  return 1
}

main() {
  local option selected=() name stamp
  while getopts 't:o:lh' option; do
    case $option in
      t) timeout_seconds=$OPTARG ;;
      o) out_dir=$OPTARG ;;
      l) list_symptoms; exit 0 ;;
      h) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  shift $((OPTIND - 1))
  if [ $# -eq 0 ]; then selected=("${symptoms[@]}"); else selected=("$@"); fi
  for name in "${selected[@]}"; do
    if ! known_symptom "$name"; then
      echo "diagnose: unknown symptom '$name'; the symptoms are:" >&2
      list_symptoms >&2
      exit 2
    fi
  done
  stamp=$(date +%Y%m%d-%H%M%S)
  bundle="$out_dir/incident-$stamp"
  [ -e "$bundle" ] && bundle="$bundle-$$"
  mkdir -p "$bundle" || { echo "diagnose: cannot create $bundle" >&2; exit 1; }
  printf 'status\tseconds\tfile\tcommand\n' >"$bundle/summary.tsv"
  {
    echo "$flowchart_title: diagnostics bundle"
    echo "host: $(hostname 2>/dev/null || echo unknown)"
    echo "started: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "symptoms: ${selected[*]}"
    echo "per-command timeout: ${timeout_seconds}s"
  } >"$bundle/README.txt"
  always_check
  for name in "${selected[@]}"; do
    "symptom_$name"
  done
  escalation_bundle
  if timeout 60 tar -czf "$bundle.tar.gz" -C "$(dirname "$bundle")" "$(basename "$bundle")" 2>/dev/null; then
    echo "diagnose: wrote $bundle/ and $bundle.tar.gz: attach it when you escalate" >&2
  else
    echo "diagnose: wrote $bundle/" >&2
  fi
  echo "$bundle"
}
)SH";

// "lsof -i :18180" -> "lsof-i-18180", at most 40 characters.
std::string command_slug(const std::string& command) {
  std::string slug;
  for (unsigned char c : command) {
    if (std::isalnum(c)) slug.push_back(static_cast<char>(std::tolower(c)));
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "command" : slug;
}

// A bundle file name from the spec, kept inside the bundle.
std::string safe_file_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) out.push_back(std::isalnum(c) || c == '.' || c == '-' || c == '_' ? static_cast<char>(c) : '_');
  if (out.empty() || out[0] == '.') out = "_" + out;
  return out;
}

std::string numbered(size_t index) {
  std::string number = std::to_string(index + 1);
  return number.size() < 2 ? "0" + number : number;
}

std::string run_line(const std::string& file, const std::string& why, const std::string& command) {
  return "  run " + shell_quote(file) + " " + shell_quote(why) + " " + shell_quote(command) + "\n";
}

void write_symptoms(const Model& model, std::string& out) {
  out += "symptoms=(";
  for (int root : model.roots) out += "\n  " + model.nodes[root].id;
  out += "\n)\n\nlist_symptoms() {\n";
  for (int root : model.roots) {
    out += "  printf '%s\\t%s\\n' " + model.nodes[root].id + " " + shell_quote(model.nodes[root].title) + "\n";
  }
  out += "}\n";
  for (int root : model.roots) {
    const Node& node = model.nodes[root];
    out += "\n# " + node.title + "\nsymptom_" + node.id + "() {\n";
    std::vector<NodeDiagnostic> commands = section_diagnostics(model, root);
    for (size_t i = 0; i < commands.size(); ++i) {
      const DiagnosticCommand& command = *commands[i].command;
      std::string file = node.id + "/" + numbered(i) + "-" + command_slug(command.run) + ".txt";
      out += run_line(file, command.why.empty() ? model.nodes[commands[i].node].title : command.why, command.run);
    }
    out += "  :\n}\n";
  }
}

void write_always_and_bundle(const Model& model, std::string& out) {
  out += "\n# Always check these first.\nalways_check() {\n";
  for (size_t i = 0; i < model.always_check.size(); ++i) {
    const DiagnosticCommand& command = model.always_check[i];
    out += run_line("first/" + numbered(i) + "-" + command_slug(command.run) + ".txt", command.why, command.run);
  }
  out += "  :\n}\n\n# The escalation bundle.\nescalation_bundle() {\n";
  for (const BundleCommand& command : model.escalation.bundle) {
    out += run_line(safe_file_name(command.file), "escalation bundle", command.run);
  }
  out += "  :\n}\n";
}

}  // namespace

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string render_diagnose_script(const Model& model) {
  std::string title = model.title.empty() ? model.service : model.title;
  std::string out = "#!/usr/bin/env bash\n" + generated_header(model) + "\n# " + title +
                    ": the diagnostics bundle. Run `diagnose.sh -h` for usage.\n"
                    "# The spec's commands are single-quoted on purpose: `run` hands each to bash -c.\n"
                    "# shellcheck disable=SC2016\nset -u\n\nflowchart_title=" + shell_quote(title) + "\n";
  write_symptoms(model, out);
  write_always_and_bundle(model, out);
  out += kRunner;
  out += "\nmain \"$@\"\n";
  return out;
}

}  // namespace symptree
