// A --drive script for GUI tests: key presses fed frame by frame through the real input path,
// waits on the model (with a frame budget, never a sleep) and checks.
//   key R                 press R this frame, release it the next (also Space, Enter,
//                         Escape, F11, PageDown, PageUp, Period, Tab, Ctrl+=, Ctrl+-, Ctrl+1..3)
//   tap PageDown          the key down and up within one frame (a clicker's short press)
//   type 65536            type characters into the focused text box
//   wait recv pending     until the newest WSARecv op has had a `pending` transition
//   wait recv result_fetched 100   ... with 100 bytes
//   wait-posted 500       until the lab has posted 500 ops (all kept or not: the count)
//   expect send completed_immediately / expect-not recv pending
//   view paused           the UI is in this state now (paused, running, following,
//                         not-following; classroom: scale=1.25, fullscreen, windowed,
//                         presenter, lang-ko, lang-en; controls-fit, legend-fit, toolbar-fit,
//                         status-fit: nothing of the controls strip / the timeline's legend /
//                         its toolbar / the status bar clipped; controls-disabled, controls-enabled
//                         (a replay's strip is disabled), controls-presses=N: actions the strip
//                         took; backend-winsock, backend-linux: what the status bar names;
//                         iolab --watch: watching, watch-connected=N, watch-seen=N,
//                         watch-label=NAME[PID] (a lane of that program), timeline-pitfall=NAME,
//                         log-pitfall=NAME (drawn on the last frame)):
//                         asked of the app through a callback
//   click-log send        a left click (mouse down, then up) on the log line of the newest
//                         WSASend op, through ImGui's mouse input
//   click-button Reset lab  a left click on the control button whose label starts so
//   click 900 300         a left click at window pixel (900, 300)
//   hover 900 300         keep the mouse at window pixel (900, 300) from now on
//   wheel 5               turn the mouse wheel 5 notches (negative: away) where it is
//   frames 10             let 10 frames pass
//   wait-view matrix-finished  until the UI reports this state (frame budget, like wait)
//   model iocp            build the lab again in this I/O model (as the Model menu does)
//   clients 64            Lab > Clients 64: the many-clients server with 64 of the lab's
//                         clients (1: the lecture's lab again)
//   screenshot out.png    write the window to a PNG
//   screenshot-presenter p.png  the same for the presenter window (its own OS window)
// Steps are separated by newlines or ';'; '#' starts a comment.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace iolab::model {

// GLFW's codes for the keys a script may press besides letters and space.
inline constexpr int kKeyEnter = 257;      // GLFW_KEY_ENTER
inline constexpr int kKeyEscape = 256;     // GLFW_KEY_ESCAPE
inline constexpr int kKeyF11 = 300;        // GLFW_KEY_F11
inline constexpr int kKeyPageUp = 266;     // GLFW_KEY_PAGE_UP: a presentation remote's "back"
inline constexpr int kKeyPageDown = 267;   // GLFW_KEY_PAGE_DOWN: its "next"
inline constexpr int kKeyPeriod = 46;      // GLFW_KEY_PERIOD: its "blank screen" (or B)
inline constexpr int kKeyTab = 258;        // GLFW_KEY_TAB: the matrix view's other page
inline constexpr int kWithCtrl = 0x10000;  // `key Ctrl+=`: the key code | kWithCtrl

class Script {
 public:
  static bool parse(std::string_view text, Script& out, std::string& error);

  // What the app must do this frame.
  struct Actions {
    int press = 0;     // key to press (GLFW key code: 'A'..'Z', ' ', kKeyEnter)
    int release = 0;   // key to release
    bool tap = false;  // `tap KEY`: `press` goes down and up in this same frame
    std::string type;  // characters typed this frame (into the focused text box)
    std::string screenshot;
    std::string screenshot_presenter;  // the presenter window (a viewport of its own)
    Api click_log = Api::none;         // click the log line of the newest op of this API
    float wheel = 0;                   // mouse wheel notches this frame
    bool click = false;                // a left click at (hover_x, hover_y)
    std::string click_button;          // a left click on the button whose label starts so
    std::string model;                 // `model NAME`: switch the lab to this I/O model
    int clients = 0;                   // `clients N`: Lab > Clients N (0: none this frame)
    bool hover = false;                // move the mouse to (hover_x, hover_y) and keep it there
    float hover_x = 0, hover_y = 0;
    bool done = false;
    bool failed = false;
    std::string message;  // a line for stdout (progress) or the reason of the failure
  };
  // `view_state` answers `view` steps ("paused", ...); the model knows nothing of the UI.
  Actions next_frame(const Model& model,
                     const std::function<bool(const std::string&)>& view_state = {});

  int wait_budget = 3000;  // frames a `wait` may take before the script fails

 private:
  struct Step {
    enum class Type : uint8_t {
      key,
      wait,
      expect,
      expect_not,
      view,
      click_log,
      click_button,
      type,
      hover,
      click,
      wheel,
      frames,
      screenshot,
      wait_view,
      model,
      clients
    } type;
    int key = 0;
    Api api = Api::none;
    Kind kind = Kind::posted;
    bool has_bytes = false;
    uint32_t bytes = 0;
    int count = 0;
    float x = 0, y = 0;
    std::string file;
    std::string source;  // the step as written, for messages
  };
  bool holds(const Step& step, const Model& model) const;

  std::vector<Step> steps_;
  size_t at_ = 0;
  int frames_in_step_ = 0;
  int held_ = 0;
};

// Has the op seen a transition of this kind (and these bytes, when given)?
bool op_saw(const Model& model, const Op& op, Kind kind, const uint32_t* bytes = nullptr);

}  // namespace iolab::model
