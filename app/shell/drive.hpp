// --drive: a test script (model/script.hpp) played frame by frame through the user's own input
// path: keys, characters, mouse moves, clicks and the wheel go into ImGui's input queue
// (io.AddKeyEvent, AddInputCharacter, AddMousePosEvent, AddMouseButtonEvent, AddMouseWheelEvent),
// as the GLFW backend puts a person's; `view` steps ask the UI about its state.
#pragma once
#include <string>

#include "model/model.hpp"
#include "model/script.hpp"
#include "views/classroom_view.hpp"
#include "views/main_view.hpp"
#include "views/ui.hpp"

namespace iolab::shell {

// What a `view` step may ask about (see model/script.hpp): the views, the lab's counts.
struct DriveSubject {
  const views::Ui& ui;
  const views::MainView& view;
  const views::Classroom& classroom;
  const model::Model& model;
};
bool view_state(const std::string& state, const DriveSubject& subject);

class Drive {
 public:
  using Actions = model::Script::Actions;
  Drive() = default;
  explicit Drive(model::Script script) : script_(std::move(script)), active_(true) {}
  bool active() const { return active_; }

  // This frame's step; its keys and characters are queued at once. Prints the step's line.
  Actions step(const DriveSubject& subject);
  // After the platform's new_frame (which queues the real cursor): the mouse of this frame's
  // step, and of a click or hover in progress. False when a click has nothing to land on
  // (a line on stderr says what).
  bool feed_mouse(const Actions& actions, const DriveSubject& subject);

 private:
  model::Script script_;
  bool active_ = false;
  struct {
    float x = 0, y = 0;
    int frames_left = 0;
  } click_;  // a click in progress: down for one frame, up the next
  struct {
    bool active = false;
    float x = 0, y = 0;
  } hover_;  // where `hover` keeps the mouse (for tooltips in screenshots)
  struct {
    std::string label;
    int frames_left = 0;
  } button_;  // a click-button waiting for its button to be drawn
};

// A script's key (GLFW's code: 'A'..'Z', '0'..'9', ' ', '=', '-', Enter, Escape, F11) as ImGui's
// named key; ImGuiKey_None for others.
ImGuiKey imgui_key(int code);

}  // namespace iolab::shell
