// Minimal logging to stderr, one line per message, in logfmt (which journald
// timestamps) or JSON; messages below the level are dropped (--log.level, --log.format).
#pragma once

#include <string>

namespace symptree {

enum class LogLevel { debug, info, warn, error };
enum class LogFormat { logfmt, json };

void set_log_options(LogLevel level, LogFormat format);

void log_debug(const std::string& message);
void log_info(const std::string& message);
void log_warn(const std::string& message);
void log_error(const std::string& message);

}  // namespace symptree
