// Plays a recorded trace back in time: the web edition's stand-in for the engine (a browser has
// no sockets). Transitions are handed out when the playback clock reaches their recorded time
// (since the trace's first), scaled by the speed; step and step back move one transition.
// No ImGui, no platform: tests/model/player_test.cpp checks it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "netcore/transition.hpp"

namespace iolab::model {

class TracePlayer {
 public:
  explicit TracePlayer(std::vector<netcore::Transition> transitions = {});

  // Moves the clock `wall_ns` of real time on, times the speed; returns what it reached.
  std::vector<netcore::Transition> advance(uint64_t wall_ns);
  // The next transition alone, the clock jumping to it (nothing at the end).
  std::vector<netcore::Transition> step();
  // Every transition up to the previous one, for a model rebuilt from empty (the clock goes
  // back to that transition's time). At the start: nothing, and nothing changes.
  std::vector<netcore::Transition> step_back();

  void set_speed(double speed);  // 0.1 .. 100; 2 = twice as fast as it was recorded
  double speed() const { return speed_; }
  size_t played() const { return next_; }  // transitions handed out so far
  size_t size() const { return transitions_.size(); }
  bool finished() const { return next_ == transitions_.size(); }
  // The playback clock in the trace's own time (Transition::t_ns), for the timeline's "now".
  uint64_t now_ns() const { return t0_ + clock_ns_; }

 private:
  uint64_t since_start(const netcore::Transition& t) const;

  std::vector<netcore::Transition> transitions_;
  uint64_t t0_ = 0;
  uint64_t clock_ns_ = 0;  // since t0_
  size_t next_ = 0;
  double speed_ = 1.0;
};

}  // namespace iolab::model
