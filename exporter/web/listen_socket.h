// The listening socket: bound here from --web.listen-address, or inherited
// from systemd socket activation (--web.systemd-socket, LISTEN_FDS).
#pragma once

#include <string>

#include "exporter/web/listen_address.h"

namespace symptree {

// A non-blocking socket listening on `address`, or -1 with `error`.
// SO_REUSEADDR only: SO_REUSEPORT would let a second exporter share the port.
int open_listen_socket(const ListenAddress& address, std::string& error);

// The first socket systemd passed (fd 3) when LISTEN_PID is this process and
// LISTEN_FDS >= 1, made non-blocking; -1 with `error` otherwise.
int systemd_listen_socket(std::string& error);

}  // namespace symptree
