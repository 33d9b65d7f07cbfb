// UTF-8 validation: YAML files must be UTF-8, and the JSON and YAML writers
// downstream refuse anything else.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace symptree {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF); nullopt
// when all of `text` is valid.
std::optional<size_t> invalid_utf8_offset(std::string_view text);

// Whether `byte` may lead a multi-byte UTF-8 sequence (0xC2-0xF4): at an
// invalid offset, such a byte is a character cut short, not a stray byte.
bool starts_utf8_sequence(unsigned char byte);

}  // namespace symptree
