#include "shell/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "views/i18n.hpp"
#include "views/strings.hpp"
#include "views/strings_classroom.hpp"
#include "views/theme.hpp"

namespace iolab::shell {
namespace {

// The script is a file when one by that name exists, otherwise the steps themselves.
std::string read_script(const std::string& arg) {
  std::ifstream file(arg);
  if (!file) return arg;
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

netcore::EngineOptions engine_options(const Options& options, std::function<void()> wake) {
  netcore::EngineOptions o;
  o.mode = options.lab_mode;
  o.host = options.peer_host;
  o.port = options.port;
  netcore::lab_model_from_name(options.model, o.model);  // checked by parse_options
  // Test and screenshot runs pace their frames (platform loop); interactive and benchmark runs
  // are woken by the engine when transitions arrive while the UI sleeps between frames (it
  // calls this on its thread when the queue goes from empty to non-empty, at most about once
  // per drain), so the frame that shows them starts at once instead of after a fixed sleep.
  if (!options.unattended()) o.on_ready = std::move(wake);
  return o;
}

}  // namespace

int load_inputs(const Options& options, Inputs& inputs) {
  if (options.watch_port >= 0 && !options.replay.empty()) {
    std::fprintf(stderr, "iolab: --watch and --replay cannot be used together\n");
    return 2;
  }
  if (!options.script.empty()) {
    inputs.lesson = netcore::load_script(options.script);
    if (!inputs.lesson.ok()) {
      for (const std::string& e : inputs.lesson.errors) std::fprintf(stderr, "%s\n", e.c_str());
      return 2;
    }
  }
  if (!options.replay.empty()) {
    inputs.replay = netcore::load_trace_file(options.replay);
    if (!inputs.replay.ok()) {
      for (const std::string& e : inputs.replay.errors) std::fprintf(stderr, "%s\n", e.c_str());
      return 2;
    }
  }
  if (options.watch_port >= 0) {  // listening before any window opens: a port in use says so
    inputs.watch = std::make_unique<netcore::WatchFeed>();
    const std::string error = inputs.watch->listen("127.0.0.1", options.watch_port);
    if (!error.empty()) {
      std::fprintf(stderr, "iolab: --watch: %s\n", error.c_str());
      return 2;
    }
  }
  if (!options.drive.empty()) {
    std::string error;
    if (!model::Script::parse(read_script(options.drive), inputs.drive, error)) {
      std::fprintf(stderr, "iolab: --drive: %s\n", error.c_str());
      return 2;
    }
  }
  return -1;
}

void resolve_settings(const Options& options, const model::Settings& saved,
                      views::Classroom& classroom) {
  classroom.scale = model::Settings::clamp_scale(options.scale > 0 ? options.scale : saved.scale);
  classroom.light = (options.theme.empty() ? saved.theme : options.theme) == "light";
  const std::string lang_code = !options.lang.empty() ? options.lang : saved.lang;
  classroom.lang = views::language_from_locale();
  if (!lang_code.empty()) views::parse_language(lang_code, classroom.lang);
  classroom.hangul_font = views::hangul_font_available();
  if (classroom.lang == views::Lang::ko && !classroom.hangul_font) {
    std::fprintf(stderr, "iolab: %s\n", text::kNoHangulFont);
    classroom.lang = views::Lang::en;
    classroom.korean_unavailable = true;
  }
  classroom.replay_file = options.replay;
  // --layout asks for a preset as it is; otherwise the last one, arranged as the teacher left it.
  classroom.layout = !options.layout.empty() ? options.layout
                     : !saved.layout.empty() ? saved.layout
                                             : "projector";
  classroom.layout_customized = options.layout.empty() && saved.layout_customized;
  classroom.presenter_window = options.presenter;
}

void LiveClock::observe(uint64_t stamp_ns, uint64_t drained_at_ns) {
  const int64_t offset = static_cast<int64_t>(drained_at_ns - stamp_ns);
  if (!known_ || offset < offset_) offset_ = offset;
  known_ = true;
}

uint64_t LiveClock::now(uint64_t app_now_ns) const {
  return known_ ? app_now_ns - static_cast<uint64_t>(offset_) : 0;
}

App::App(const Options& options, Inputs inputs, StartupPhases& startup, std::function<void()> wake)
    : options_(options),
      inputs_(std::move(inputs)),
      startup_(startup),
      engine_(engine_options(options, std::move(wake))),
      driver_(engine_, [this](const netcore::Transition& t) { drained_.push_back(t); }),
      phases_(options.bench_latency),
      latency_(startup.start_ns()) {
  const uint64_t began = steady_now_ns();
  settings_file_ = model::settings_path();
  model::load_settings(settings_file_, settings_);
  resolve_settings(options_, settings_, classroom_);
  views::set_language(classroom_.lang);
  for (const std::string& m : views::format_mismatches())
    std::fprintf(stderr, "iolab: Korean text with other printf conversions: %s\n", m.c_str());
  // Whole pixels (24 at 1080 lines): ImGui 1.92 rounds every font size it draws, and with a
  // whole base the steps of the UI scale (x1.25, x1.5, ...) stay whole too, as the layout's
  // sizes (style: apply_style) are computed from it.
  font_px_ =
      options_.font_px > 0
          ? options_.font_px
          : std::clamp(std::floor(static_cast<float>(options_.height) / 44.0f), 16.0f, 40.0f);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // The panels dock (views/main_view.cpp: presets built with ImGui's DockBuilder). ImGui writes
  // no ini of its own: the arrangement the teacher makes goes to layout.ini next to the settings
  // when it changes (serve_requests), and is read back here.
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_DockingEnable;
  if (classroom_.layout_customized) {
    const std::string layout = model::layout_path();
    if (!layout.empty()) ImGui::LoadIniSettingsFromDisk(layout.c_str());
  }
  // The fonts are added once, in the atlas format of the platform's renderer; ImGui makes their
  // glyphs as they are first drawn, at the size of the UI scale (style.FontScaleMain): a scale or
  // theme change only restyles.
  io.Fonts->TexDesiredFormat = platform::atlas_format();
  ui_.fonts = views::load_fonts(*io.Fonts, font_px_);
  views::apply_style(font_px_, classroom_.scale, classroom_.light);
  ui_.classroom = &classroom_;

  // A replay shows a saved run: no engine, no lab.
  const bool replaying = !options_.replay.empty();
  const bool watching = inputs_.watch != nullptr;  // other programs, no lab
  const bool many = options_.clients > 1;          // the many-clients server, no engine
  engine_ok_ = !replaying && !watching && !many && engine_.start(engine_error_);
  // netcore names --port; with --serve the port is that flag's.
  if (const size_t at = engine_error_.find("--port");
      at != std::string::npos && options_.lab_mode == netcore::LabMode::serve)
    engine_error_.replace(at, 6, "--serve");
  if (!engine_ok_ && !replaying && !watching && !many) {
    std::fprintf(stderr, "iolab: the engine did not start: %s\n", engine_error_.c_str());
    if (!options_.drive.empty()) {
      finish(4);
      return;
    }
    ui_.engine_error = engine_error_.c_str();
  }
  model_.set_max_transitions(options_.max_transitions);
  ui_.model = &model_;
  ui_.backend = replaying ? inputs_.replay.trace.backend : engine_.backend();
  ui_.port = engine_ok_ ? engine_.port() : 0;
  ui_.lab_mode = options_.lab_mode;
  if (options_.lab_mode != netcore::LabMode::loopback && engine_ok_) {
    ui_.peer_where = options_.peer_host + ":" + std::to_string(ui_.port);
    // On stdout too: a script (or the teacher's terminal) learns the port --serve 0 took, and
    // that the listener is up before it starts its client.
    std::printf("iolab: %s %s\n",
                options_.lab_mode == netcore::LabMode::serve ? "listening on" : "connected to",
                ui_.peer_where.c_str());
    std::fflush(stdout);
  }
  ui_.replay = replaying;
  // A replay played back in time is the web page's (web_main.cpp): no engine to go live with.
  ui_.live_lab_offered = replaying && options_.replay_speed <= 0;
  ui_.submit = [this](const netcore::Command& c) { return engine_ok_ ? engine_.submit(c) : 0u; };
  if (replaying && options_.replay_speed > 0) {
    player_ = std::make_unique<model::TracePlayer>(std::move(inputs_.replay.trace.transitions));
    player_->set_speed(options_.replay_speed);
  } else if (replaying) {
    model_.apply(inputs_.replay.trace.transitions);
    recording_.append(std::move(inputs_.replay.trace.transitions));  // read by the model: no copy
    ui_.now_ns = model_.t_last();
  }
  if (watching) watch_with(std::move(inputs_.watch));
  if (many) {
    netcore::lab_model_from_name(options_.model.empty() ? "event" : options_.model, ui_.lab_model);
    if (const std::string error = clients_on(options_.clients); !error.empty()) {
      std::fprintf(stderr, "iolab: --clients: %s\n", error.c_str());
      finish(2);
      return;
    }
  }
  if (!options_.script.empty())
    start_lesson(std::move(inputs_.lesson.script),
                 options_.script.substr(options_.script.find_last_of("/\\") + 1), "");
  classroom_.missing_glyphs = count_missing_glyphs();
  // --serve: the lab's side (the listener) is up already; a --drive script may check the
  // waiting note before the outside client connects.
  lab_up_ = !engine_ok_ || options_.lab_mode == netcore::LabMode::serve;
  if (!options_.drive.empty()) drive_ = Drive(std::move(inputs_.drive));
  startup_.add_parallel("app", static_cast<double>(steady_now_ns() - began) / 1e6);
}

bool App::attach(platform::Window& window) {
  if (exit_code_ >= 0) return false;
  window_ = &window;
  if (!window.init_imgui()) {
    finish(1);
    return false;
  }
  imgui_ready_ = true;
  startup_.mark("imgui_backends");
  if (options_.fullscreen) classroom_.fullscreen = window.set_fullscreen(true);
  return true;
}

App::~App() {
  if (options_.unattended() && window_)
    std::printf("iolab: language %s, glyphs missing from the atlas: %d\n",
                views::language_code(classroom_.lang), classroom_.missing_glyphs);
  engine_.stop();  // no on_ready (the platform's wake) once the window is gone
  many_clients_.reset();
  many_.reset();
  if (imgui_ready_) window_->shutdown_imgui();
  ImGui::DestroyContext();
}

void App::set_replay_speed(double speed) {
  if (player_) player_->set_speed(speed);
}

void App::replay_step(bool back) {
  if (!player_) return;
  ui_.paused = true;
  if (back && player_->played() == 0) return;
  const std::vector<netcore::Transition> ts = back ? player_->step_back() : player_->step();
  if (back) {  // what was played up to the step before, from an empty model
    model_.clear();
    recording_.clear();
  }
  model_.apply(ts);
  recording_.append(ts);
  ui_.now_ns = player_->now_ns();
}

void App::finish(int code) {
  if (exit_code_ < 0 || (exit_code_ == 0 && code != 0)) exit_code_ = code;
}

// Every character of every string of the current language and of the lesson's captions is in
// one of the fonts: 0 means no tofu boxes.
int App::count_missing_glyphs() {
  std::vector<const char*> texts = views::current_texts();
  if (classroom_.runner)
    for (const netcore::Step& s : classroom_.runner->script().steps)
      if (s.kind == netcore::StepKind::caption)
        texts.push_back(classroom_.lang == views::Lang::ko && !s.ko.empty() ? s.ko.c_str()
                                                                            : s.text.c_str());
  int missing = 0;
  for (ImFont* f : {ui_.fonts.ui, ui_.fonts.small, ui_.fonts.big, ui_.fonts.caption})
    missing += views::missing_glyphs(f, texts);
  return missing;
}

// A lesson starts in a fresh lab. Test and screenshot runs play through its `pause` steps,
// like the CLI off a TTY.
void App::start_lesson(netcore::Script script, const std::string& title, const std::string& note) {
  classroom_.runner = nullptr;
  runner_.reset();
  classroom_.script_errors.clear();
  if (!engine_ok_) return;
  engine_.submit(netcore::reset_lab());
  model_.clear();
  ui_.select(0, false);
  ui_.paused = false;
  runner_ = std::make_unique<netcore::ScriptRunner>(std::move(script));
  runner_->start(driver_);
  classroom_.runner = runner_.get();
  classroom_.lesson_title = title;
  classroom_.lesson_note = note;
  classroom_.missing_glyphs = count_missing_glyphs();
}

}  // namespace iolab::shell
