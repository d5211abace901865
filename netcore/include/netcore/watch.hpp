// The receiving end of probe/iolab_probe.h: a TCP listener that takes any number of probed
// programs at once and turns each one's lines back into Transitions. POSIX builds only (the
// watcher runs on the student's Linux machine, or next to Wine; elsewhere listen() says so).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "netcore/pitfalls.hpp"
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

// Every watched program's transitions as one stream, for the GUI (`iolab --watch`): the app
// drains it each frame like the engine. Each program keeps its own sessions, ops and threads on
// the shared timeline: they are numbered apart here (a session or op number means one program's
// socket or post), and labelled with the program's name and pid. Times are moved onto this
// process's steady clock at the program's first line (each program's QueryPerformanceCounter
// starts anywhere). A program's own seq gap stays a gap in the merged seq, so the model counts
// it. Each program has its own PitfallChecker.
struct WatchLabel {
  std::string who;   // NAME[PID]
  uint32_t own = 0;  // the program's own number: the socket's value, the thread id
};

struct WatchedPitfall {
  Pitfall pitfall = Pitfall::overlapped_reused;
  size_t index = 0;  // the transition in the drained batch that showed it
};

class WatchFeed {
 public:
  // "" or one line saying why not (e.g. the port is in use).
  std::string listen(const std::string& host, int port);
  int port() const { return watcher_.port(); }
  // What arrived since the last call, without waiting. `notes`: one line per connection,
  // disconnection or refused line ("server.exe[1234] connected").
  void drain(std::vector<Transition>& out, std::vector<WatchedPitfall>& hits,
             std::vector<std::string>& notes);

  size_t connected() const { return watcher_.connected(); }
  size_t programs_seen() const { return programs_.size(); }
  // Whose a merged session or thread is (server.exe[1234], socket 344); null: none seen.
  const WatchLabel* session_label(uint32_t session) const;
  const WatchLabel* thread_label(uint32_t thread) const;

 private:
  struct Program {
    std::string who;  // NAME[PID]
    PitfallChecker checker;
    std::map<uint32_t, uint32_t> sessions, ops, threads;  // its numbers -> the merged ones
    uint64_t next_seq = 0;
    bool started = false;
    int64_t clock_offset = 0;  // its t_ns + this = our steady clock
  };
  uint32_t merged(std::map<uint32_t, uint32_t>& ids, uint32_t id, uint32_t& next);
  void add(Program& p, Transition t, std::vector<Transition>& out,
           std::vector<WatchedPitfall>& hits);

  ProbeWatcher watcher_;
  std::map<int, Program> programs_;  // by the watcher's number
  std::map<uint32_t, WatchLabel> session_labels_, thread_labels_;
  // Sessions from 3: 1 and 2 are the lab's server and client, named so by the views.
  uint32_t next_session_ = 3, next_op_ = 1, next_thread_ = 1;
  uint64_t next_seq_ = 0;
};

}  // namespace netcore
