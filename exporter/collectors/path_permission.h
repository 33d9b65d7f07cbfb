// Whether a given user could create files in a directory, judged from mode
// bits, ownership, group membership and read-only mounts (POSIX ACLs are not
// consulted). The exporter runs as its own user, so it cannot simply try.
#pragma once

#include <optional>
#include <string>

namespace symptree {

// True/false, or nullopt with `error` when the user or path cannot be looked up.
std::optional<bool> user_can_write(const std::string& directory, const std::string& user, std::string& error);

}  // namespace symptree
