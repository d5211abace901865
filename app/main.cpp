// iolab: the GUI. A GLFW window with OpenGL 3.3 core (glad, generated at build time), Dear ImGui
// (its GLFW backend; the renderer is app/imgui_gl.hpp),
// and the netcore engine on its own thread. Each frame drains the engine's transitions into the
// model and draws the panels (app/views). No socket or platform header here: netcore owns those.
#include <glad/gl.h>
// glad defines the GL API; GLFW must not include a system gl.h beside it.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <stb_image_write.h>

#if defined(__GLIBC__)
#include <malloc.h>  // mallopt (glibc's allocator, not a platform API): see main()
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "imgui_gl.hpp"
#include "model/export.hpp"
#include "model/model.hpp"
#include "model/recording.hpp"
#include "model/script.hpp"
#include "model/settings.hpp"
#include "netcore/driver.hpp"
#include "netcore/engine.hpp"
#include "netcore/script.hpp"
#include "netcore/trace.hpp"
#include "views/classroom_view.hpp"
#include "views/i18n.hpp"
#include "views/main_view.hpp"
#include "views/strings.hpp"
#include "views/strings_classroom.hpp"
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
  // Classroom mode. Unset ones come from the settings ini, then the locale / defaults.
  std::string lang;   // "ko" / "en"
  float scale = 0;    // 1.0 .. 3.0
  std::string theme;  // "light" / "dark"
  bool fullscreen = false;
  std::string script;  // a lesson file to play
  std::string replay;  // a saved trace to show, without an engine
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
    } else if (arg == "--lang") {
      const char* v = value("ko or en");
      iolab::views::Lang lang;
      if (!v || !iolab::views::parse_language(v, lang)) {
        if (v) std::fprintf(stderr, "iolab: --lang needs ko or en, not '%s'\n", v);
        return 2;
      }
      o.lang = v;
    } else if (arg == "--scale") {
      const char* v = value("a factor from 1.0 to 3.0");
      char* end = nullptr;
      o.scale = v ? std::strtof(v, &end) : 0.0f;
      if (!v || !end || *end || !(o.scale >= 1.0f && o.scale <= 3.0f)) {
        if (v) std::fprintf(stderr, "iolab: --scale needs 1.0..3.0, not '%s'\n", v);
        return 2;
      }
    } else if (arg == "--theme") {
      const char* v = value("light or dark");
      if (!v || (std::string(v) != "light" && std::string(v) != "dark")) {
        if (v) std::fprintf(stderr, "iolab: --theme needs light or dark, not '%s'\n", v);
        return 2;
      }
      o.theme = v;
    } else if (arg == "--fullscreen") {
      o.fullscreen = true;
    } else if (arg == "--script") {
      const char* v = value("a lesson file");
      if (!v) return 2;
      o.script = v;
    } else if (arg == "--replay") {
      const char* v = value("a trace file (JSON lines)");
      if (!v) return 2;
      o.replay = v;
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

// "iolab-20261127-142501" + suffix, in the current folder: files the teacher can find.
std::string timestamped(const char* suffix) {
  const std::time_t now = std::time(nullptr);
  char name[64];
  std::strftime(name, sizeof name, "iolab-%Y%m%d-%H%M%S", std::localtime(&now));
  return std::string(name) + suffix;
}

// A --drive key (GLFW's code, as the script names it: 'A'..'Z', ' ', '=', '-', Enter, Escape,
// F11) as ImGui's named key, for io.AddKeyEvent: the queue a person's key presses go through.
ImGuiKey imgui_key(int code) {
  if (code >= 'A' && code <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (code - 'A'));
  switch (code) {
    case ' ':
      return ImGuiKey_Space;
    case '=':
      return ImGuiKey_Equal;
    case '-':
      return ImGuiKey_Minus;
    case iolab::model::kKeyEnter:
      return ImGuiKey_Enter;
    case iolab::model::kKeyEscape:
      return ImGuiKey_Escape;
    case iolab::model::kKeyF11:
      return ImGuiKey_F11;
    default:
      return ImGuiKey_None;
  }
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

// --bench-first-frame and --bench-latency say where the time goes (docs/performance.md, "GUI").
// Start-up: the wall time of each step from main() to the first present, printed as
// first_frame_phase_<step>_ms. Frames: the mean wall time per frame of each part of the loop,
// printed as latency_phase_<part>_ms, and the process's CPU time per frame (every thread:
// the UI, Mesa's rasterizer threads, the netcore thread).
class StartupPhases {
 public:
  explicit StartupPhases(uint64_t start_ns) : last_(start_ns) {}
  void mark(const char* step) {
    const uint64_t now = steady_now_ns();
    steps_.push_back({step, static_cast<double>(now - last_) / 1e6});
    last_ = now;
  }
  void print() const {
    for (const auto& [step, ms] : steps_) std::printf("first_frame_phase_%s_ms=%.1f\n", step, ms);
  }

 private:
  uint64_t last_;
  std::vector<std::pair<const char*, double>> steps_;
};

// Off unless --bench-latency: the frame loop takes no clock reads it does not print.
class FramePhases {
 public:
  enum Part { wait, drain, ui, gl_submit, swap, kParts };
  explicit FramePhases(bool on) : on_(on) {}
  void begin() {
    if (!on_) return;
    last_ = steady_now_ns();
    cpu_start_ = std::clock();
  }
  void end(Part part) {
    if (!on_) return;
    const uint64_t now = steady_now_ns();
    sum_ms_[part] += static_cast<double>(now - last_) / 1e6;
    last_ = now;
    if (part == swap) {
      cpu_ms_ += static_cast<double>(std::clock() - cpu_start_) * 1e3 / CLOCKS_PER_SEC;
      ++frames_;
    }
  }
  void reset() { *this = FramePhases(on_); }
  void print() const {
    static const char* const kNames[kParts] = {"wait", "drain", "ui", "gl_submit", "swap"};
    const double n = frames_ > 0 ? frames_ : 1;
    for (int p = 0; p < kParts; ++p)
      std::printf("latency_phase_%s_ms=%.2f\n", kNames[p], sum_ms_[p] / n);
    std::printf("latency_cpu_ms_per_frame=%.2f\n", cpu_ms_ / n);
  }

 private:
  bool on_;
  uint64_t last_ = 0;
  std::clock_t cpu_start_ = 0;
  double sum_ms_[kParts] = {};
  double cpu_ms_ = 0;
  int frames_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const uint64_t main_start_ns = steady_now_ns();
  StartupPhases startup(main_start_ns);
#if defined(__GLIBC__)
  // Mesa's software rasterizer (llvmpipe) allocates and frees megabytes inside every draw
  // call. By default glibc hands the freed top of the heap back to the kernel at once, so each
  // frame faults the same pages in again: perf showed ~40 % of the UI thread in page faults
  // under glDrawElements, ~15 ms a frame at 1920x1080 on a 2-core VM. Keeping up to 64 MB of
  // free heap removes that; with a GPU driver it changes nothing.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
  Options options;
  if (const int code = parse_args(argc, argv, options); code >= 0) return code;

  // A lesson or a trace given on the command line is checked before any window opens: a bad
  // file prints every `FILE:LINE: what is wrong` and nothing runs (exit 2).
  netcore::ParsedScript lesson;
  if (!options.script.empty()) {
    lesson = netcore::load_script(options.script);
    if (!lesson.ok()) {
      for (const std::string& e : lesson.errors) std::fprintf(stderr, "%s\n", e.c_str());
      return 2;
    }
  }
  netcore::LoadedTrace replay;
  const bool replaying = !options.replay.empty();
  if (replaying) {
    replay = netcore::load_trace_file(options.replay);
    if (!replay.ok()) {
      for (const std::string& e : replay.errors) std::fprintf(stderr, "%s\n", e.c_str());
      return 2;
    }
  }

  // Settings: the command line, else the ini of the last run, else the locale / defaults.
  iolab::model::Settings settings;
  const std::string settings_file = iolab::model::settings_path();
  iolab::model::load_settings(settings_file, settings);
  iolab::views::Classroom classroom;
  classroom.scale =
      iolab::model::Settings::clamp_scale(options.scale > 0 ? options.scale : settings.scale);
  classroom.light = (options.theme.empty() ? settings.theme : options.theme) == "light";
  const std::string lang_code = !options.lang.empty() ? options.lang : settings.lang;
  classroom.lang = iolab::views::language_from_locale();
  if (!lang_code.empty()) iolab::views::parse_language(lang_code, classroom.lang);
  classroom.hangul_font = iolab::views::hangul_font_available();
  if (classroom.lang == iolab::views::Lang::ko && !classroom.hangul_font) {
    std::fprintf(stderr, "iolab: %s\n", iolab::text::kNoHangulFont);
    classroom.lang = iolab::views::Lang::en;
    classroom.korean_unavailable = true;
  }
  iolab::views::set_language(classroom.lang);
  for (const std::string& m : iolab::views::format_mismatches())
    std::fprintf(stderr, "iolab: Korean text with other printf conversions: %s\n", m.c_str());
  classroom.replay_file = options.replay;

  Script script;
  const bool driving = !options.drive.empty();
  if (driving) {
    std::string error;
    if (!Script::parse(read_script(options.drive), script, error)) {
      std::fprintf(stderr, "iolab: --drive: %s\n", error.c_str());
      return 2;
    }
  }

  // Whole pixels (24 at 1080 lines): ImGui 1.92 rounds every font size it draws, and with a
  // whole base the steps of the UI scale (x1.25, x1.5, ...) stay whole too, as the layout's
  // sizes (style: apply_style) are computed from it.
  const float font_px =
      options.font_px > 0
          ? options.font_px
          : std::clamp(std::floor(static_cast<float>(options.height) / 44.0f), 16.0f, 40.0f);

  startup.mark("args_settings");
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr, iolab::text::kNoDisplay, glfw_error.c_str());
    return 1;
  }
  startup.mark("glfw_init");
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
  startup.mark("window_and_context");
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::fprintf(stderr, "iolab: cannot load OpenGL 3.3 functions\n");
    glfwTerminate();
    return 1;
  }
  glfwSwapInterval(1);
  startup.mark("gl_loader");

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember
  iolab::views::Ui ui;
  ui.classroom = &classroom;
  iolab::gl::ImGuiRenderer renderer;  // app/imgui_gl.hpp
  auto count_missing = [&] {
    std::vector<const char*> texts = iolab::views::current_texts();
    if (classroom.runner)
      for (const netcore::Step& s : classroom.runner->script().steps)
        if (s.kind == netcore::StepKind::caption)
          texts.push_back(classroom.lang == iolab::views::Lang::ko && !s.ko.empty()
                              ? s.ko.c_str()
                              : s.text.c_str());
    int missing = 0;
    for (ImFont* f : {ui.fonts.ui, ui.fonts.small, ui.fonts.big, ui.fonts.caption})
      missing += iolab::views::missing_glyphs(f, texts);
    return missing;
  };
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  if (!renderer.init()) {
    glfwTerminate();
    return 1;
  }
  // The fonts are loaded once, after the renderer chose the atlas's pixel format; ImGui makes
  // their glyphs as they are first drawn, at the size of the UI scale (style.FontScaleMain):
  // a scale or theme change only restyles.
  ui.fonts = iolab::views::load_fonts(*ImGui::GetIO().Fonts, font_px);
  iolab::views::apply_style(font_px, classroom.scale, classroom.light);
  startup.mark("imgui_backends");

  int windowed[4] = {0, 0, options.width, options.height};  // position and size before F11
  auto set_fullscreen = [&](bool on) {
    if (on == classroom.fullscreen) return;
    if (on) {
      glfwGetWindowPos(window, &windowed[0], &windowed[1]);
      glfwGetWindowSize(window, &windowed[2], &windowed[3]);
      GLFWmonitor* monitor = glfwGetPrimaryMonitor();
      const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
      if (!mode) return;
      glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
      glfwSetWindowMonitor(window, nullptr, windowed[0], windowed[1], windowed[2], windowed[3], 0);
    }
    classroom.fullscreen = on;
  };
  if (options.fullscreen) set_fullscreen(true);

  netcore::EngineOptions engine_options;
  engine_options.mode = netcore::LabMode::loopback;
  engine_options.port = options.port;
  // Test and screenshot runs pace their frames (see the loop); interactive and benchmark runs
  // are woken by the engine when transitions arrive while the UI sleeps between frames (it
  // calls this on its thread when the queue goes from empty to non-empty, at most about once
  // per drain), so the frame that shows them starts at once instead of after a fixed sleep.
  const bool unattended = driving || !options.screenshot.empty();
  if (!unattended) engine_options.on_ready = [] { glfwPostEmptyEvent(); };
  netcore::Engine engine(engine_options);
  std::string engine_error;
  // A replay shows a saved run: no engine, no lab.
  const bool engine_ok = !replaying && engine.start(engine_error);
  if (!engine_ok && !replaying) {
    std::fprintf(stderr, "iolab: the engine did not start: %s\n", engine_error.c_str());
    if (driving) return 4;
    ui.engine_error = engine_error.c_str();
  }

  Model model;
  iolab::model::Recording recording;  // whole transitions, for File > Save trace
  model.set_max_transitions(options.max_transitions);
  ui.model = &model;
  ui.backend = replaying ? replay.trace.backend : engine.backend();
  ui.port = engine_ok ? engine.port() : 0;
  ui.replay = replaying;
  ui.submit = [&](const netcore::Command& c) { return engine_ok ? engine.submit(c) : 0u; };
  if (replaying) {
    model.apply(replay.trace.transitions);
    recording.append(replay.trace.transitions);
    ui.now_ns = model.t_last();
  }

  // Every drained transition goes through the driver (a lesson's runner awaits on it).
  std::vector<netcore::Transition> drained;
  netcore::Driver driver(engine, [&](const netcore::Transition& t) { drained.push_back(t); });
  std::unique_ptr<netcore::ScriptRunner> runner;
  // Test and screenshot runs play through a lesson's `pause` steps, like the CLI off a TTY.
  auto start_lesson = [&](netcore::Script s, const std::string& title, const std::string& note) {
    classroom.runner = nullptr;
    runner.reset();
    classroom.script_errors.clear();
    if (!engine_ok) return;
    engine.submit(netcore::reset_lab());  // a lesson starts in a fresh lab
    model.clear();
    ui.select(0, false);
    ui.paused = false;
    runner = std::make_unique<netcore::ScriptRunner>(std::move(s));
    runner->start(driver);
    classroom.runner = runner.get();
    classroom.lesson_title = title;
    classroom.lesson_note = note;
    classroom.missing_glyphs = count_missing();
  };
  if (!options.script.empty())
    start_lesson(std::move(lesson.script),
                 options.script.substr(options.script.find_last_of("/\\") + 1), "");
  classroom.missing_glyphs = count_missing();
  bool lab_up = !engine_ok;  // the lab's connection is accepted (or there is no engine)
  int png_countdown = -1;    // Export > PNG: a couple of frames later, once the menu has closed
  std::string png_path;
  const int lesson_frame_budget = 20000;  // unattended lessons: at >= 5 ms a frame, > 100 s

  startup.mark("engine_and_model");
  iolab::views::MainView view;
  LiveClock clock;
  FramePhases phases(options.bench_latency);
  int frame = 0;
  int exit_code = 0;
  bool quit = false;
  bool reported = false;
  bool lesson_reported = false;
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
  double next_frame_at = 0;  // glfwGetTime() of the next frame without input or transitions
  while (!glfwWindowShouldClose(window) && !quit) {
    // Drive and screenshot runs pace frames at >= 5 ms so a wait's frame budget is a real
    // stretch of time. Interactive runs draw the live timeline every 1/60 s, counted from the
    // start of the last frame (a frame that took longer is followed at once, not after another
    // 1/60 s), and sooner on input or when the engine wakes them with transitions.
    phases.begin();
    if (unattended) {
      glfwWaitEventsTimeout(0.005);
    } else {
      const double left = next_frame_at - glfwGetTime();
      if (left > 0)
        glfwWaitEventsTimeout(left);
      else
        glfwPollEvents();
      next_frame_at = glfwGetTime() + 1.0 / 60.0;
    }
    phases.end(FramePhases::wait);
    if (frame == 0) startup.mark("first_wait");

    // Requests of the menus and keys, served between frames.
    if (classroom.restyle) {
      classroom.restyle = false;
      iolab::views::apply_style(font_px, classroom.scale, classroom.light);
    }
    if (classroom.lang != iolab::views::language()) {
      iolab::views::set_language(classroom.lang);
      classroom.missing_glyphs = count_missing();
    }
    if (classroom.toggle_fullscreen) {
      classroom.toggle_fullscreen = false;
      set_fullscreen(!classroom.fullscreen);
    }
    if (classroom.settings_changed) {
      classroom.settings_changed = false;
      settings.scale = classroom.scale;
      settings.theme = classroom.light ? "light" : "dark";
      settings.lang = iolab::views::language_code(classroom.lang);
      const std::string error = iolab::model::save_settings(settings_file, settings);
      if (!error.empty()) std::fprintf(stderr, "iolab: settings not saved: %s\n", error.c_str());
    }
    auto say = [&](const char* format, const std::string& what) {
      char line[512];
      std::snprintf(line, sizeof line, format, what.c_str());
      classroom.message = line;
      classroom.message_until = ImGui::GetTime() + 6.0;
      std::printf("iolab: %s\n", line);
    };
    if (classroom.save_trace) {
      classroom.save_trace = false;
      const std::string path = timestamped(".jsonl");
      const std::string error = netcore::save_trace(path, recording.transitions(), ui.backend);
      if (!error.empty())
        say(iolab::text::kSaveFailed, error);
      else if (recording.let_go())
        say(iolab::text::kSavedNewest, path + " (" + std::to_string(recording.size()) + ")");
      else
        say(iolab::text::kSaved, path);
    }
    if (classroom.export_chrome) {
      classroom.export_chrome = false;
      const std::string path = timestamped(".chrome.json");
      const std::string error =
          iolab::model::save_chrome_trace(path, model, netcore::backend_name(ui.backend));
      if (error.empty())
        say(iolab::text::kSaved, path);
      else
        say(iolab::text::kSaveFailed, error);
    }
    if (classroom.export_png) {
      classroom.export_png = false;
      png_path = timestamped(".png");
      png_countdown = 2;
    }
    if (classroom.quit) break;
    if (classroom.stop_lesson) {
      classroom.stop_lesson = false;
      classroom.runner = nullptr;
      runner.reset();
    }
    if (!classroom.start_lesson_name.empty()) {
      for (const iolab::views::Lesson& l : iolab::views::builtin_lessons()) {
        if (l.name != classroom.start_lesson_name) continue;
        netcore::ParsedScript p = netcore::parse_script(l.text, l.name + ".lesson");
        if (p.ok())
          start_lesson(std::move(p.script), l.name, classroom.start_lesson_note);
        else
          classroom.script_errors = p.errors;
      }
      classroom.start_lesson_name.clear();
    }

    drained.clear();
    if (runner) {
      if (unattended && runner->state() == netcore::RunState::paused) runner->play();
      runner->advance();
    }
    if (engine_ok) driver.pump();
    const uint64_t app_now = steady_now_ns();
    for (const netcore::Transition& t : drained) clock.observe(t.t_ns, app_now);
    model.apply(drained);
    recording.append(drained);
    if (options.bench_latency) {
      drawn_stamps.clear();
      for (const netcore::Transition& t : drained) drawn_stamps.push_back(t.t_ns);
      if (frame == 2) ImGui::GetIO().AddKeyEvent(ImGuiKey_W, true);
      if (frame == 3) ImGui::GetIO().AddKeyEvent(ImGuiKey_W, false);
    }
    for (const netcore::Transition& t : drained)
      lab_up = lab_up || t.kind == netcore::Kind::accepted;
    ui.dropped = engine_ok ? engine.dropped() : 0;
    if (!ui.paused && !replaying) ui.now_ns = clock.now(app_now);

    Script::Actions actions;
    // A --drive script starts once the lab is connected (a click on "Small buffers" before
    // the client socket exists would be lost), or after 2 s without it.
    if (driving && (lab_up || frame > 400)) {
      actions = script.next_frame(model, [&](const std::string& state) {
        if (state == "paused") return ui.paused;
        if (state == "running") return !ui.paused;
        if (state == "following") return view.following();
        if (state == "no-engine-drops") return ui.dropped == 0 && model.seq_gaps() == 0;
        if (state == "not-following") return !view.following();
        if (state.rfind("matrix", 0) == 0 || state == "lab" || state.rfind("controls-", 0) == 0 ||
            (state.size() > 4 && state.compare(state.size() - 4, 4, "-fit") == 0))
          return view.layout_state(state);
        const iolab::model::Op* shown = ui.shown();
        if (state == "shows-recv") return shown && shown->api == netcore::Api::WSARecv;
        if (state == "shows-send") return shown && shown->api == netcore::Api::WSASend;
        // Classroom mode: scale=1.25, fullscreen, windowed, presenter, lang-ko, lang-en.
        if (state.rfind("scale=", 0) == 0)
          return std::abs(classroom.scale - std::strtof(state.c_str() + 6, nullptr)) < 0.01f;
        if (state == "fullscreen") return classroom.fullscreen;
        if (state == "windowed") return !classroom.fullscreen;
        if (state == "presenter") return classroom.presenter;
        if (state == "lang-ko") return classroom.lang == iolab::views::Lang::ko;
        if (state == "lang-en") return classroom.lang == iolab::views::Lang::en;
        return false;
      });
      // Keys and characters go into ImGui's input queue, as the GLFW backend puts a person's.
      // `key Ctrl+=`: Ctrl goes down before the key and up after it.
      ImGuiIO& io = ImGui::GetIO();
      const int ctrl = iolab::model::kWithCtrl;
      if (actions.release) {
        io.AddKeyEvent(imgui_key(actions.release & ~ctrl), false);
        if (actions.release & ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
      }
      if (actions.press) {
        if (actions.press & ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
        io.AddKeyEvent(imgui_key(actions.press & ~ctrl), true);
      }
      for (char c : actions.type) io.AddInputCharacter(static_cast<unsigned char>(c));
      if (!actions.message.empty()) std::printf("%s\n", actions.message.c_str());
      if (actions.failed) {
        std::fprintf(stderr, "%s\nmodel:\n%s", actions.message.c_str(), model.describe().c_str());
        exit_code = 3;
        quit = true;
      }
    }

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
    // The mouse goes into the queue after the platform backend's NewFrame (which queues the
    // real cursor's position): down for one frame and up the next, like a real click.
    if (click.frames_left > 0 || hover.active) {
      ImGuiIO& io = ImGui::GetIO();
      const bool clicking = click.frames_left > 0;
      const ImVec2 pos = clicking ? ImVec2(click.x, click.y) : ImVec2(hover.x, hover.y);
      io.AddMousePosEvent(pos.x, pos.y);
      io.AddMouseButtonEvent(0, clicking && click.frames_left == 2);
      if (clicking) --click.frames_left;
    }
    if (actions.wheel != 0.0f) {
      ImGui::GetIO().AddMouseWheelEvent(0.0f, actions.wheel);
    }
    phases.end(FramePhases::drain);
    if (frame == 0) startup.mark("first_drain_and_backend_new_frame");
    ImGui::NewFrame();
    view.draw(ui);
    ImGui::Render();
    phases.end(FramePhases::ui);
    if (frame == 0) startup.mark("first_ui");

    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    // The panels draw no background of their own (views/main_view.cpp): the clear is theirs.
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer.render(ImGui::GetDrawData(), fb_w, fb_h);

    if (!actions.screenshot.empty() && !write_png(actions.screenshot, window)) {
      exit_code = 3;
      quit = true;
    }
    if (png_countdown >= 0 && png_countdown-- == 0) {
      if (write_png(png_path, window)) {
        char line[512];
        std::snprintf(line, sizeof line, iolab::text::kSaved, png_path.c_str());
        classroom.message = line;
        classroom.message_until = ImGui::GetTime() + 6.0;
      }
    }
    ++frame;
    // An unattended lesson (tests, screenshots) runs to its end within a frame budget.
    bool lesson_over = true;
    if (runner && unattended) {
      const netcore::RunState st = runner->state();
      lesson_over = st == netcore::RunState::finished || st == netcore::RunState::failed;
      if (st == netcore::RunState::failed && exit_code == 0) {
        std::fprintf(stderr, "lesson: FAILED: %s\nmodel:\n%s", runner->error().c_str(),
                     model.describe().c_str());
        exit_code = 3;
      } else if (st == netcore::RunState::finished && !lesson_reported) {
        std::printf("lesson: finished (%zu steps)\nmodel:\n%s", runner->script().steps.size(),
                    model.describe().c_str());
        lesson_reported = true;
      } else if (!lesson_over && frame > lesson_frame_budget) {
        std::fprintf(stderr, "lesson: FAILED: still %s after %d frames\n",
                     netcore::run_state_name(st), frame);
        exit_code = 3;
        quit = true;
      }
    }
    if (driving && actions.done && !reported) {
      std::printf("drive: done\nmodel:\n%s", model.describe().c_str());
      reported = true;
    }
    // A screenshot run renders at least --frames frames, and waits for the script to finish.
    const bool script_finished = (!driving || actions.done) && lesson_over;
    if (script_finished && !options.screenshot.empty() && frame >= options.frames) {
      if (!write_png(options.screenshot, window)) exit_code = 3;
      quit = true;
    } else if (script_finished && driving && options.screenshot.empty()) {
      quit = true;
    }
    phases.end(FramePhases::gl_submit);
    if (frame == 1) startup.mark("first_gl_submit");
    glfwSwapBuffers(window);
    phases.end(FramePhases::swap);
    if (frame == 1) phases.reset();  // the first frame is start-up; the figures are the others'
    if (options.bench_first_frame && frame == 1) {
      startup.mark("first_swap");
      startup.print();
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
        // The median, for the shape: the flood's sends are submitted while a frame is built,
        // so their transitions always wait for the next frame.
        std::printf("latency_p50_ms=%.2f\n",
                    latency_frames.empty()
                        ? 0.0
                        : latency_frames[latency_frames.size() / 2] * (1e3 / 60.0));
        phases.print();
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

  if (!options.screenshot.empty() || driving)
    std::printf("iolab: language %s, glyphs missing from the atlas: %d\n",
                iolab::views::language_code(classroom.lang), classroom.missing_glyphs);
  engine.stop();  // no on_ready (glfwPostEmptyEvent) once GLFW is gone
  renderer.shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}
