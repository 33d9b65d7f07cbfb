// host:port addresses as `deployment:` writes them: checking one, taking it
// apart, and telling an IP literal from a DNS name. Shared by the reader that
// validates the addresses and the emitters that turn them into flags.
#pragma once

#include <string>

namespace symptree {

// "" when `text` is host:port (a DNS name, an IPv4 address or a bracketed
// IPv6 address, and a port 1-65535); otherwise what is wrong with it.
std::string host_port_problem(const std::string& text);

// The host part of host:port, without brackets ("10.0.0.1", "::1", "am-1").
std::string host_of(const std::string& host_port);
// The port part of host:port ("9093").
std::string port_of(const std::string& host_port);

// True when `host` (without brackets) is an IPv4 or IPv6 address, as
// inet_pton reads it; false for a DNS name.
bool is_ip_literal(const std::string& host);

// One spelling per address, so "[::1]:9093" and "[0::1]:9093" compare equal:
// IP literals as inet_ntop writes them, DNS names in lower case.
std::string canonical_host_port(const std::string& host_port);

}  // namespace symptree
