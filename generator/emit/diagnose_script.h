// out/docs/diagnose.sh: the flowchart's escalation bundle as a bash script.
// It runs the checks to do first, the quick diagnostics of one symptom or of
// all of them, and the bundle commands, each bounded by `timeout`, into
// incident-YYYYMMDD-HHMMSS/, recording every exit status in summary.tsv and
// never failing as a whole when one command fails. shellcheck-clean.
#pragma once

#include <string>

#include "generator/model/model.h"

namespace symptree {

std::string render_diagnose_script(const Model& model);

// `text` as one single-quoted shell word.
std::string shell_quote(const std::string& text);

}  // namespace symptree
