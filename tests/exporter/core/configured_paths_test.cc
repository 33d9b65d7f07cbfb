// check_configured_paths against a real tree: what each kind of probe needs
// its path to be, and nothing to say about paths that are fine.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "exporter/core/configured_paths.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("configured paths: missing, FIFOs and the wrong kind are warned about at the probe's position") {
  TempDir dir;
  make_certificate(dir / "api.crt", dir / "api.key", -1, 30);
  REQUIRE(mkfifo((dir / "fifo").c_str(), 0600) == 0);
  mkdir((dir / "wal").c_str(), 0755);
  SourcePosition at{"exporter.yml", 3, 5};
  HostConfig config;
  config.filesystems = {{"data", dir.path(), at}, {"fifo", dir / "fifo", at}, {"nfs", dir / "unmounted", at}};
  config.directories = {{"wal", dir / "wal", "", "", "", at}, {"pipe", dir / "fifo", "", "", "", at}};
  config.certificates = {{"api", dir / "api.crt", dir / "api.key", at}, {"bad", dir / "wal", dir / "fifo", at}};
  config.backups = {{"nightly", dir / "api.crt", "*", "", {}, at}};
  std::vector<PathWarning> warnings = check_configured_paths(config);
  std::vector<std::string> messages;
  for (const PathWarning& warning : warnings) messages.push_back(warning.message);
  CHECK(messages == std::vector<std::string>{
                        "filesystem 'nfs': path '" + dir / "unmounted" + "' does not exist",
                        "directory 'pipe': path '" + dir / "fifo" + "' is a FIFO, not a directory",
                        "certificate 'bad': path '" + dir / "wal" + "' is a directory, not a regular file",
                        "certificate 'bad': key '" + dir / "fifo" + "' is a FIFO, not a regular file",
                        "backup 'nightly': dir '" + dir / "api.crt" + "' is a regular file, not a directory",
                    });
  REQUIRE_FALSE(warnings.empty());
  CHECK(format_path_warnings({warnings[0]}) ==
        "exporter.yml:3:5: warning: filesystem 'nfs': path '" + dir / "unmounted" + "' does not exist\n");
}
