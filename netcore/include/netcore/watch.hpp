// The receiving end of probe/iolab_probe.h: a TCP listener that takes any number of probed
// programs at once and turns each one's lines back into Transitions. POSIX builds only (the
// watcher runs on the student's Linux machine, or next to Wine).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "netcore/transition.hpp"

namespace netcore {

struct WatchEvent {
  enum class Type { connected, transition, disconnected, bad_line } type = Type::connected;
  int program = 0;   // this watcher's number for the connection, from 1
  std::string name;  // the program's file name, from its first line
  uint32_t pid = 0;
  Transition transition;  // Type::transition
  std::string message;    // Type::bad_line: what is wrong; disconnected: a gap, if any
};

class ProbeWatcher {
 public:
  ProbeWatcher();
  ~ProbeWatcher();
  ProbeWatcher(const ProbeWatcher&) = delete;
  ProbeWatcher& operator=(const ProbeWatcher&) = delete;

  // Binds and listens; "" or one line saying why not. Port 0 picks a free one (see port()).
  std::string listen(const std::string& host, int port);
  int port() const;
  // Waits up to timeout_ms (-1: until something happens) and reports what arrived, in order.
  void poll(int timeout_ms, const std::function<void(const WatchEvent&)>& on_event);
  size_t connected() const;  // programs connected now

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace netcore
