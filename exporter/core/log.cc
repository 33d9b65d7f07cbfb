// Logging to stderr, one line per message, safe from any thread.
#include "exporter/core/log.h"

#include <cstdio>
#include <mutex>

namespace symptree {
namespace {

void write(const char* level, const std::string& message) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += (c == '\n') ? ' ' : c;
  }
  std::fprintf(stderr, "level=%s msg=\"%s\"\n", level, escaped.c_str());
  std::fflush(stderr);
}

}  // namespace

void log_info(const std::string& message) { write("info", message); }
void log_warn(const std::string& message) { write("warn", message); }
void log_error(const std::string& message) { write("error", message); }

}  // namespace symptree
