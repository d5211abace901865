// Classroom mode: the menu bar (File / Export / View / Lessons / Pitfalls), projector keys
// (Ctrl+= / Ctrl+- scale, F11 fullscreen, P presenter rings), the lesson strip (Play / Pause /
// Step / speed and the caption, large) and the error panel of a malformed lesson.
// The view only asks: main.cpp does the work between frames (fonts, files, the runner).
#pragma once
#include <string>
#include <vector>

#include "views/file_chooser.hpp"
#include "views/i18n.hpp"
#include "views/ui.hpp"

namespace netcore {
class ScriptRunner;
}

namespace iolab::views {

struct Lesson {
  std::string name;  // "05-touch-buffer"
  std::string text;  // the file's contents (built in)
};
// The lessons of assets/scenarios, embedded at build time (app/gui.cmake).
const std::vector<Lesson>& builtin_lessons();

struct Classroom {
  // Settings (persisted by main.cpp when `settings_changed`).
  float scale = 1.0f;
  bool light = false;
  Lang lang = Lang::en;
  bool hangul_font = true;          // a Hangul font is installed
  bool korean_unavailable = false;  // Korean was asked for (flag, ini, locale), no font: a notice
  bool fullscreen = false;
  bool presenter = false;

  // The panels' arrangement (views/main_view.cpp): a preset ("projector", "desk", "matrix"),
  // chosen from View > Layout, Ctrl+1/2/3 or --layout, kept in the settings; the teacher's own
  // changes (panels dragged, split lines moved) are kept in layout.ini and `layout_customized`.
  std::string layout = "projector";
  std::string layout_request;  // a preset to apply from the next frame
  bool reset_layout = false;   // View > Reset layout: the preset again
  bool layout_customized = false;
  bool save_layout = false;  // write layout.ini (ImGui's docking state) now
  // The presenter window: a second OS window (ImGui's multi-viewports) with the next steps, the
  // notes, the controls and the keys; the projector window keeps the timeline, code and caption.
  bool presenter_window = false;
  bool matrix_shown = false;   // the menu bar's toggle says "Lab" (set by MainView)
  bool matrix_toggle = false;  // ... and was clicked
  // Clicker keys (a presentation remote): B or period blanks the projector window.
  bool blank = false;

  // Requests for main.cpp, served between frames.
  bool restyle = false;  // scale or theme changed: new style sizes (fonts need no rebuild)
  bool settings_changed = false;
  bool toggle_fullscreen = false;
  bool quit = false;
  bool save_trace = false;
  bool export_chrome = false;
  bool export_png = false;
  std::string save_path;          // where the file chooser said to write the save or export above
  std::string start_lesson_name;  // a built-in lesson by name, or
  std::string start_lesson_file;  // a file
  std::string start_lesson_note;  // a pitfall's explanation, shown under the caption
  bool lessons_off = false;  // the menu bar offers lessons and pitfalls disabled, with the reason
  bool stop_lesson = false;
  bool live_lab = false;  // File > Live lab: leave the replay, start the engine
  // File > Watch a program: a port asked for, then `watch_request` (served by the shell).
  bool watch_dialog = false;
  int watch_port = 7001;
  int clients_input = 64;  // Lab > Clients N: the number typed (ui.clients_requested on Enter)
  bool watch_request = false;

  // The lesson in progress (owned by main.cpp), or its parse errors.
  netcore::ScriptRunner* runner = nullptr;
  std::string lesson_title;
  std::string lesson_note;
  std::vector<std::string> script_errors;

  // Replay of a saved trace: no engine.
  std::string replay_file;

  std::string message;  // "Saved ..." for a few seconds
  double message_until = 0;
  int missing_glyphs = 0;
  float menu_height = 0;  // this frame's menu bar (the viewport's work area lags a frame)
};

class ClassroomView {
 public:
  void handle_keys(Classroom& c);
  void draw_menu(Ui& ui, Classroom& c);
  // Height of the lesson strip (0 without a lesson or errors) for a window `width` wide.
  float strip_height(const Ui& ui, const Classroom& c) const;
  // The caption panel's contents: a lesson's controls and caption, or its file's errors, or in
  // the free lab `free_caption` (the clicker's last step), large and wrapped.
  void draw_caption(Ui& ui, Classroom& c, const std::string& free_caption);
  void draw_overlay(Classroom& c);                       // presenter rings, messages
  bool caption_whole() const { return caption_whole_; }  // the lesson's caption, last frame

 private:
  struct Ring {
    float x, y;
    double t;
  };
  std::vector<Ring> rings_;
  void draw_lesson_controls(Classroom& c);
  void draw_lesson_caption(Ui& ui, Classroom& c, float fit_h);
  float lesson_content_h_ = 0;  // the lesson's controls and caption, last frame
  bool caption_whole_ = true;
  void draw_watch_dialog(Ui& ui, Classroom& c);
  // Save trace and Export ask where to write.
  enum class Saving { none, trace, chrome, png };
  Saving saving_ = Saving::none;
  FileChooser chooser_;
};

}  // namespace iolab::views
