// App::serve_requests(): what the menus and keys asked for in the last frame (views/classroom_view
// sets the requests), served between frames: style, language, fullscreen, settings, saving and
// exporting, lessons.
#include <imgui.h>

#include <cstdio>

#include "model/export.hpp"
#include "model/folders.hpp"
#include "shell/app.hpp"
#include "views/i18n.hpp"
#include "views/strings.hpp"
#include "views/strings_classroom.hpp"
#include "views/strings_many.hpp"
#include "views/strings_projector.hpp"
#include "views/strings_watch.hpp"
#include "views/theme.hpp"

namespace iolab::shell {
namespace {

// Where the file chooser said, or a time-stamped name in the current folder.
std::string chosen_or(std::string& chosen, const char* suffix) {
  std::string path = chosen.empty() ? model::timestamped_name(suffix) : chosen;
  chosen.clear();
  return path;
}

}  // namespace

void App::serve_requests() {
  views::Classroom& c = classroom_;
  // Other OS windows only while the presenter window is asked for (ImGui moves the windows
  // between the two coordinate systems when the flag changes).
  // Only where the platform and renderer can open them (the desktop; the web has one canvas).
  ImGuiIO& io = ImGui::GetIO();
  constexpr ImGuiBackendFlags kViewports =
      ImGuiBackendFlags_PlatformHasViewports | ImGuiBackendFlags_RendererHasViewports;
  if ((io.BackendFlags & kViewports) != kViewports) c.presenter_window = false;
  if (c.presenter_window)
    io.ConfigFlags |= ImGuiConfigFlags_ViewportsEnable;
  else
    io.ConfigFlags &= ~ImGuiConfigFlags_ViewportsEnable;
  if (c.restyle) {  // no atlas to rebuild: ImGui makes glyphs at the new size as they are drawn
    c.restyle = false;
    views::apply_style(font_px_, c.scale, c.light);
  }
  if (c.lang != views::language()) {
    views::set_language(c.lang);
    c.missing_glyphs = count_missing_glyphs();
  }
  if (c.toggle_fullscreen) {
    c.toggle_fullscreen = false;
    if (window_->set_fullscreen(!c.fullscreen)) c.fullscreen = !c.fullscreen;
  }
  if (c.settings_changed) {
    c.settings_changed = false;
    settings_.scale = c.scale;
    settings_.theme = c.light ? "light" : "dark";
    settings_.lang = views::language_code(c.lang);
    settings_.layout = c.layout;
    settings_.layout_customized = c.layout_customized;
    const std::string error = model::save_settings(settings_file_, settings_);
    if (!error.empty()) std::fprintf(stderr, "iolab: settings not saved: %s\n", error.c_str());
  }
  if (c.save_layout) {  // the teacher moved a panel or a split line: ImGui's docking state
    c.save_layout = false;
    const std::string layout = model::layout_path();
    if (!layout.empty()) ImGui::SaveIniSettingsToDisk(layout.c_str());
  }
  auto say = [&](const char* format, const std::string& what) {
    char line[512];
    std::snprintf(line, sizeof line, format, what.c_str());
    c.message = line;
    c.message_until = ImGui::GetTime() + 6.0;
    std::printf("iolab: %s\n", line);
  };
  if (c.live_lab) {  // File > Live lab: the replay goes, the engine starts, a fresh lab
    c.live_lab = false;
    if (ui_.replay && ui_.live_lab_offered && !engine_ok_) {
      engine_ok_ = engine_.start(engine_error_);
      ui_.engine_error = engine_ok_ ? nullptr : engine_error_.c_str();
      // A new engine numbers its ops and transitions from the start again: a fresh model (clear()
      // keeps ignoring the op ids it has seen, for a reset of the same engine).
      model_ = model::Model();
      model_.set_max_transitions(options_.max_transitions);
      recording_.clear();
      ui_.select(0, false);
      ui_.replay = false;
      ui_.live_lab_offered = false;
      ui_.paused = false;
      ui_.backend = engine_.backend();
      ui_.port = engine_ok_ ? engine_.port() : 0;
      clock_ = LiveClock();
      lab_up_ = !engine_ok_;  // a --drive script goes on once the new lab is connected
      c.replay_file.clear();
      if (engine_ok_) say(text::kLiveLabStarted, std::to_string(ui_.port));
    }
  }
  if (ui_.clients_requested > 0) {  // Lab > Clients N (or a drive's `clients N`)
    const int n = ui_.clients_requested;
    ui_.clients_requested = 0;
    if (ui_.replay || ui_.watching)
      say(text::kClientsRefused, std::to_string(n));
    else if (const std::string error = clients_on(n); !error.empty())
      say(text::kClientsFailed, error);
    else
      say(text::kClientsStarted, std::to_string(n));
  }
  if (c.watch_request) {  // File > Watch a program: the lab (or the replay) goes
    c.watch_request = false;
    const std::string error = watch_on(c.watch_port);
    if (error.empty())
      say(text::kWatchStarted, ui_.watch.where);
    else
      say(text::kWatchFailed, error);
  }
  if (c.save_trace) {
    c.save_trace = false;
    const std::string path = chosen_or(c.save_path, ".jsonl");
    const std::string error = netcore::save_trace(path, recording_.transitions(), ui_.backend);
    if (!error.empty())
      say(text::kSaveFailed, error);
    else if (recording_.let_go())
      say(text::kSavedNewest, path + " (" + std::to_string(recording_.size()) + ")");
    else
      say(text::kSaved, path);
  }
  if (c.export_chrome) {
    c.export_chrome = false;
    const std::string path = chosen_or(c.save_path, ".chrome.json");
    const std::string error =
        model::save_chrome_trace(path, model_, netcore::backend_name(ui_.backend));
    if (error.empty())
      say(text::kSaved, path);
    else
      say(text::kSaveFailed, error);
  }
  if (c.export_png) {
    c.export_png = false;
    png_path_ = chosen_or(c.save_path, ".png");
    png_countdown_ = 2;
  }
  if (c.quit) {
    finish(0);
    return;
  }
  if (c.stop_lesson) {
    c.stop_lesson = false;
    c.runner = nullptr;
    runner_.reset();
  }
  if (!c.start_lesson_name.empty() && many_ && !ui_.many.outside) {
    // Lessons > NAME while the lab's own clients run: they stop, the lecture's lab comes back
    // and the lesson plays there (the menu does not offer it with outside clients).
    const std::string n = std::to_string(ui_.many.clients);
    if (const std::string error = clients_on(1); error.empty())
      say(text::kLessonStopsClients, n);
    else
      say(text::kClientsFailed, error);
  }
  if (!c.start_lesson_name.empty()) {
    for (const views::Lesson& l : views::builtin_lessons()) {
      if (l.name != c.start_lesson_name) continue;
      netcore::ParsedScript p = netcore::parse_script(l.text, l.name + ".lesson");
      if (p.ok())
        start_lesson(std::move(p.script), l.name, c.start_lesson_note);
      else
        c.script_errors = p.errors;
    }
    c.start_lesson_name.clear();
  }
}

}  // namespace iolab::shell
