#include "netcore/driver.hpp"

namespace netcore {

bool ends_op(Kind kind) {
  return kind == Kind::completed_immediately || kind == Kind::result_fetched ||
         kind == Kind::failed || kind == Kind::peer_closed;
}

void Driver::pump() {
  batch_.clear();
  engine_.drain(batch_);
  for (const Transition& t : batch_) {
    seen_.push_back(t);
    if (sink_) sink_(t);
  }
}

std::optional<Transition> Driver::await(const std::function<bool(const Transition&)>& match,
                                        std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t checked = 0;
  for (;;) {
    pump();
    for (; checked < seen_.size(); ++checked)
      if (match(seen_[checked])) return seen_[checked];
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return std::nullopt;
    engine_.wait_for_transitions(std::chrono::duration_cast<std::chrono::milliseconds>(left) +
                                 std::chrono::milliseconds(1));
  }
}

std::optional<Transition> Driver::await_kind(uint32_t op, Kind kind,
                                             std::chrono::milliseconds timeout) {
  return await([&](const Transition& t) { return t.op == op && t.kind == kind; }, timeout);
}

std::optional<Transition> Driver::await_end(uint32_t op, std::chrono::milliseconds timeout) {
  return await([&](const Transition& t) { return t.op == op && ends_op(t.kind); }, timeout);
}

std::vector<Transition> Driver::of_op(uint32_t op) const {
  std::vector<Transition> out;
  for (const Transition& t : seen_)
    if (t.op == op) out.push_back(t);
  return out;
}

}  // namespace netcore
