// Logging to stderr, one line per message, safe from any thread.
#include "exporter/core/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace symptree {
namespace {

std::atomic<LogLevel> minimum{LogLevel::info};
std::atomic<LogFormat> format{LogFormat::logfmt};

// The message as the inside of a double-quoted logfmt or JSON string.
std::string quoted(const std::string& message, LogFormat as) {
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (c == '\n' || c == '\r' || c == '\t') {
      escaped += ' ';
    } else if (static_cast<unsigned char>(c) < 0x20 && as == LogFormat::json) {
      char code[8];
      std::snprintf(code, sizeof code, "\\u%04x", c);
      escaped += code;
    } else {
      escaped += c;
    }
  }
  return escaped;
}

void write(LogLevel level, const char* name, const std::string& message) {
  if (level < minimum.load()) return;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  LogFormat as = format.load();
  if (as == LogFormat::json) {
    std::fprintf(stderr, "{\"level\":\"%s\",\"msg\":\"%s\"}\n", name, quoted(message, as).c_str());
  } else {
    std::fprintf(stderr, "level=%s msg=\"%s\"\n", name, quoted(message, as).c_str());
  }
  std::fflush(stderr);
}

}  // namespace

void set_log_options(LogLevel level, LogFormat as) {
  minimum = level;
  format = as;
}

void log_debug(const std::string& message) { write(LogLevel::debug, "debug", message); }
void log_info(const std::string& message) { write(LogLevel::info, "info", message); }
void log_warn(const std::string& message) { write(LogLevel::warn, "warn", message); }
void log_error(const std::string& message) { write(LogLevel::error, "error", message); }

}  // namespace symptree
