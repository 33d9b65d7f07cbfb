// host:port parsing and IP literals, with inet_pton as the judge of what an
// address is (the same function the emitters use to decide how to listen).
#include "common/host_port.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace symptree {
namespace {

bool is_ipv4(const std::string& host) {
  unsigned char buffer[4];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1;
}

bool is_ipv6(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

// Digits and dots only: meant as an IPv4 address, never a usable DNS name.
bool looks_numeric(const std::string& host) {
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

bool is_dns_name(const std::string& host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
  });
}

// What is wrong with the host part, "" when nothing.
std::string host_problem(const std::string& host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return is_ipv6(host.substr(1, host.size() - 2)) ? "" : "'" + host + "' is not an IPv6 address";
  }
  if (host.find(':') != std::string::npos) return "write an IPv6 address in brackets, e.g. [::1]:9093";
  if (host.empty()) return "the host is missing";
  if (looks_numeric(host)) return is_ipv4(host) ? "" : "'" + host + "' is not an IPv4 address";
  return is_dns_name(host) ? "" : "'" + host + "' is not a host name or address";
}

}  // namespace

std::string host_port_problem(const std::string& text) {
  if (text.find("://") != std::string::npos) return "no scheme, only host:port";
  if (text.find('/') != std::string::npos) return "no path, only host:port";
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) return "the port is missing";
  if (std::string problem = host_problem(text.substr(0, colon)); !problem.empty()) return problem;
  std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return "the port must be a number";
  }
  int number = std::stoi(port);
  if (number < 1 || number > 65535) return "the port must be between 1 and 65535";
  return "";
}

std::string host_of(const std::string& host_port) {
  std::string host = host_port.substr(0, host_port.rfind(':'));
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return host;
}

std::string port_of(const std::string& host_port) { return host_port.substr(host_port.rfind(':') + 1); }

bool is_ip_literal(const std::string& host) { return is_ipv4(host) || is_ipv6(host); }

std::string canonical_host_port(const std::string& host_port) {
  std::string host = host_of(host_port);
  std::string port = std::to_string(std::stoi(port_of(host_port)));  // "09093" is port 9093
  unsigned char buffer[16];
  char text[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET6, host.c_str(), buffer) == 1) {
    return "[" + std::string(inet_ntop(AF_INET6, buffer, text, sizeof text)) + "]:" + port;
  }
  if (inet_pton(AF_INET, host.c_str(), buffer) == 1) {
    return std::string(inet_ntop(AF_INET, buffer, text, sizeof text)) + ":" + port;
  }
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  return host + ":" + port;
}

}  // namespace symptree
