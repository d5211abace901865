// iolab: the GUI. main() reads the options, opens the desktop window and runs the app's frame
// in the desktop loop. Where each concern lives (docs/gui.md, "The app shell"):
//   shell/options.cpp    the command line -> shell::Options
//   shell/app.cpp        settings, engine, model, views, lessons: the app itself
//   shell/frame.cpp      one frame: requests -> drain -> model -> views -> render -> present
//   shell/requests.cpp   what the menus ask for (save, export, lessons, settings)
//   shell/drive.cpp      --drive test scripts, through ImGui's input queue
//   shell/bench.cpp      --bench-first-frame, --bench-latency, --bench-scale-change
//   platform/desktop.cpp GLFW window, GL context, input, the loop (OS headers only there)
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "platform/desktop.hpp"
#include "shell/app.hpp"
#include "shell/bench.hpp"
#include "shell/options.hpp"
#include "views/strings.hpp"

int main(int argc, char** argv) {
  using namespace iolab;
  shell::StartupPhases startup(shell::steady_now_ns());
  platform::prepare_process();

  shell::Options options;
  if (const int code = shell::parse_options(argc, argv, options); code >= 0) return code;
  // A lesson, a trace or a drive script on the command line is checked before any window
  // opens: a bad one prints every `FILE:LINE: what is wrong` and nothing runs (exit 2).
  shell::Inputs inputs;
  if (const int code = shell::load_inputs(options, inputs); code >= 0) return code;
  startup.mark("args_settings");

  // The app's own start-up (settings, ImGui and its fonts, the engine) needs no window: it runs
  // on a thread while GLFW and the GL driver open one, the longest step before the first frame.
  std::unique_ptr<shell::App> app;
  std::thread prepare([&] {
    app = std::make_unique<shell::App>(options, std::move(inputs), startup,
                                       platform::wake_desktop_loop);
  });
  std::string error;
  auto window = platform::open_desktop_window(options.width, options.height, text::kAppTitle, error,
                                              [&](const char* step) { startup.mark(step); });
  prepare.join();
  startup.mark("app_wait");  // what the app's thread took beyond the window
  if (!window) {
    std::fprintf(stderr, text::kNoDisplay, error.c_str());
    return 1;
  }
  if (app->attach(*window)) {
    const auto pacing =
        app->unattended() ? platform::Pacing::unattended : platform::Pacing::interactive;
    platform::run_desktop_loop(*window, pacing, [&] { return app->frame(); });
  }
  const int exit_code = app->exit_code() < 0 ? 0 : app->exit_code();
  app.reset();  // the app (engine, ImGui) goes before the window
  return exit_code;
}
