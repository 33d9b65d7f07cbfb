// Options that count things (coverage --jobs, --promtool-timeout): a whole
// number of at least a minimum, refused with a message that says so.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace symptree {

// "" when `text` is a whole number from `minimum` to INT_MAX, else why not:
// "must be a whole number of 1 or more, got '0'".
std::string whole_number_error(const std::string& text, int minimum);

// The CLI11 validator of whole_number_error (CLI11 puts the option's name first).
CLI::Validator whole_number_at_least(int minimum);

}  // namespace symptree
