// user_can_write: mode bits and ownership along the path, for a user other
// than the test's own; unknown users and paths are errors.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exporter/collectors/path_permission.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("user_can_write: the directory's mode decides for another user, every ancestor must be searchable") {
  if (geteuid() != 0) return;  // the fixtures below need a directory owned by someone other than nobody
  TempDir dir;
  mkdir((dir / "wal").c_str(), 0755);
  chmod(dir.path().c_str(), 0755);
  std::string error;
  CHECK(user_can_write(dir / "wal", "nobody", error) == false);
  chmod((dir / "wal").c_str(), 0777);
  CHECK(user_can_write(dir / "wal", "nobody", error) == true);
  CHECK(user_can_write(dir / "wal", "root", error) == true);
  chmod(dir.path().c_str(), 0700);  // the parent is no longer searchable by nobody
  CHECK(user_can_write(dir / "wal", "nobody", error) == false);
}

TEST_CASE("user_can_write: an unknown user or a missing path is an error, not a value") {
  TempDir dir;
  std::string error;
  CHECK_FALSE(user_can_write(dir.path(), "no-such-user-xyz", error).has_value());
  CHECK(error == "no user named 'no-such-user-xyz'");
  error.clear();
  CHECK_FALSE(user_can_write(dir / "missing", "nobody", error).has_value());
  CHECK(error == "No such file or directory");
}
