#include "util/addresses.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace {

IpAddress mapped(const in_addr& v4) {
  IpAddress a{};
  a[10] = a[11] = 0xff;
  std::memcpy(a.data() + 12, &v4, 4);
  return a;
}

}  // namespace

std::optional<IpAddress> parse_ip(const std::string& text) {
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return mapped(v4);
  IpAddress a;
  if (inet_pton(AF_INET6, text.c_str(), a.data()) == 1) return a;
  return std::nullopt;
}

std::optional<IpAddress> peer_ip(const sockaddr_storage& peer) {
  if (peer.ss_family == AF_INET) return mapped(reinterpret_cast<const sockaddr_in&>(peer).sin_addr);
  if (peer.ss_family == AF_INET6) {
    IpAddress a;
    std::memcpy(a.data(), &reinterpret_cast<const sockaddr_in6&>(peer).sin6_addr, 16);
    return a;
  }
  return std::nullopt;
}

std::optional<TcpAddress> parse_tcp_address(const std::string& text) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size() || colon + 6 < text.size()) return std::nullopt;
  std::string port_text = text.substr(colon + 1);
  if (!std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  int port = std::stoi(port_text);
  if (port < 1 || port > 65535) return std::nullopt;
  std::string host = text.substr(0, colon);
  TcpAddress t;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    auto& a6 = reinterpret_cast<sockaddr_in6&>(t.addr);
    if (inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &a6.sin6_addr) != 1) return std::nullopt;
    a6.sin6_family = AF_INET6;
    a6.sin6_port = htons(static_cast<uint16_t>(port));
    t.length = sizeof a6;
    return t;
  }
  auto& a4 = reinterpret_cast<sockaddr_in&>(t.addr);
  if (inet_pton(AF_INET, host.c_str(), &a4.sin_addr) != 1) return std::nullopt;
  a4.sin_family = AF_INET;
  a4.sin_port = htons(static_cast<uint16_t>(port));
  t.length = sizeof a4;
  return t;
}

bool is_allowed(const std::vector<IpAddress>& allowed, const IpAddress& address) {
  return std::find(allowed.begin(), allowed.end(), address) != allowed.end();
}

std::vector<IpAddress> parse_ip_list(const std::string& key, const std::vector<std::string>& texts) {
  std::vector<IpAddress> out;
  for (const std::string& t : texts) {
    auto a = parse_ip(t);
    if (!a) throw std::runtime_error(key + ": expected IP addresses (no names), got '" + t + "'");
    out.push_back(*a);
  }
  return out;
}
