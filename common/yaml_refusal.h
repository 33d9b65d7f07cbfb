// Why YAML text is refused, in yaml-cpp's words. libyaml (common/yaml_parse.h)
// reads the files; when it refuses one, yaml-cpp reads it again so that the
// error says what it always said: yaml-cpp's message pointed at the cause (an
// unclosed bracket, a tab in the indentation, a key indented too deep), a
// second document, a quoted string never closed.
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.h"

namespace symptree {

// yaml-cpp's reason to refuse `text`, read from `path`; nullopt when yaml-cpp
// reads it as one document. `alias_problem`, found by the libyaml parse, is
// reported in the order the checks always ran: after a second document, before
// an unclosed quote.
std::optional<Diagnostic> yaml_cpp_refusal(const std::string& path, const std::string& text,
                                           const std::optional<Diagnostic>& alias_problem);

}  // namespace symptree
