// Network addresses in the settings: the FastCGI socket when it is TCP (workers
// on a host other than nginx's), and the allow-lists of who may connect to it
// and who may read /metrics. Numeric addresses only: nothing is looked up in DNS.
#pragma once
#include <sys/socket.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

// An IP address; IPv4 as its IPv4-mapped IPv6 form, so both compare alike.
using IpAddress = std::array<unsigned char, 16>;

std::optional<IpAddress> parse_ip(const std::string& text);
// The address of a connected peer (AF_INET or AF_INET6), if it is one.
std::optional<IpAddress> peer_ip(const sockaddr_storage& peer);

// "10.0.0.12:9000" or "[fd00::12]:9000": a TCP address to listen on.
struct TcpAddress {
  sockaddr_storage addr{};
  socklen_t length = 0;
};
std::optional<TcpAddress> parse_tcp_address(const std::string& text);

// `listen` names a TCP address rather than a unix socket path.
inline bool listens_on_tcp(const std::string& listen) { return !listen.empty() && listen[0] != '/'; }

// Whether `address` is one of `allowed`.
bool is_allowed(const std::vector<IpAddress>& allowed, const IpAddress& address);
// Parses a list of addresses (settings); throws std::runtime_error naming `key` on a bad one.
std::vector<IpAddress> parse_ip_list(const std::string& key, const std::vector<std::string>& texts);
