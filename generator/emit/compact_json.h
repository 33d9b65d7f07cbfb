// nlohmann::json's compact dump() (no spaces, no line breaks), written with
// the project's string escaping (common/json_writer.h): the dashboard dumps
// one JSON document per panel, and nlohmann's serializer was the larger part
// of rendering a 10,000-branch dashboard. The text is the same byte for byte
// (tests/unit/emit/compact_json_test.cc).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace symptree {

// Appends `value` as value.dump() would write it. Floating-point numbers are
// left to nlohmann (its shortest round-trip form); the text is expected to be
// UTF-8 (nlohmann would throw on anything else; this writes it as it is).
void append_compact_json(std::string& out, const nlohmann::ordered_json& value);

}  // namespace symptree
