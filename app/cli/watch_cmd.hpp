// iolab-cli watch: prints the transitions of every program built with probe/iolab_probe.h.
#pragma once
#include <string>

namespace iolab {

struct WatchOptions {
  std::string host = "127.0.0.1";  // loopback unless asked: a probe stream is not for the network
  int port = 7001;
  bool jsonl = false;
  bool once = false;  // exit 0 when the last connected program disconnects
};

int run_watch(const WatchOptions& o);

}  // namespace iolab
