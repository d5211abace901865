// The models' recorder (windows_models_io.hpp), on its own: the engine's live lab uses it on
// every platform, the web edition included, where the models' calls themselves are not built.
#include <chrono>

#include "windows_models_io.hpp"

namespace netcore::windows_models_io {
using namespace std::chrono;

void Recorder::add(Transition t) {
  t.thread = models_io::thread_id();
  {
    std::lock_guard lock(mutex_);
    t.seq = next_seq_++;
    t.t_ns = static_cast<uint64_t>(
        duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
    transitions_.push_back(t);
  }
  if (on_add) on_add();
}

std::vector<Transition> Recorder::take() {
  std::lock_guard lock(mutex_);
  return std::move(transitions_);
}

}  // namespace netcore::windows_models_io
