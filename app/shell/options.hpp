// The command line of `iolab`, as a plain struct (every platform's entry point fills one).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/model.hpp"
#include "netcore/engine.hpp"

namespace iolab::shell {

struct Options {
  std::string screenshot;  // write the window to this PNG after `frames` frames, exit
  int frames = 30;
  std::string drive;  // a --drive script: a file, or steps separated by ';'
  uint16_t port = 0;  // 0: any free port
  std::string model;  // --model: the server's I/O model (netcore::lab_model_name), "" = event
  // Real peers: --serve [HOST:]PORT (the lab is only the server; an outside client connects) or
  // --connect HOST:PORT (the lab is only the client of an outside server). Loopback otherwise.
  netcore::LabMode lab_mode = netcore::LabMode::loopback;
  std::string peer_host = "127.0.0.1";  // --serve's address to listen on, --connect's server
  // --clients N (1..500): N > 1 runs the many-clients server with N of the lab's own clients
  // (or, with --serve, N outside clients) instead of the lecture's one client and server.
  int clients = 1;
  int width = 1600, height = 900;
  float font_px = 0;  // 0: from the window's height (24 px at 1080, the projector's size)
  // Classroom mode. Unset ones come from the settings ini, then the locale / defaults.
  std::string lang;   // "ko" / "en"
  float scale = 0;    // 1.0 .. 3.0
  std::string theme;  // "light" / "dark"
  bool fullscreen = false;
  bool presenter = false;  // the presenter window from the start (--presenter)
  std::string layout;      // "projector" / "desk" / "matrix": the preset, over a saved arrangement
  std::string script;      // a lesson file to play
  std::string replay;      // a saved trace to show, without an engine
  // > 0: the replay plays back in time at this speed (the web edition), with pause, step and
  // step back; 0: it is shown whole at once (--replay).
  double replay_speed = 0;
  int watch_port = -1;  // --watch [PORT]: other programs' probes (7001 when not given); -1: no
  // Performance (docs/performance.md, "GUI"): the store's cap and the bench runs.
  size_t max_transitions = model::Model::kDefaultMaxTransitions;
  bool bench_first_frame = false;   // print when the first frame was presented, exit
  bool bench_latency = false;       // flood for a few seconds, print p99 latency in frames, exit
  bool bench_scale_change = false;  // Ctrl+= a few times, print the time to the next frame, exit

  // Test and screenshot runs: frames paced at >= 5 ms, lessons played through, no wake-ups.
  bool unattended() const { return !drive.empty() || !screenshot.empty(); }
};

// Largest --size accepted: the largest window a GL 3.3 driver is sure to give.
inline constexpr int kMaxWindowSide = 16384;

// Fills `options` from argv. Returns -1 to go on, or the exit code: 0 after --help (the usage
// on stdout), 2 on a bad flag or value (one line on stderr naming the flag and what it accepts).
int parse_options(int argc, char** argv, Options& options);

}  // namespace iolab::shell
