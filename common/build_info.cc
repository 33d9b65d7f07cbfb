// --version text, and the compiler and platform this binary was built for.
#include "common/build_info.h"

namespace symptree {

std::string compiler_name() {
#if defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "GCC " __VERSION__;
#else
  return "unknown";
#endif
}

std::string platform_name() {
#if defined(__linux__)
  std::string os = "linux";
#else
  std::string os = "unknown";
#endif
#if defined(__x86_64__)
  return os + "/amd64";
#elif defined(__aarch64__)
  return os + "/arm64";
#elif defined(__i386__)
  return os + "/386";
#elif defined(__arm__)
  return os + "/arm";
#else
  return os + "/unknown";
#endif
}

std::string version_text(const std::string& program, const BuildInfo& info) {
  return program + ", version " + info.version + " (branch: " + info.branch + ", revision: " + info.revision +
         ")\n" +
         "  build date:       " + info.build_date + "\n" +
         "  compiler:         " + info.compiler + "\n" +
         "  platform:         " + info.platform;
}

}  // namespace symptree
