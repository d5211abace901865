// The web edition (tools/web.sh): the same model and views in a browser, fed from a trace that
// the real engine recorded at build time, since a page cannot open sockets. emscripten's GLFW
// gives the canvas and its input, WebGL2 draws (app/imgui_gl.hpp in GLSL ES), and the page
// (app/web/shell.html) turns its URL parameters into the arguments read here and shows what
// this reports: that the app started, how many frames it drew, the lesson's end, or an error.
#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "imgui_gl.hpp"
#include "model/model.hpp"
#include "model/player.hpp"
#include "netcore/trace.hpp"
#include "views/classroom_view.hpp"
#include "views/i18n.hpp"
#include "views/main_view.hpp"
#include "views/theme.hpp"
#include "views/ui.hpp"

namespace {

// What the page asked for: ?lesson=NAME&lang=ko&speed=2&backend=winsock.
struct WebOptions {
  std::string lesson;
  std::string backend = "linux";  // "linux" (io_uring) or "winsock": which recording
  std::string lang = "en";
  double speed = 1.0;
};

// The page's own messages (missing trace, bad parameter): shown in its status box, in place of
// a blank canvas. `what` is one line.
void page_error(const std::string& what) {
  std::fprintf(stderr, "iolab-web: %s\n", what.c_str());
  EM_ASM({ iolabPage.fail(UTF8ToString($0)); }, what.c_str());
}

bool parse_args(int argc, char** argv, WebOptions& o, std::string& error) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--lesson") {
      o.lesson = value;
    } else if (key == "--backend") {
      if (value != "linux" && value != "winsock") {
        error = "backend must be linux or winsock, not '" + value + "'";
        return false;
      }
      o.backend = value;
    } else if (key == "--lang") {
      iolab::views::Lang lang;
      if (!iolab::views::parse_language(value, lang)) {
        error = "lang must be ko or en, not '" + value + "'";
        return false;
      }
      o.lang = value;
    } else if (key == "--speed") {
      char* end = nullptr;
      o.speed = std::strtod(value.c_str(), &end);
      if (!end || *end || !(o.speed >= 0.1 && o.speed <= 100.0)) {
        error = "speed must be a number from 0.1 to 100, not '" + value + "'";
        return false;
      }
    } else {
      error = "unknown parameter '" + key.substr(2) + "'";
      return false;
    }
  }
  if (argc % 2 == 0) {
    error = "a parameter without a value";
    return false;
  }
  return true;
}

struct WebApp {
  GLFWwindow* window = nullptr;
  iolab::gl::ImGuiRenderer renderer;
  iolab::model::Model model;
  iolab::model::TracePlayer player;
  iolab::views::Classroom classroom;
  iolab::views::Ui ui;
  iolab::views::MainView view;
  WebOptions options;
  float font_px = 16;
  double last_time = 0;
  int frames = 0;
  bool finish_reported = false;
};

WebApp* app = nullptr;

// The canvas fills the page below its header: the window follows the canvas's CSS size.
void fit_canvas(WebApp& a) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const int w = std::max(320, static_cast<int>(css_w)), h = std::max(240, static_cast<int>(css_h));
  int cur_w = 0, cur_h = 0;
  glfwGetWindowSize(a.window, &cur_w, &cur_h);
  if (w != cur_w || h != cur_h) glfwSetWindowSize(a.window, w, h);
}

void apply(WebApp& a, const std::vector<netcore::Transition>& ts, bool rebuilt) {
  if (rebuilt) a.model.clear();
  a.model.apply(ts);
}

// One frame: input, the player's transitions into the model, the views, WebGL.
void frame() {
  WebApp& a = *app;
  glfwPollEvents();
  fit_canvas(a);
  if (a.classroom.restyle) {
    a.classroom.restyle = false;
    iolab::views::apply_style(a.font_px, a.classroom.scale, a.classroom.light);
  }
  if (a.classroom.lang != iolab::views::language()) iolab::views::set_language(a.classroom.lang);
  if (!a.classroom.start_lesson_name.empty()) {  // Lessons menu: the page of that lesson
    EM_ASM({ iolabPage.openLesson(UTF8ToString($0)); }, a.classroom.start_lesson_name.c_str());
    a.classroom.start_lesson_name.clear();
  }

  const double now = glfwGetTime();
  const double dt = a.frames == 0 ? 0.0 : now - a.last_time;
  a.last_time = now;
  if (!a.ui.paused) apply(a, a.player.advance(static_cast<uint64_t>(dt * 1e9)), false);
  a.ui.now_ns = a.player.now_ns();

  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  a.view.draw(a.ui);
  ImGui::Render();
  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(a.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  a.renderer.render(ImGui::GetDrawData(), fb_w, fb_h);

  ++a.frames;
  EM_ASM({ iolabPage.frame($0, $1, $2, $3, $4); }, a.frames, static_cast<int>(a.player.played()),
         static_cast<int>(a.player.size()), a.player.finished() ? 1 : 0, a.ui.paused ? 1 : 0);
  if (a.player.finished() && !a.finish_reported) {
    a.finish_reported = true;
    std::printf("iolab-web: %s played to its end (%zu transitions, %d frames)\n",
                a.options.lesson.c_str(), a.player.size(), a.frames);
  }
}

}  // namespace

// The page's buttons (app/web/shell.html) call these between frames.
extern "C" {
EMSCRIPTEN_KEEPALIVE void iolab_web_toggle_pause() {
  if (app) app->ui.paused = !app->ui.paused;
}
EMSCRIPTEN_KEEPALIVE void iolab_web_step() {
  if (!app) return;
  app->ui.paused = true;
  apply(*app, app->player.step(), false);
}
EMSCRIPTEN_KEEPALIVE void iolab_web_step_back() {
  if (!app) return;
  app->ui.paused = true;
  const size_t before = app->player.played();
  std::vector<netcore::Transition> kept = app->player.step_back();
  if (app->player.played() != before) apply(*app, kept, true);
  app->finish_reported = app->finish_reported && app->player.finished();
}
EMSCRIPTEN_KEEPALIVE void iolab_web_set_speed(double speed) {
  if (app) app->player.set_speed(speed);
}
}

int main(int argc, char** argv) {
  static WebApp web;  // lives as long as the page: the main loop outlives main()
  app = &web;
  std::string error;
  if (!parse_args(argc, argv, web.options, error)) {
    page_error(error);
    return 2;
  }
  // The traces are packaged at build time as /traces/LESSON.BACKEND.jsonl (app/web.cmake).
  const std::string trace_path =
      "/traces/" + web.options.lesson + "." + web.options.backend + ".jsonl";
  netcore::LoadedTrace loaded = netcore::load_trace_file(trace_path);
  if (!loaded.ok()) {
    page_error("no recorded run of lesson '" + web.options.lesson + "' on " +
               (web.options.backend == "winsock" ? "Winsock" : "Linux io_uring") + " (" +
               loaded.errors.front() + ")");
    return 2;
  }
  if (loaded.trace.transitions.empty()) {
    page_error("the recorded run of lesson '" + web.options.lesson + "' is empty");
    return 2;
  }

  if (!glfwInit()) {
    page_error("the canvas could not be set up (GLFW did not start)");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);  // WebGL2
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  web.window = glfwCreateWindow(1280, 720, "iolab", nullptr, nullptr);
  if (!web.window) {
    page_error("WebGL2 is not available in this browser (or it is switched off)");
    return 1;
  }
  glfwMakeContextCurrent(web.window);
  fit_canvas(web);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(web.window, true);
  if (!web.renderer.init()) {
    page_error("WebGL2 could not compile iolab's shaders");
    return 1;
  }
  int win_h = 0, win_w = 0;
  glfwGetWindowSize(web.window, &win_w, &win_h);
  web.font_px = std::clamp(std::floor(static_cast<float>(win_h) / 44.0f), 16.0f, 40.0f);

  iolab::views::Classroom& c = web.classroom;
  c.hangul_font = iolab::views::hangul_font_available();
  iolab::views::parse_language(web.options.lang, c.lang);
  if (c.lang == iolab::views::Lang::ko && !c.hangul_font) {
    c.lang = iolab::views::Lang::en;
    c.korean_unavailable = true;
  }
  iolab::views::set_language(c.lang);
  c.replay_file = web.options.lesson;  // the banner: "LESSON replay (backend): no engine"
  web.ui.classroom = &c;
  web.ui.fonts = iolab::views::load_fonts(*ImGui::GetIO().Fonts, web.font_px);
  iolab::views::apply_style(web.font_px, c.scale, c.light);

  web.ui.model = &web.model;
  web.ui.replay = true;
  web.ui.backend = loaded.trace.backend;
  web.ui.submit = [](const netcore::Command&) { return 0u; };  // no engine to send to
  web.player = iolab::model::TracePlayer(std::move(loaded.trace.transitions));
  web.player.set_speed(web.options.speed);

  EM_ASM({ iolabPage.started(UTF8ToString($0), $1); }, web.options.lesson.c_str(),
         static_cast<int>(web.player.size()));
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
