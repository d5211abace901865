// Where the watcher has no listener (Windows, the web page): listen() says so, nothing arrives.
#include "netcore/watch.hpp"

namespace netcore {

struct ProbeWatcher::State {};

ProbeWatcher::ProbeWatcher() : state_(std::make_unique<State>()) {}
ProbeWatcher::~ProbeWatcher() = default;

std::string ProbeWatcher::listen(const std::string&, int) {
  return "watching runs on Linux (this build has no listener): run the Linux iolab there and "
         "point IOLAB_PROBE at it";
}
int ProbeWatcher::port() const {
  return 0;
}
void ProbeWatcher::poll(int, const std::function<void(const WatchEvent&)>&) {}
size_t ProbeWatcher::connected() const {
  return 0;
}

}  // namespace netcore
