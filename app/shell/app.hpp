// The app, whatever it runs on: the settings, the netcore engine (or a replayed trace), the
// model, the views, a lesson, --drive and the benchmarks, and `frame()`: one frame, called by
// the platform's loop (platform/desktop.cpp's now, the browser's main loop next).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/player.hpp"
#include "model/recording.hpp"
#include "model/script.hpp"
#include "model/session_ops.hpp"
#include "model/settings.hpp"
#include "netcore/driver.hpp"
#include "netcore/engine.hpp"
#include "netcore/many_clients.hpp"
#include "netcore/script.hpp"
#include "netcore/trace.hpp"
#include "netcore/watch.hpp"
#include "platform/window.hpp"
#include "shell/bench.hpp"
#include "shell/drive.hpp"
#include "shell/options.hpp"
#include "views/classroom_view.hpp"
#include "views/main_view.hpp"
#include "views/ui.hpp"

namespace iolab::shell {

// What the command line names, read and checked before any window opens.
struct Inputs {
  netcore::ParsedScript lesson;               // --script
  netcore::LoadedTrace replay;                // --replay
  model::Script drive;                        // --drive
  std::unique_ptr<netcore::WatchFeed> watch;  // --watch: already listening
};
// -1 to go on, else the exit code: 2 after every `FILE:LINE: what is wrong` (or the drive
// script's error) on stderr.
int load_inputs(const Options& options, Inputs& inputs);

// The settings: the command line, else the ini of the last run, else the locale / defaults.
void resolve_settings(const Options& options, const model::Settings& saved,
                      views::Classroom& classroom);

// The engine stamps transitions with its own steady clock; the timeline's "now" is that clock,
// estimated as our clock minus the smallest delay seen between a stamp and its drain.
class LiveClock {
 public:
  void observe(uint64_t stamp_ns, uint64_t drained_at_ns);
  uint64_t now(uint64_t app_now_ns) const;

 private:
  bool known_ = false;
  int64_t offset_ = 0;
};

class App {
 public:
  // Everything that needs no window: settings, ImGui's context and fonts, the engine started,
  // the model, a lesson. May run on another thread while the platform opens its window (then
  // `startup` is only given its own duration). `wake` wakes the platform's loop from the
  // engine's thread (transitions arrived).
  App(const Options& options, Inputs inputs, StartupPhases& startup, std::function<void()> wake);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // On the window's thread, once it is open: ImGui's platform backend and renderer. False when
  // the app cannot run (see exit_code()).
  bool attach(platform::Window& window);

  // -1 while it runs; else the exit code: 0, 1 (no renderer), 3 (a drive step, lesson or
  // screenshot failed), 4 (a drive run without an engine).
  int exit_code() const { return exit_code_; }
  bool unattended() const { return options_.unattended(); }

  // One frame: the menus' requests, then drain -> model -> views, render, present, and the
  // checks of a test run. False once the app is done (quit, a test run over, a failure).
  bool frame();

  // A replay played back in time (Options::replay_speed > 0; the web edition's page drives
  // these). Null otherwise.
  const model::TracePlayer* player() const { return player_.get(); }
  void set_replay_speed(double speed);
  void toggle_pause() { ui_.paused = !ui_.paused; }
  bool paused() const { return ui_.paused; }
  // One transition on, or back (the model rebuilt from the start); both pause the replay.
  void replay_step(bool back);
  int frames() const { return frame_; }

 private:
  void serve_requests();  // shell/requests.cpp
  void start_lesson(netcore::Script script, const std::string& title, const std::string& note);
  int count_missing_glyphs();
  void drain();
  // shell/watch.cpp: other programs' probes instead of the lab (iolab --watch, File > Watch).
  std::string watch_on(int port);  // "" or why not
  void watch_with(std::unique_ptr<netcore::WatchFeed> feed);
  void drain_watch();
  // shell/many.cpp: N > 1 clients served by the many-clients server instead of the engine.
  std::string clients_on(int n);  // "" or why not
  void drain_many();
  void present_and_check(const Drive::Actions& actions);
  void finish(int code);

  Options options_;
  Inputs inputs_;
  platform::Window* window_ = nullptr;
  StartupPhases& startup_;
  std::string settings_file_;
  model::Settings settings_;
  float font_px_ = 24;
  bool imgui_ready_ = false;

  views::Classroom classroom_;
  views::Ui ui_;
  views::MainView view_;
  model::Model model_;
  model::Recording recording_;  // whole transitions, for File > Save trace
  netcore::Engine engine_;
  bool engine_ok_ = false;
  std::string engine_error_;
  std::vector<netcore::Transition> drained_;
  netcore::Driver driver_;  // every drained transition goes through it (a lesson awaits on it)
  std::unique_ptr<netcore::ScriptRunner> runner_;
  std::unique_ptr<model::TracePlayer> player_;             // see player()
  std::unique_ptr<netcore::WatchFeed> watch_;              // while watching: no engine
  std::unique_ptr<netcore::ManyClientsServer> many_;       // --clients N > 1: no engine
  std::unique_ptr<netcore::ManyLabClients> many_clients_;  // its N clients, unless --serve
  model::SessionOps many_ops_;  // each post of a session's one WSARecv: an op of its own
  uint64_t many_stats_at_ns_ = 0, wave_at_ns_ = 0;
  uint64_t player_drained_at_ns_ = 0;  // the wall clock at its last advance
  LiveClock clock_;
  Drive drive_;

  FramePhases phases_;
  LatencyProbe latency_;
  ScaleChangeProbe scale_change_;

  int frame_ = 0;
  int exit_code_ = -1;
  bool lab_up_ = false;           // the lab's connection is accepted (or there is no engine)
  bool drive_reported_ = false;   // "drive: done" and the model, printed once
  bool lesson_reported_ = false;  // "lesson: finished" ...
  int png_countdown_ = -1;        // Export > PNG: a couple of frames later, once the menu closed
  std::string png_path_;
  static constexpr int kLessonFrameBudget = 20000;  // unattended lessons: at >= 5 ms, > 100 s
};

}  // namespace iolab::shell
