// The web edition (tools/web.sh): the app shell's frame, in a page, fed from a trace the real
// engine recorded at build time, since a page cannot open sockets. The page (app/web/shell.html)
// turns its URL parameters into the arguments read here, and shows what this reports: that the
// app started, how many frames it drew, how far the replay is and its end, or an error.
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "netcore/trace.hpp"
#include "platform/web.hpp"
#include "shell/app.hpp"
#include "shell/bench.hpp"
#include "shell/options.hpp"
#include "views/i18n.hpp"

namespace {

// What the page asked for: ?lesson=NAME&lang=ko&speed=2&backend=winsock.
struct PageOptions {
  std::string lesson;
  std::string backend = "linux";  // "linux" (io_uring) or "winsock": which recording
  std::string lang = "en";
  double speed = 1.0;
};

// One readable line in the page's status box, in place of a blank canvas.
void page_error(const std::string& what) {
  std::fprintf(stderr, "iolab-web: %s\n", what.c_str());
  EM_ASM({ iolabPage.fail(UTF8ToString($0)); }, what.c_str());
}

// The page passes its parameters as `--NAME VALUE` pairs. "" or what is wrong.
std::string parse_page_args(int argc, char** argv, PageOptions& o) {
  if (argc % 2 == 0) return std::string("the parameter '") + argv[argc - 1] + "' has no value";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--lesson") {
      if (value.empty() || value.find_first_of("/\\") != std::string::npos)
        return "lesson must be a lesson's name, not '" + value + "'";
      o.lesson = value;
    } else if (key == "--backend") {
      if (value != "linux" && value != "winsock")
        return "backend must be linux or winsock, not '" + value + "'";
      o.backend = value;
    } else if (key == "--lang") {
      iolab::views::Lang lang;
      if (!iolab::views::parse_language(value, lang))
        return "lang must be ko or en, not '" + value + "'";
      o.lang = value;
    } else if (key == "--speed") {
      char* end = nullptr;
      o.speed = std::strtod(value.c_str(), &end);
      if (value.empty() || *end || !(o.speed >= 0.1 && o.speed <= 100.0))
        return "speed must be a number from 0.1 to 100, not '" + value + "'";
    } else {
      return "unknown parameter '" + key.substr(2) + "' (lesson, backend, lang, speed)";
    }
  }
  if (o.lesson.empty()) return "no lesson given";
  return "";
}

iolab::shell::App* page_app = nullptr;  // the page's app, for its buttons

}  // namespace

// The page's buttons (app/web/shell.html) call these between frames.
extern "C" {
EMSCRIPTEN_KEEPALIVE void iolab_web_toggle_pause() {
  if (page_app) page_app->toggle_pause();
}
EMSCRIPTEN_KEEPALIVE void iolab_web_step() {
  if (page_app) page_app->replay_step(false);
}
EMSCRIPTEN_KEEPALIVE void iolab_web_step_back() {
  if (page_app) page_app->replay_step(true);
}
EMSCRIPTEN_KEEPALIVE void iolab_web_set_speed(double speed) {
  if (page_app) page_app->set_replay_speed(speed);
}
}

int main(int argc, char** argv) {
  using namespace iolab;
  static shell::StartupPhases startup(shell::steady_now_ns());  // the app keeps a reference
  PageOptions page;
  if (const std::string error = parse_page_args(argc, argv, page); !error.empty()) {
    page_error(error);
    return 2;
  }
  // The traces were packaged at build time as /traces/LESSON.BACKEND.jsonl (app/web.cmake).
  shell::Inputs inputs;
  const std::string backend_name = page.backend == "winsock" ? "Winsock" : "Linux io_uring";
  inputs.replay =
      netcore::load_trace_file("/traces/" + page.lesson + "." + page.backend + ".jsonl");
  if (!inputs.replay.ok()) {
    page_error("there is no recorded run of lesson '" + page.lesson + "' on " + backend_name +
               " (" + inputs.replay.errors.front() + "). The list of lessons is at this page " +
               "without parameters.");
    return 2;
  }
  if (inputs.replay.trace.transitions.empty()) {
    page_error("the recorded run of lesson '" + page.lesson + "' has no transitions");
    return 2;
  }

  // The 2x2 matrix (M) replays the four models' runs recorded on the same backend.
  setenv("IOLAB_RECORDED_MODELS", ("/traces/models." + page.backend).c_str(), 1);

  std::string error;
  static std::unique_ptr<platform::Window> window = platform::open_web_window(error);
  if (!window) {
    page_error(error);
    return 1;
  }
  shell::Options options;
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  options.width = static_cast<int>(css_w);
  options.height = static_cast<int>(css_h);  // the fonts' size follows it, as on the desktop
  options.lang = page.lang;
  options.replay = page.lesson;  // the menu bar's banner: "LESSON replay (backend)"
  options.replay_speed = page.speed;
  const size_t transitions = inputs.replay.trace.transitions.size();
  static shell::App app(options, std::move(inputs), startup, [] {});  // no threads in a page
  if (!app.attach(*window)) {
    page_error("WebGL2 could not compile iolab's shaders or make its font texture");
    return 1;
  }
  page_app = &app;
  EM_ASM({ iolabPage.started(UTF8ToString($0), $1); }, page.lesson.c_str(),
         static_cast<int>(transitions));
  platform::run_web_loop(*window, [] {
    page_app->frame();
    const model::TracePlayer* p = page_app->player();
    EM_ASM({ iolabPage.frame($0, $1, $2, $3, $4); }, page_app->frames(),
           static_cast<int>(p->played()), static_cast<int>(p->size()), p->finished() ? 1 : 0,
           page_app->paused() ? 1 : 0);
  });
  return 0;
}
