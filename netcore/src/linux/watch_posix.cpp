#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <rapidjson/document.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <string_view>
#include <vector>

#include "netcore/trace.hpp"
#include "netcore/watch.hpp"

namespace netcore {

namespace {
constexpr size_t kMaxLine = 64 * 1024;  // a probe line is ~400 bytes; more is not a probe
}

struct ProbeWatcher::State {
  struct Program {
    int number = 0;
    std::string name, buffer;
    uint32_t pid = 0;
    bool greeted = false;
    uint64_t next_seq = 0;
    uint64_t gaps = 0;
  };
  int listener = -1;
  int port = 0;
  int next_number = 1;
  std::map<int, Program> programs;  // fd -> program
};

ProbeWatcher::ProbeWatcher() : state_(std::make_unique<State>()) {}

ProbeWatcher::~ProbeWatcher() {
  for (auto& [fd, p] : state_->programs) ::close(fd);
  if (state_->listener >= 0) ::close(state_->listener);
}

std::string ProbeWatcher::listen(const std::string& host, int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(port));
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
    return "'" + host + "' is not an IPv4 address (e.g. 127.0.0.1)";
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return std::string("socket: ") + std::strerror(errno);
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 64) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    return "cannot listen on " + host + ":" + std::to_string(port) + ": " + why;
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  state_->listener = fd;
  state_->port = ntohs(addr.sin_port);
  return {};
}

int ProbeWatcher::port() const {
  return state_->port;
}
size_t ProbeWatcher::connected() const {
  return state_->programs.size();
}

namespace {

// {"probe":"NAME","pid":N}: the probe's first line.
bool read_hello(const std::string& line, std::string& name, uint32_t& pid) {
  rapidjson::Document d;
  d.Parse(line.c_str(), line.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("probe") || !d["probe"].IsString() ||
      !d.HasMember("pid") || !d["pid"].IsUint())
    return false;
  name = d["probe"].GetString();
  pid = d["pid"].GetUint();
  return true;
}

}  // namespace

void ProbeWatcher::poll(int timeout_ms, const std::function<void(const WatchEvent&)>& on_event) {
  State& s = *state_;
  std::vector<pollfd> fds;
  fds.push_back({s.listener, POLLIN, 0});
  for (auto& [fd, p] : s.programs) fds.push_back({fd, POLLIN, 0});
  if (::poll(fds.data(), fds.size(), timeout_ms) <= 0) return;

  for (size_t i = 1; i < fds.size(); ++i) {
    if (!fds[i].revents) continue;
    const int fd = fds[i].fd;
    State::Program& p = s.programs[fd];
    auto event = [&](WatchEvent::Type type) {
      WatchEvent e;
      e.type = type;
      e.program = p.number;
      e.name = p.name;
      e.pid = p.pid;
      return e;
    };
    char buf[16384];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    bool drop = n <= 0;
    if (n > 0) p.buffer.append(buf, size_t(n));
    size_t start = 0;
    for (size_t nl; !drop && (nl = p.buffer.find('\n', start)) != std::string::npos;
         start = nl + 1) {
      const std::string line = p.buffer.substr(start, nl - start);
      if (!p.greeted) {
        if (!read_hello(line, p.name, p.pid)) {
          WatchEvent e = event(WatchEvent::Type::bad_line);
          e.message = "not an iolab probe: the first line is not {\"probe\":NAME,\"pid\":N}";
          on_event(e);
          drop = true;
          break;
        }
        p.greeted = true;
        on_event(event(WatchEvent::Type::connected));
        continue;
      }
      const LoadedTrace loaded = load_trace(line, p.name);
      if (!loaded.ok()) {
        WatchEvent e = event(WatchEvent::Type::bad_line);
        e.message = loaded.errors.front();
        on_event(e);
        continue;
      }
      for (const Transition& t : loaded.trace.transitions) {
        if (t.seq != p.next_seq) ++p.gaps;
        p.next_seq = t.seq + 1;
        WatchEvent e = event(WatchEvent::Type::transition);
        e.transition = t;
        on_event(e);
      }
    }
    p.buffer.erase(0, start);
    if (!drop && p.buffer.size() > kMaxLine) {
      WatchEvent e = event(WatchEvent::Type::bad_line);
      e.message = "a line longer than 64 KiB: not an iolab probe";
      on_event(e);
      drop = true;
    }
    if (drop) {
      if (p.greeted) {
        WatchEvent e = event(WatchEvent::Type::disconnected);
        if (p.gaps) e.message = std::to_string(p.gaps) + " gap(s) in seq: lines were lost";
        on_event(e);
      }
      ::close(fd);
      s.programs.erase(fd);
    }
  }
  // Every waiting connection at once: with --once, one left in the backlog while the last
  // accepted program leaves would be missed.
  if (fds[0].revents & POLLIN)
    for (int fd; (fd = ::accept4(s.listener, nullptr, nullptr, SOCK_CLOEXEC)) >= 0;)
      s.programs[fd].number = s.next_number++;
}

}  // namespace netcore
