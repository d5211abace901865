#include "netcore/driver.hpp"

#include <algorithm>

namespace netcore {

bool ends_op(Kind kind) {
  // The other models' ends: the routine ran (callback), the worker got the packet (dequeued).
  return kind == Kind::completed_immediately || kind == Kind::result_fetched ||
         kind == Kind::failed || kind == Kind::peer_closed || kind == Kind::callback ||
         kind == Kind::dequeued;
}

void Driver::pump() {
  batch_.clear();
  engine_.drain(batch_);
  for (const Transition& t : batch_) {
    keep(t);
    if (sink_) sink_(t);
  }
}

void Driver::keep(const Transition& t) {
  const Position at = end();
  window_.push_back(t);
  if (window_.size() > limits_.window) {
    window_.pop_front();
    ++window_begin_;
  }
  count_stream(t);
  if (!t.op) return;  // the lab's own transitions (listen, accept, the waits) belong to no op
  if (t.op == watch_.op && !watch_.found && (*watch_.match)(t)) watch_.found = t;
  OpRecord& r = ops_[t.op];
  if (r.transitions.size() < limits_.transitions_per_op)
    r.transitions.push_back(t);
  else
    ++untracked_;
  if (t.kind == Kind::pending) r.pending_at = at + 1;
  if (t.kind == Kind::posted && t.session < kSessions) {
    r.stream_end = sent_[t.session];
    r.connection = connection_;
  }
  if (ends_op(t.kind) && !r.ended) {
    r.ended = true;
    ended_ops_.push_back(t.op);
    if (ended_ops_.size() > limits_.kept_ended_ops) {
      ops_.erase(ended_ops_.front());
      ended_ops_.pop_front();
      ++forgotten_ops_;
    }
  }
}

void Driver::count_stream(const Transition& t) {
  if (t.kind == Kind::connected || t.kind == Kind::accepted) {
    ++connection_;  // a new connection: a new stream
    for (uint32_t i = 0; i < kSessions; ++i) sent_[i] = received_[i] = 0;
  } else if (t.session >= kSessions) {
    return;
  } else if (t.kind == Kind::posted && t.op_api == Api::WSASend) {
    sent_[t.session] += t.bytes;
  } else if (((t.kind == Kind::completed_immediately || t.kind == Kind::result_fetched ||
               t.kind == Kind::callback || t.kind == Kind::dequeued) &&
              t.op_api == Api::WSARecv) ||
             (t.kind == Kind::completed_immediately && t.op_api == Api::recv)) {
    // The receive's bytes, in whichever model took them: fetched, the routine's, the packet's,
    // or WSAEventSelect's recv.
    received_[t.session] += t.bytes;
  }
}

bool Driver::wait_more(std::chrono::steady_clock::time_point deadline) {
  const auto left = deadline - std::chrono::steady_clock::now();
  if (left <= std::chrono::steady_clock::duration::zero()) return false;
  engine_.wait_for_transitions(std::chrono::duration_cast<std::chrono::milliseconds>(left) +
                               std::chrono::milliseconds(1));
  pump();
  return true;
}

std::optional<Transition> Driver::await(const std::function<bool(const Transition&)>& match,
                                        std::chrono::milliseconds timeout) {
  pump();
  Position from = window_begin_;
  return await_from(from, match, timeout);
}

std::optional<Transition> Driver::await_from(Position& from,
                                             const std::function<bool(const Transition&)>& match,
                                             std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pump();
  do {
    if (from < window_begin_) {
      missed_ += window_begin_ - from;
      from = window_begin_;
    }
    for (; from < end(); ++from) {
      const Transition& t = window_[size_t(from - window_begin_)];
      if (match(t)) {
        ++from;
        return t;
      }
    }
  } while (wait_more(deadline));
  return std::nullopt;
}

const Driver::OpRecord* Driver::record(uint32_t op) const {
  const auto it = ops_.find(op);
  return it == ops_.end() ? nullptr : &it->second;
}

std::optional<Transition> Driver::await_op(uint32_t op,
                                           const std::function<bool(const Transition&)>& match,
                                           std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // What came before this call is in the op's record; what comes during it is caught by the
  // watch as it is kept, even if the record is then forgotten in the same pump.
  if (const OpRecord* r = record(op))
    for (const Transition& t : r->transitions)
      if (match(t)) return t;
  watch_ = {op, &match, std::nullopt};
  pump();
  while (!watch_.found && wait_more(deadline)) {
  }
  const std::optional<Transition> found = watch_.found;
  watch_ = {};
  return found;
}

std::optional<Transition> Driver::await_kind(uint32_t op, Kind kind,
                                             std::chrono::milliseconds timeout) {
  return await_op(
      op, [&](const Transition& t) { return t.kind == kind; }, timeout);
}

std::optional<Transition> Driver::await_end(uint32_t op, std::chrono::milliseconds timeout) {
  return await_op(
      op, [](const Transition& t) { return ends_op(t.kind); }, timeout);
}

const std::vector<Transition>* Driver::find_op(uint32_t op) const {
  const OpRecord* r = record(op);
  return r ? &r->transitions : nullptr;
}

std::vector<Transition> Driver::of_op(uint32_t op) const {
  const OpRecord* r = record(op);
  return r ? r->transitions : std::vector<Transition>{};
}

Driver::Delivery Driver::delivery(uint32_t op) const {
  const OpRecord* r = record(op);
  if (!r) return Delivery::unknown;
  const auto posted = std::find_if(r->transitions.begin(), r->transitions.end(),
                                   [](const Transition& t) { return t.kind == Kind::posted; });
  if (posted == r->transitions.end()) return Delivery::unknown;
  if (posted->op_api != Api::WSASend) return Delivery::not_a_send;
  if (r->connection != connection_) return Delivery::delivered;
  uint64_t received = 0;  // by the sender's peer
  for (uint32_t i = 0; i < kSessions; ++i)
    if (i != posted->session) received += received_[i];
  return received >= r->stream_end ? Delivery::delivered : Delivery::on_the_way;
}

uint32_t Driver::last_pending_op() const {
  uint32_t op = 0;
  uint64_t latest = 0;
  for (const auto& [id, r] : ops_)
    if (!r.ended && r.pending_at > latest) {
      latest = r.pending_at;
      op = id;
    }
  return op;
}

}  // namespace netcore
