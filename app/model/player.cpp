#include "model/player.hpp"

#include <algorithm>

namespace iolab::model {

TracePlayer::TracePlayer(std::vector<netcore::Transition> transitions)
    : transitions_(std::move(transitions)) {
  if (!transitions_.empty()) t0_ = transitions_.front().t_ns;
}

uint64_t TracePlayer::since_start(const netcore::Transition& t) const {
  return t.t_ns > t0_ ? t.t_ns - t0_ : 0;  // stamps of other threads may lag the first one
}

std::vector<netcore::Transition> TracePlayer::advance(uint64_t wall_ns) {
  if (finished()) return {};  // the clock stops at the end, and the timeline's "now" with it
  clock_ns_ += static_cast<uint64_t>(static_cast<double>(wall_ns) * speed_);
  std::vector<netcore::Transition> reached;
  while (next_ < transitions_.size() && transitions_[next_].t_ns <= t0_ + clock_ns_)
    reached.push_back(transitions_[next_++]);
  if (finished()) clock_ns_ = since_start(transitions_.back());  // "now" ends on the last
  return reached;
}

std::vector<netcore::Transition> TracePlayer::step() {
  if (finished()) return {};
  const netcore::Transition& t = transitions_[next_++];
  clock_ns_ = std::max(clock_ns_, since_start(t));
  return {t};
}

std::vector<netcore::Transition> TracePlayer::step_back() {
  if (next_ == 0) return {};
  --next_;
  clock_ns_ = next_ > 0 ? since_start(transitions_[next_ - 1]) : 0;
  return {transitions_.begin(), transitions_.begin() + static_cast<std::ptrdiff_t>(next_)};
}

void TracePlayer::set_speed(double speed) {
  speed_ = std::clamp(speed, 0.1, 100.0);
}

}  // namespace iolab::model
