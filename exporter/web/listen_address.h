// --web.listen-address values: "host:port", "[v6]:port" or ":port" (all interfaces).
#pragma once

#include <optional>
#include <string>

namespace symptree {

struct ListenAddress {
  std::string host;
  int port = 0;
};

// Nullopt with `error` when the text is not one of the accepted forms.
std::optional<ListenAddress> parse_listen_address(const std::string& text, std::string& error);

}  // namespace symptree
