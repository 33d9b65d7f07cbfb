// How `symptree check` reports its diagnostics: gcc-style text for people, and
// the machine formats CI systems read (JSON, GitHub workflow annotations,
// checkstyle XML). The JSON schema is documented in docs/ci.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"

namespace symptree {

enum class DiagnosticFormat { Text, Json, Github, Checkstyle };

// The names `--format` accepts, in the order --help lists them.
const std::vector<std::string>& diagnostic_format_names();
// "text", "json", "github" or "checkstyle"; nullopt for anything else.
std::optional<DiagnosticFormat> parse_diagnostic_format(const std::string& name);

// The whole report of checking `spec` (as the user named it): the errors of
// `diagnostics` (none when the spec is valid) in `format`. Text is
// Diagnostics::format(); the others are complete documents, empty of errors
// when the spec is valid (GitHub: no line at all).
std::string render_diagnostics(const Diagnostics& diagnostics, const std::string& spec, DiagnosticFormat format);

// GitHub workflow command escaping: the message (%, CR, LF) and a property
// value (those, plus ':' and ',').
std::string github_escape_data(const std::string& text);
std::string github_escape_property(const std::string& text);

// "::error file=F,line=L,col=C::message" (line and col only when known; the
// hint follows the message on its own line).
std::string github_annotation(const Diagnostic& diagnostic);

}  // namespace symptree
