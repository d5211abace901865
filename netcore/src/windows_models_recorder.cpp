// The models' recorder (windows_models_io.hpp), on its own: the engine's live lab uses it on
// every platform, the web edition included, where the models' calls themselves are not built;
// the many-clients server uses it bounded.
#include <algorithm>
#include <chrono>

#include "windows_models_io.hpp"

namespace netcore::windows_models_io {
using namespace std::chrono;

Recorder::Recorder(size_t capacity, size_t session_cap, uint32_t sessions)
    : capacity_(capacity), session_cap_(session_cap), queued_(sessions + 1u, 0) {}

bool Recorder::add(Transition t) {
  t.thread = models_io::thread_id();
  const bool cpu_counted = count_cpu && t.session != kClientSession;
  const uint64_t cpu = cpu_counted ? models_io::thread_cpu_ns() : 0;
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    if (cpu_counted) {
      auto it = std::find_if(cpu_.begin(), cpu_.end(),
                             [&](const ThreadCpu& c) { return c.thread == t.thread; });
      if (it == cpu_.end())
        cpu_.push_back({t.thread, cpu, cpu});
      else
        it->last = cpu;
    }
    const bool counted = t.session > 0 && t.session < queued_.size();
    if (transitions_.size() >= capacity_ || (counted && queued_[t.session] >= session_cap_)) {
      ++dropped_;
      return false;
    }
    if (counted) ++queued_[t.session];
    t.seq = next_seq_++;
    t.t_ns = static_cast<uint64_t>(
        duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
    first = transitions_.empty();
    transitions_.push_back(t);
  }
  if (first) ready_.notify_all();  // once per drain, not per transition
  if (on_add) on_add();
  return true;
}

std::vector<Transition> Recorder::take() {
  std::vector<Transition> out;
  drain(out);
  return out;
}

size_t Recorder::drain(std::vector<Transition>& out) {
  std::lock_guard lock(mutex_);
  const size_t n = transitions_.size();
  if (out.empty())
    out.swap(transitions_);
  else
    out.insert(out.end(), transitions_.begin(), transitions_.end());
  transitions_.clear();
  std::fill(queued_.begin(), queued_.end(), 0u);
  return n;
}

bool Recorder::wait(milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, timeout, [&] { return !transitions_.empty() || notified_; });
  notified_ = false;
  return !transitions_.empty();
}

void Recorder::notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  ready_.notify_all();
}

size_t Recorder::queued(uint32_t session) const {
  std::lock_guard lock(mutex_);
  return session < queued_.size() ? queued_[session] : 0;
}

uint64_t Recorder::cpu_ns() const {
  std::lock_guard lock(mutex_);
  uint64_t sum = 0;
  for (const ThreadCpu& c : cpu_) sum += c.last - c.first;
  return sum;
}

uint64_t Recorder::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace netcore::windows_models_io
