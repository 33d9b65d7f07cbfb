// Minimal logging to stderr in logfmt, which journald timestamps.
#pragma once

#include <string>

namespace symptree {

void log_info(const std::string& message);
void log_warn(const std::string& message);
void log_error(const std::string& message);

}  // namespace symptree
