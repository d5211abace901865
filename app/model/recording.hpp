// Every transition as it arrived, for File > Save trace: the model keeps a compact log (40-byte
// records, snapshots for some ops), which cannot be written back losslessly. The recording is a
// bounded ring of whole transitions: a lesson fits many times over; a long flood keeps its
// newest `capacity` and counts what it let go, and the save says so.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "netcore/transition.hpp"

namespace iolab::model {

class Recording {
 public:
  static constexpr size_t kDefaultCapacity = 200000;  // ~32 MB of transitions

  explicit Recording(size_t capacity = kDefaultCapacity) : capacity_(capacity ? capacity : 1) {}

  void append(const std::vector<netcore::Transition>& ts) {
    for (const netcore::Transition& t : ts) {
      if (kept_.size() == capacity_) {
        kept_.pop_front();
        ++let_go_;
      }
      kept_.push_back(t);
    }
  }
  std::vector<netcore::Transition> transitions() const { return {kept_.begin(), kept_.end()}; }
  size_t size() const { return kept_.size(); }
  uint64_t let_go() const { return let_go_; }  // the oldest, no longer in a saved trace
  void clear() {
    kept_.clear();
    let_go_ = 0;
  }

 private:
  size_t capacity_;
  std::deque<netcore::Transition> kept_;
  uint64_t let_go_ = 0;
};

}  // namespace iolab::model
