// The GUI's own figures for tools/bench.sh (docs/performance.md, "GUI"), printed as name=value:
// --bench-first-frame (each start-up step's wall time, until the first frame is presented),
// --bench-latency (a 5 s flood: transition-to-screen latency and where each frame's time goes),
// --bench-scale-change (Ctrl+= to the next presented frame). Off, they take no clock reads.
#pragma once
#include <cstdint>
#include <ctime>
#include <utility>
#include <vector>

#include "netcore/transition.hpp"

namespace iolab::shell {

uint64_t steady_now_ns();

// Start-up: the wall time of each step from main() to the first present, printed as
// first_frame_phase_<step>_ms.
class StartupPhases {
 public:
  explicit StartupPhases(uint64_t start_ns) : start_(start_ns), last_(start_ns) {}
  uint64_t start_ns() const { return start_; }
  void mark(const char* step);
  // A step that ran beside the others (on another thread): first_frame_parallel_<step>_ms.
  void add_parallel(const char* step, double ms) { parallel_.push_back({step, ms}); }
  // The steps, first_frame_unix_ns (the wall clock now: tools/bench.sh subtracts the shell's
  // clock before exec) and first_frame_ms_from_main.
  void print_first_frame();

 private:
  uint64_t start_, last_;
  std::vector<std::pair<const char*, double>> steps_, parallel_;
};

// Frames: the mean wall time per frame of each part of the loop, printed as
// latency_phase_<part>_ms, and the process's CPU time per frame (every thread: the UI, Mesa's
// rasterizer threads, the netcore thread). `wait` is the time between two frames.
class FramePhases {
 public:
  enum Part { wait, drain, ui, gl_submit, swap, kParts };
  explicit FramePhases(bool on) : on_(on) {}
  void end(Part part);
  void reset() { *this = FramePhases(on_, last_); }
  void print() const;

 private:
  FramePhases(bool on, uint64_t last) : on_(on), last_(last) {}
  bool on_;
  uint64_t last_ = 0;
  std::clock_t cpu_start_ = std::clock();
  double sum_ms_[kParts] = {};
  double cpu_ms_ = 0;
  int frames_ = 0;
};

// --bench-latency: for each transition, (end of the first frame that draws it - its t_ns) in
// frames of the display's 60 Hz, over 5 s from main().
class LatencyProbe {
 public:
  explicit LatencyProbe(uint64_t start_ns) : until_(start_ns + 5'000'000'000ull) {}
  // Transitions drained this frame (drawn by it).
  void drained(const std::vector<netcore::Transition>& ts);
  // The frame is presented; true once the 5 s are over and the figures were printed.
  bool frame_done(int frame, uint64_t engine_drops);

 private:
  uint64_t until_;
  uint64_t first_frame_end_ = 0;
  std::vector<uint64_t> stamps_;
  std::vector<double> frames_;
};

// --bench-scale-change: Ctrl+= pressed through the input queue, then the time until the frame
// that shows the new scale is presented, in ms and in this run's frames; 8 changes (1.0 -> 3.0).
class ScaleChangeProbe {
 public:
  // Before the frame's input: true when Ctrl+= is to be pressed now (every 10th frame).
  bool press_now(int frame);
  // The frame is presented, drawn at `scale`; true once the figures were printed.
  bool frame_done(float scale);

 private:
  float scale_before_ = 0;
  uint64_t pressed_at_ = 0;
  int frames_waited_ = 0;
  uint64_t last_frame_end_ = 0;
  std::vector<double> ms_, frame_ms_;
  std::vector<int> frames_;
};

}  // namespace iolab::shell
