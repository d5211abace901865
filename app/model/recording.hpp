// Every transition as it arrived, for File > Save trace: the model keeps a compact log (40-byte
// records, snapshots for some ops), which cannot be written back losslessly. The recording is a
// bounded ring of whole transitions: a lesson fits many times over; a long flood keeps its
// newest `capacity` and counts what it let go, and the save says so.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "netcore/transition.hpp"

namespace iolab::model {

class Recording {
 public:
  static constexpr size_t kDefaultCapacity = 200000;  // ~32 MB of transitions

  explicit Recording(size_t capacity = kDefaultCapacity) : capacity_(capacity ? capacity : 1) {}

  void append(const std::vector<netcore::Transition>& ts) {
    for (const netcore::Transition& t : ts) push(t);
  }
  // A loaded trace (--replay) is taken as it is, without a copy, when nothing is recorded yet
  // and it fits: copying 200,000 transitions cost ~40 ms of page faults before the first frame.
  void append(std::vector<netcore::Transition>&& ts) {
    if (kept_.empty() && ts.size() <= capacity_) {
      kept_ = std::move(ts);
      oldest_ = 0;
      return;
    }
    append(ts);
  }
  // Oldest first.
  std::vector<netcore::Transition> transitions() const {
    std::vector<netcore::Transition> out(kept_.begin() + ptrdiff_t(oldest_), kept_.end());
    out.insert(out.end(), kept_.begin(), kept_.begin() + ptrdiff_t(oldest_));
    return out;
  }
  size_t size() const { return kept_.size(); }
  uint64_t let_go() const { return let_go_; }  // the oldest, no longer in a saved trace
  void clear() {
    kept_.clear();
    oldest_ = 0;
    let_go_ = 0;
  }

 private:
  // A ring once full: the newest overwrites the oldest.
  void push(const netcore::Transition& t) {
    if (kept_.size() < capacity_) {
      if (kept_.size() == kept_.capacity())  // grow by doubling, but never past the cap
        kept_.reserve(std::min(capacity_, std::max<size_t>(64, 2 * kept_.size())));
      kept_.push_back(t);
      return;
    }
    kept_[oldest_] = t;
    oldest_ = (oldest_ + 1) % capacity_;
    ++let_go_;
  }

  size_t capacity_;
  std::vector<netcore::Transition> kept_;
  size_t oldest_ = 0;  // kept_[oldest_] is the oldest (0 until the ring is full)
  uint64_t let_go_ = 0;
};

}  // namespace iolab::model
