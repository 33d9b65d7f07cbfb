// Permission check for a user other than the exporter's own, from stat() alone.
#include "exporter/collectors/path_permission.h"

#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace symptree {
namespace {

// A user's identity for permission checks.
struct Identity {
  uid_t uid = 0;
  std::vector<gid_t> groups;  // primary and supplementary
};

std::optional<Identity> lookup_user(const std::string& user, std::string& error) {
  struct passwd entry;
  struct passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (getpwnam_r(user.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
    error = "no user named '" + user + "'";
    return std::nullopt;
  }
  Identity identity;
  identity.uid = found->pw_uid;
  int count = 64;
  identity.groups.resize(count);
  if (getgrouplist(user.c_str(), found->pw_gid, identity.groups.data(), &count) < 0) {
    identity.groups.resize(count);
    getgrouplist(user.c_str(), found->pw_gid, identity.groups.data(), &count);
  }
  identity.groups.resize(std::max(count, 0));
  return identity;
}

// Whether `who` has all of `want` (a mask of S_IWOTH/S_IXOTH-style bits) on `st`.
bool permits(const struct stat& st, const Identity& who, mode_t want) {
  if (who.uid == 0) return true;  // root: any directory, checked against read-only mounts elsewhere
  int shift = 0;
  if (st.st_uid == who.uid) {
    shift = 6;
  } else if (std::find(who.groups.begin(), who.groups.end(), st.st_gid) != who.groups.end()) {
    shift = 3;
  }
  return ((st.st_mode >> shift) & want) == want;
}

}  // namespace

std::optional<bool> user_can_write(const std::string& directory, const std::string& user, std::string& error) {
  std::optional<Identity> who = lookup_user(user, error);
  if (!who) return std::nullopt;
  char resolved[PATH_MAX];
  if (!realpath(directory.c_str(), resolved)) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string path = resolved;
  // Every ancestor must be searchable (x); the directory itself writable and searchable (wx).
  for (size_t end = 0; end != std::string::npos;) {
    end = path.find('/', end + 1);
    std::string prefix = end == std::string::npos ? path : path.substr(0, std::max<size_t>(end, 1));
    struct stat st;
    if (stat(prefix.c_str(), &st) != 0) {
      error = "'" + prefix + "': " + std::strerror(errno);
      return std::nullopt;
    }
    mode_t want = end == std::string::npos ? (S_IWOTH | S_IXOTH) : S_IXOTH;
    if (!permits(st, *who, want)) return false;
  }
  struct statvfs fs;
  if (statvfs(path.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY)) return false;
  return true;
}

}  // namespace symptree
