#include "shell/bench.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace iolab::shell {

uint64_t steady_now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

namespace {
double ms_between(uint64_t from_ns, uint64_t to_ns) {
  return static_cast<double>(to_ns - from_ns) / 1e6;
}
}  // namespace

void StartupPhases::mark(const char* step) {
  const uint64_t now = steady_now_ns();
  steps_.push_back({step, ms_between(last_, now)});
  last_ = now;
}

void StartupPhases::print_first_frame() {
  for (const auto& [step, ms] : steps_) std::printf("first_frame_phase_%s_ms=%.1f\n", step, ms);
  for (const auto& [step, ms] : parallel_)
    std::printf("first_frame_parallel_%s_ms=%.1f\n", step, ms);
  const auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  std::printf("first_frame_unix_ns=%lld\nfirst_frame_ms_from_main=%.1f\n",
              static_cast<long long>(wall), ms_between(start_, steady_now_ns()));
}

void FramePhases::end(Part part) {
  if (!on_) return;
  const uint64_t now = steady_now_ns();
  if (last_ != 0) sum_ms_[part] += ms_between(last_, now);
  last_ = now;
  if (part == swap) {
    cpu_ms_ += static_cast<double>(std::clock() - cpu_start_) * 1e3 / CLOCKS_PER_SEC;
    cpu_start_ = std::clock();
    ++frames_;
  }
}

void FramePhases::print() const {
  static const char* const kNames[kParts] = {"wait", "drain", "ui", "gl_submit", "swap"};
  const double n = frames_ > 0 ? frames_ : 1;
  for (int p = 0; p < kParts; ++p)
    std::printf("latency_phase_%s_ms=%.2f\n", kNames[p], sum_ms_[p] / n);
  std::printf("latency_cpu_ms_per_frame=%.2f\n", cpu_ms_ / n);
}

void LatencyProbe::drained(const std::vector<netcore::Transition>& ts) {
  stamps_.clear();
  for (const netcore::Transition& t : ts) stamps_.push_back(t.t_ns);
}

bool LatencyProbe::frame_done(int frame, uint64_t engine_drops) {
  const uint64_t end = steady_now_ns();
  if (frame == 1) first_frame_end_ = end;
  for (uint64_t stamp : stamps_) frames_.push_back(static_cast<double>(end - stamp) / (1e9 / 60.0));
  if (end <= until_) return false;
  std::sort(frames_.begin(), frames_.end());
  const double p99 = frames_.empty() ? 0.0 : frames_[frames_.size() * 99 / 100];
  // Also in this run's own frames: under Xvfb the software rasterizer (llvmpipe) makes a frame
  // far longer than 1/60 s, and "frames" is then the fairer unit.
  const double frame_ms = ms_between(first_frame_end_, end) / (frame - 1);
  std::printf(
      "latency_transitions=%zu\nlatency_frames_drawn=%d\nlatency_frame_ms_mean=%.2f\n"
      "latency_p99_ms=%.2f\nlatency_p99_frames=%.2f\nlatency_p99_own_frames=%.2f\n",
      frames_.size(), frame, frame_ms, p99 * (1e3 / 60.0), p99, p99 * (1e3 / 60.0) / frame_ms);
  // The median, for the shape: the flood's sends are submitted while a frame is built, so their
  // transitions always wait for the next frame.
  std::printf("latency_p50_ms=%.2f\n",
              frames_.empty() ? 0.0 : frames_[frames_.size() / 2] * (1e3 / 60.0));
  std::printf("latency_engine_dropped=%llu\n", static_cast<unsigned long long>(engine_drops));
  return true;
}

bool ScaleChangeProbe::press_now(int frame) {
  if (pressed_at_ != 0 || frame < 10 || frame % 10 != 0) return false;
  pressed_at_ = steady_now_ns();
  frames_waited_ = 0;
  return true;
}

bool ScaleChangeProbe::frame_done(float scale) {
  const uint64_t end = steady_now_ns();
  if (last_frame_end_ != 0 && pressed_at_ == 0)
    frame_ms_.push_back(ms_between(last_frame_end_, end));
  last_frame_end_ = end;
  if (scale_before_ == 0) scale_before_ = scale;
  if (pressed_at_ != 0) {
    ++frames_waited_;
    if (scale != scale_before_) {
      ms_.push_back(ms_between(pressed_at_, end));
      frames_.push_back(frames_waited_);
      scale_before_ = scale;
      pressed_at_ = 0;
    }
  }
  if (scale < 3.0f) return false;
  std::sort(ms_.begin(), ms_.end());
  std::sort(frame_ms_.begin(), frame_ms_.end());
  const double steady = frame_ms_.empty() ? 0.0 : frame_ms_[frame_ms_.size() / 2];
  const double median = ms_.empty() ? 0.0 : ms_[ms_.size() / 2];
  // Each change: the frame that takes the key (its NewFrame reads the queue; the views set the
  // new scale), then the first frame drawn at it (glyphs of the new size made and uploaded).
  std::printf("scale_changes=%zu\nscale_change_ms=%.1f\nscale_change_ms_max=%.1f\n", ms_.size(),
              median, ms_.empty() ? 0.0 : ms_.back());
  std::printf("scale_change_frames_max=%d\nscale_change_steady_frame_ms=%.1f\n",
              frames_.empty() ? 0 : *std::max_element(frames_.begin(), frames_.end()), steady);
  std::printf("scale_change_own_frames=%.2f\n", steady > 0 ? median / steady : 0.0);
  return true;
}

}  // namespace iolab::shell
