// What a binary says about its own build (`--version`, like promtool's): the
// release version from git tags, the branch and commit it was built from, the
// build date, compiler and platform. CMake generates build_info() from
// cmake/build_info.cc.in (see cmake/version.cmake).
#pragma once

#include <string>

namespace symptree {

// One build's facts; "unknown" where the build could not tell (no git checkout).
struct BuildInfo {
  std::string version;     // the release: the newest vX.Y.Z tag, or the project version
  std::string branch;
  std::string revision;    // the full commit hash
  std::string build_date;  // UTC, YYYYMMDD-HH:MM:SS (SOURCE_DATE_EPOCH when set)
  std::string compiler;
  std::string platform;    // os/arch as Go names them, e.g. linux/amd64
};

// This binary's build (generated at configure time).
const BuildInfo& build_info();

// The compiler and os/arch this file was compiled for ("GCC 12.2.0", "linux/amd64").
std::string compiler_name();
std::string platform_name();

// "program, version V (branch: B, revision: R)\n  build date: ...\n..." as
// promtool prints it.
std::string version_text(const std::string& program, const BuildInfo& info);

}  // namespace symptree
