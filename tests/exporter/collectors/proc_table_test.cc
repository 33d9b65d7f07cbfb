// proc_table against the real /proc: a child process that listens on a port is
// listed, named, owned and found as the holder of its socket.
#include <doctest/doctest.h>
#include <unistd.h>

#include "exporter/collectors/proc_table.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("proc_table: a listening child process, its name, uid, socket and owner") {
  int port = free_port();
  auto child = spawn_listener("proctab-child", port);

  const ProcessInfo* found = nullptr;
  std::vector<ProcessInfo> processes = list_processes();
  for (const ProcessInfo& process : processes) {
    if (process.pid == child->pid()) found = &process;
  }
  REQUIRE(found);
  CHECK(found->comm == "proctab-child");
  CHECK(found->start_time > 1e9);
  CHECK(process_is_named(*found, "proctab-child"));
  CHECK_FALSE(process_is_named(*found, "proctab"));
  CHECK(process_uid(child->pid()) == getuid());
  CHECK(process_comm(child->pid()) == "proctab-child");

  std::vector<ListeningSocket> sockets;
  std::string error;
  REQUIRE(listening_sockets({port}, sockets, error));
  REQUIRE(sockets.size() == 1);
  CHECK(sockets[0].port == port);
  CHECK(sockets[0].uid == getuid());
  std::map<uint64_t, int> owners = socket_owners({sockets[0].inode}, {});
  CHECK(owners.at(sockets[0].inode) == child->pid());

  child->stop();
  CHECK(process_comm(child->pid()).empty());
  sockets.clear();
  REQUIRE(listening_sockets({port}, sockets, error));
  CHECK(sockets.empty());
}
