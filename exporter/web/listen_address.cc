// Parsing of --web.listen-address.
#include "exporter/web/listen_address.h"

#include <cctype>

namespace symptree {

std::optional<ListenAddress> parse_listen_address(const std::string& text, std::string& error) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    error = "'" + text + "' has no port; write host:port, e.g. 127.0.0.1:9188";
    return std::nullopt;
  }
  ListenAddress address;
  address.host = text.substr(0, colon);
  std::string port = text.substr(colon + 1);
  if (address.host.size() >= 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);
  } else if (address.host.find(':') != std::string::npos) {
    error = "'" + text + "': write an IPv6 address in brackets, e.g. [::1]:9188";
    return std::nullopt;
  }
  if (address.host.empty()) address.host = "0.0.0.0";
  bool digits = !port.empty() && port.size() <= 5;
  for (char c : port) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535) {
    error = "'" + text + "': the port must be a number from 1 to 65535";
    return std::nullopt;
  }
  address.port = std::stoi(port);
  return address;
}

}  // namespace symptree
