// iolab: the GUI. A GLFW window with OpenGL 3.3 core (glad, generated at build time), Dear ImGui,
// and the netcore engine on its own thread. Each frame drains the engine's transitions into the
// model and draws the panels (app/views). No socket or platform header here: netcore owns those.
#include <glad/gl.h>
// glad defines the GL API; GLFW must not include a system gl.h beside it.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "model/script.hpp"
#include "netcore/engine.hpp"
#include "views/main_view.hpp"
#include "views/strings.hpp"
#include "views/theme.hpp"
#include "views/ui.hpp"

namespace {

using iolab::model::Model;
using iolab::model::Script;

struct Options {
  std::string screenshot;
  int frames = 30;
  std::string drive;
  uint16_t port = 0;
  int width = 1600, height = 900;
  float font_px = 0;  // 0: from the window's height (24 px at 1080, the projector's size)
  // --- performance (docs/performance.md, "GUI"): the store's cap and the two bench runs ---
  size_t max_transitions = iolab::model::Model::kDefaultMaxTransitions;
  bool bench_first_frame = false;  // print when the first frame was presented, exit
  bool bench_latency = false;      // flood for a few seconds, print p99 latency in frames, exit
};

// Options of the performance work, apart from the others so branches merge cleanly.
// Returns 1 when `arg` was one of them (i advanced past its value), 0 when not, 2 on error.
int parse_perf_arg(int argc, char** argv, int& i, Options& o) {
  const std::string arg = argv[i];
  if (arg == "--bench-first-frame") {
    o.bench_first_frame = true;
  } else if (arg == "--bench-latency") {
    o.bench_latency = true;
  } else if (arg == "--max-transitions") {
    const long long n = i + 1 < argc ? std::atoll(argv[i + 1]) : 0;
    if (n < 16) {
      std::fprintf(stderr, "iolab: --max-transitions needs a number >= 16\n");
      return 2;
    }
    o.max_transitions = static_cast<size_t>(n);
    ++i;
  } else {
    return 0;
  }
  return 1;
}

// Returns -1 to go on, or the exit code (0 after --help, 2 on a bad flag).
int parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* what) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "iolab: %s needs %s (try --help)\n", arg.c_str(), what);
        return nullptr;
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(iolab::text::kUsage, stdout);
      return 0;
    } else if (arg == "--screenshot") {
      const char* v = value("a file name");
      if (!v) return 2;
      o.screenshot = v;
    } else if (arg == "--frames") {
      const char* v = value("a number");
      if (!v || (o.frames = std::atoi(v)) <= 0) {
        if (v) std::fprintf(stderr, "iolab: --frames needs a positive number, not '%s'\n", v);
        return 2;
      }
    } else if (arg == "--drive") {
      const char* v = value("a script (file, or steps separated by ';')");
      if (!v) return 2;
      o.drive = v;
    } else if (arg == "--port") {
      const char* v = value("a port number");
      const int port = v ? std::atoi(v) : -1;
      if (port < 0 || port > 65535) {
        if (v) std::fprintf(stderr, "iolab: --port needs 0..65535, not '%s'\n", v);
        return 2;
      }
      o.port = static_cast<uint16_t>(port);
    } else if (arg == "--size") {
      const char* v = value("WIDTHxHEIGHT");
      if (!v || std::sscanf(v, "%dx%d", &o.width, &o.height) != 2 || o.width < 320 ||
          o.height < 240) {
        if (v) std::fprintf(stderr, "iolab: --size needs WIDTHxHEIGHT, not '%s'\n", v);
        return 2;
      }
    } else if (arg == "--font-size") {
      const char* v = value("pixels");
      if (!v || (o.font_px = static_cast<float>(std::atof(v))) < 8.0f || o.font_px > 96.0f) {
        if (v) std::fprintf(stderr, "iolab: --font-size needs 8..96 pixels, not '%s'\n", v);
        return 2;
      }
    } else if (const int perf = parse_perf_arg(argc, argv, i, o); perf != 0) {
      if (perf == 2) return 2;
    } else {
      std::fprintf(stderr, "iolab: unknown option '%s' (try --help)\n", arg.c_str());
      return 2;
    }
  }
  return -1;
}

std::string glfw_error;  // the last GLFW error, for the no-display message
void on_glfw_error(int, const char* description) {
  glfw_error = description;
}

// The script is a file when one by that name exists, otherwise the steps themselves.
std::string read_script(const std::string& arg) {
  std::ifstream file(arg);
  if (!file) return arg;
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

bool write_png(const std::string& path, GLFWwindow* window) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // an opaque picture
  stbi_flip_vertically_on_write(1);                               // GL's rows start at the bottom
  if (!stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4)) {
    std::fprintf(stderr, "iolab: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("iolab: wrote %s (%dx%d)\n", path.c_str(), w, h);
  return true;
}

uint64_t steady_now_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// The engine stamps transitions with its own steady clock; the timeline's "now" is that clock,
// estimated as our clock minus the smallest delay seen between a stamp and its drain.
class LiveClock {
 public:
  void observe(uint64_t stamp_ns, uint64_t drained_at_ns) {
    const int64_t offset = static_cast<int64_t>(drained_at_ns - stamp_ns);
    if (!known_ || offset < offset_) offset_ = offset;
    known_ = true;
  }
  uint64_t now(uint64_t app_now_ns) const {
    return known_ ? app_now_ns - static_cast<uint64_t>(offset_) : 0;
  }

 private:
  bool known_ = false;
  int64_t offset_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const uint64_t main_start_ns = steady_now_ns();
  Options options;
  if (const int code = parse_args(argc, argv, options); code >= 0) return code;

  Script script;
  const bool driving = !options.drive.empty();
  if (driving) {
    std::string error;
    if (!Script::parse(read_script(options.drive), script, error)) {
      std::fprintf(stderr, "iolab: --drive: %s\n", error.c_str());
      return 2;
    }
  }

  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr, iolab::text::kNoDisplay, glfw_error.c_str());
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, iolab::text::kAppTitle, nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, iolab::text::kNoDisplay, glfw_error.c_str());
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::fprintf(stderr, "iolab: cannot load OpenGL 3.3 functions\n");
    glfwTerminate();
    return 1;
  }
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember
  iolab::views::Ui ui;
  const float font_px = options.font_px > 0
                            ? options.font_px
                            : std::clamp(static_cast<float>(options.height) / 44.0f, 16.0f, 40.0f);
  ui.fonts = iolab::views::load_fonts(font_px);
  iolab::views::apply_style(font_px);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  netcore::EngineOptions engine_options;
  engine_options.mode = netcore::LabMode::loopback;
  engine_options.port = options.port;
  netcore::Engine engine(engine_options);
  std::string engine_error;
  const bool engine_ok = engine.start(engine_error);
  if (!engine_ok) {
    std::fprintf(stderr, "iolab: the engine did not start: %s\n", engine_error.c_str());
    if (driving) return 4;
    ui.engine_error = engine_error.c_str();
  }

  Model model;
  model.set_max_transitions(options.max_transitions);
  ui.model = &model;
  ui.backend = engine.backend();
  ui.port = engine_ok ? engine.port() : 0;
  ui.submit = [&](const netcore::Command& c) { return engine_ok ? engine.submit(c) : 0u; };

  iolab::views::MainView view;
  LiveClock clock;
  std::vector<netcore::Transition> drained;
  int frame = 0;
  int exit_code = 0;
  bool quit = false;
  bool reported = false;
  struct {
    float x = 0, y = 0;
    int frames_left = 0;
  } click;  // a --drive click in progress
  struct {
    bool active = false;
    float x = 0, y = 0;
  } hover;  // where --drive's `hover` step keeps the mouse (for tooltips in screenshots)
  struct {
    std::string label;
    int frames_left = 0;
  } button_to_click;  // a --drive click-button waiting for its button to be drawn  //
                      // "drive: done" and the model, printed once

  // --bench-latency: for each transition, (end of the first frame that draws it - its t_ns) in
  // frames of the display's 60 Hz; the flood is switched on with its key (W) on frame 2.
  std::vector<double> latency_frames;
  std::vector<uint64_t> drawn_stamps;
  uint64_t first_frame_end = 0;
  const uint64_t latency_until = main_start_ns + 5'000'000'000ull;
  while (!glfwWindowShouldClose(window) && !quit) {
    // Drive and screenshot runs pace frames at >= 5 ms so a wait's frame budget is a real
    // stretch of time; interactive runs wait for input or the next live-timeline frame.
    glfwWaitEventsTimeout(driving || !options.screenshot.empty() ? 0.005 : 1.0 / 60.0);

    drained.clear();
    engine.drain(drained);
    const uint64_t app_now = steady_now_ns();
    for (const netcore::Transition& t : drained) clock.observe(t.t_ns, app_now);
    model.apply(drained);
    if (options.bench_latency) {
      drawn_stamps.clear();
      for (const netcore::Transition& t : drained) drawn_stamps.push_back(t.t_ns);
      if (frame == 2) ImGui_ImplGlfw_KeyCallback(window, 'W', 0, GLFW_PRESS, 0);
      if (frame == 3) ImGui_ImplGlfw_KeyCallback(window, 'W', 0, GLFW_RELEASE, 0);
    }
    ui.dropped = engine.dropped();
    if (!ui.paused) ui.now_ns = clock.now(app_now);

    Script::Actions actions;
    if (driving) {
      actions = script.next_frame(model, [&](const std::string& state) {
        if (state == "paused") return ui.paused;
        if (state == "running") return !ui.paused;
        if (state == "following") return view.following();
        if (state == "no-engine-drops") return ui.dropped == 0 && model.seq_gaps() == 0;
        if (state == "not-following") return !view.following();
        if (state.rfind("matrix", 0) == 0 || state == "lab") return view.layout_state(state);
        const iolab::model::Op* shown = ui.shown();
        if (state == "shows-recv") return shown && shown->api == netcore::Api::WSARecv;
        if (state == "shows-send") return shown && shown->api == netcore::Api::WSASend;
        return false;
      });
      // Keys go in at the GLFW level, through the platform backend's own callback.
      if (actions.release) ImGui_ImplGlfw_KeyCallback(window, actions.release, 0, GLFW_RELEASE, 0);
      if (actions.press) ImGui_ImplGlfw_KeyCallback(window, actions.press, 0, GLFW_PRESS, 0);
      for (char c : actions.type)
        ImGui_ImplGlfw_CharCallback(window, static_cast<unsigned char>(c));
      if (!actions.message.empty()) std::printf("%s\n", actions.message.c_str());
      if (actions.failed) {
        std::fprintf(stderr, "%s\nmodel:\n%s", actions.message.c_str(), model.describe().c_str());
        exit_code = 3;
        quit = true;
      }
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (actions.hover) hover = {true, actions.hover_x, actions.hover_y};
    if (actions.click) click = {actions.hover_x, actions.hover_y, 2};
    if (!actions.click_button.empty()) button_to_click = {actions.click_button, 10};
    if (button_to_click.frames_left > 0) {
      // Buttons are known once drawn: on the first frame, try again on the next few.
      for (const iolab::views::Ui::Button& b : ui.buttons) {
        if (std::string(b.label).rfind(button_to_click.label, 0) == 0) {
          click = {b.x, b.y, 2};
          button_to_click.frames_left = 0;
          break;
        }
      }
      if (button_to_click.frames_left > 0 && --button_to_click.frames_left == 0) {
        std::fprintf(stderr, "drive: FAILED: no button '%s'\n", button_to_click.label.c_str());
        exit_code = 3;
        quit = true;
      }
    }
    if (actions.click_log != netcore::Api::none) {
      const iolab::model::Op* op = model.latest_op(actions.click_log);
      if (!op || !view.log_line_position(op->id, click.x, click.y)) {
        std::fprintf(stderr, "drive: FAILED: no log line to click\nmodel:\n%s",
                     model.describe().c_str());
        exit_code = 3;
        quit = true;
      } else {
        click.frames_left = 2;
      }
    }
    // ImGui 1.86 has no AddMousePosEvent: the mouse is written after the platform backend's
    // NewFrame, down for one frame and up the next, like a real click.
    if (click.frames_left > 0 || hover.active) {
      ImGuiIO& io = ImGui::GetIO();
      const bool clicking = click.frames_left > 0;
      const ImVec2 pos = clicking ? ImVec2(click.x, click.y) : ImVec2(hover.x, hover.y);
#if IMGUI_VERSION_NUM >= 18700
      io.AddMousePosEvent(pos.x, pos.y);
      io.AddMouseButtonEvent(0, clicking && click.frames_left == 2);
#else
      io.MousePos = pos;
      io.MouseDown[0] = clicking && click.frames_left == 2;
#endif
      if (clicking) --click.frames_left;
    }
    if (actions.wheel != 0.0f) {
#if IMGUI_VERSION_NUM >= 18700
      ImGui::GetIO().AddMouseWheelEvent(0.0f, actions.wheel);
#else
      ImGui::GetIO().MouseWheel += actions.wheel;
#endif
    }
    ImGui::NewFrame();
    view.draw(ui);
    ImGui::Render();

    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (!actions.screenshot.empty() && !write_png(actions.screenshot, window)) {
      exit_code = 3;
      quit = true;
    }
    ++frame;
    if (driving && actions.done && !reported) {
      std::printf("drive: done\nmodel:\n%s", model.describe().c_str());
      reported = true;
    }
    // A screenshot run renders at least --frames frames, and waits for the script to finish.
    const bool script_finished = !driving || actions.done;
    if (script_finished && !options.screenshot.empty() && frame >= options.frames) {
      if (!write_png(options.screenshot, window)) exit_code = 3;
      quit = true;
    } else if (script_finished && driving && options.screenshot.empty()) {
      quit = true;
    }
    glfwSwapBuffers(window);
    if (options.bench_first_frame && frame == 1) {
      const auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
      std::printf("first_frame_unix_ns=%lld\nfirst_frame_ms_from_main=%.1f\n",
                  static_cast<long long>(wall), (steady_now_ns() - main_start_ns) / 1e6);
      quit = true;
    }
    if (options.bench_latency) {
      const uint64_t end = steady_now_ns();
      if (frame == 1) first_frame_end = end;
      for (uint64_t stamp : drawn_stamps)
        latency_frames.push_back(static_cast<double>(end - stamp) / (1e9 / 60.0));
      if (end > latency_until) {
        std::sort(latency_frames.begin(), latency_frames.end());
        const double p99 =
            latency_frames.empty() ? 0.0 : latency_frames[latency_frames.size() * 99 / 100];
        // Also in this run's own frames: under Xvfb the software rasterizer (llvmpipe) makes a
        // frame far longer than 1/60 s, and "frames" is then the fairer unit.
        const double frame_ms = static_cast<double>(end - first_frame_end) / 1e6 / (frame - 1);
        std::printf(
            "latency_transitions=%zu\nlatency_frames_drawn=%d\nlatency_frame_ms_mean=%.2f\n"
            "latency_p99_ms=%.2f\nlatency_p99_frames=%.2f\nlatency_p99_own_frames=%.2f\n",
            latency_frames.size(), frame, frame_ms, p99 * (1e3 / 60.0), p99,
            p99 * (1e3 / 60.0) / frame_ms);
        std::printf("latency_engine_dropped=%llu\n",
                    static_cast<unsigned long long>(engine.dropped() + model.seq_gaps()));
        quit = true;
      }
    }

    if (ui.reset_requested) {  // Reset lab: a fresh picture for the new lab
      model.clear();
      ui.select(0, false);
      ui.reset_requested = false;
    }
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
