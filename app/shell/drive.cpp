#include "shell/drive.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "views/item_check.hpp"
#include "views/widgets.hpp"

namespace iolab::shell {

ImGuiKey imgui_key(int code) {
  if (code >= 'A' && code <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (code - 'A'));
  if (code >= 'a' && code <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (code - 'a'));
  if (code >= '0' && code <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (code - '0'));
  switch (code) {
    case ' ':
      return ImGuiKey_Space;
    case '=':
      return ImGuiKey_Equal;
    case '-':
      return ImGuiKey_Minus;
    case model::kKeyEnter:
      return ImGuiKey_Enter;
    case model::kKeyEscape:
      return ImGuiKey_Escape;
    case model::kKeyF11:
      return ImGuiKey_F11;
    case model::kKeyPageDown:
      return ImGuiKey_PageDown;
    case model::kKeyPageUp:
      return ImGuiKey_PageUp;
    case model::kKeyPeriod:
      return ImGuiKey_Period;
    case model::kKeyTab:
      return ImGuiKey_Tab;
    default:
      return ImGuiKey_None;
  }
}

namespace {

// A lane of the timeline whose title starts with `who` (a watched program's "server.exe[42]"):
// both its slot lanes (sockets) and thread lanes count. Prints the titles when none does.
bool watched_lane(const std::string& who, const model::Model& m) {
  std::string titles;
  for (const model::Lane& lane : m.lanes()) {
    const std::string title = lane.type == model::Lane::Type::slot
                                  ? views::session_name(lane.session)
                                  : views::watched_thread_name(lane.thread);
    if (title.rfind(who, 0) == 0) return true;
    titles += " '" + title + "'";
  }
  std::fprintf(stderr, "watch: no lane of '%s' (lanes:%s)\n", who.c_str(), titles.c_str());
  return false;
}

// Many clients (--clients N): `NAME=N` or `NAME>=N` of a count the strip, the status bar or
// the timeline shows. False (and a line naming the count) when the state is not one of them.
bool many_state(const std::string& state, const DriveSubject& s, bool& known) {
  const size_t at = state.find_first_of(">=");
  known = at != std::string::npos;
  if (!known) return false;
  const std::string name = state.substr(0, at);
  const bool at_least = state.compare(at, 2, ">=") == 0;
  const uint64_t want = std::strtoull(state.c_str() + at + (at_least ? 2 : 1), nullptr, 10);
  const netcore::ManyClientsStats& st = s.ui.many.stats;
  auto threads_in = [&](netcore::Api api) {
    uint64_t n = 0;
    for (const model::Lane& lane : s.model.lanes())
      if (lane.type == model::Lane::Type::thread &&
          std::any_of(lane.waits.begin(), lane.waits.end(),
                      [&](const model::Wait& w) { return w.api == api; }))
        ++n;
    return n;
  };
  uint64_t have = 0;
  if (name == "many-threads") {  // the strip's "Waiting threads" / "Workers"
    have = static_cast<uint64_t>(st.threads);
  } else if (name == "many-messages") {
    have = st.messages;
  } else if (name == "many-closed") {
    have = static_cast<uint64_t>(st.sessions_closed);
  } else if (name == "many-failed") {
    have = static_cast<uint64_t>(st.sessions_failed);
  } else if (name == "many-sessions") {
    have = s.model.session_count();
  } else if (name == "many-fetched") {  // sessions whose receive returned bytes
    std::unordered_set<uint32_t> sessions;
    for (const model::Op& op : s.model.ops())
      if (op.t_fetched != model::kNever && op.bytes_done > 0) sessions.insert(op.session);
    have = sessions.size();
  } else if (name == "waiting-threads") {  // lanes of threads in WSAWaitForMultipleEvents
    have = threads_in(netcore::Api::WSAWaitForMultipleEvents);
  } else if (name == "dequeue-threads") {  // lanes of threads in GetQueuedCompletionStatus
    have = threads_in(netcore::Api::GetQueuedCompletionStatus);
  } else if (name == "woke-index") {  // waits a signaled event index ended
    for (const model::Lane& lane : s.model.lanes())
      for (const model::Wait& w : lane.waits) have += w.woke_index >= 0;
  } else if (name == "signaled" || name == "dequeued") {  // receives' transitions of the kind
    const netcore::Kind kind =
        name == "signaled" ? netcore::Kind::signaled : netcore::Kind::dequeued;
    for (size_t i = 0; i < s.model.log_size(); ++i)
      have += s.model.record(i).op != 0 && s.model.record(i).kind == kind;
  } else if (name == "dropped") {  // the status bar's Dropped
    have = s.ui.dropped + s.model.seq_gaps();
  } else {
    known = false;
    return false;
  }
  return at_least ? have >= want : have == want;
}

}  // namespace

bool view_state(const std::string& state, const DriveSubject& s) {
  const views::Ui& ui = s.ui;
  const views::Classroom& classroom = s.classroom;
  auto ends_with = [&](const char* tail) {
    const std::string t(tail);
    return state.size() > t.size() && state.compare(state.size() - t.size(), t.size(), t) == 0;
  };
  auto count_is = [&](const char* name, uint64_t count) {  // posted=N, pending=N: exactly N
    const std::string prefix = std::string(name) + "=";
    return state.rfind(prefix, 0) == 0 &&
           std::strtoull(state.c_str() + prefix.size(), nullptr, 10) == count &&
           state.size() > prefix.size();
  };
  if (state == "paused") return ui.paused;
  if (state == "many-clients") return ui.many.active;
  if (state == "many-event") return ui.many.active && ui.many.model == netcore::ManyModel::event;
  if (state == "many-iocp") return ui.many.active && ui.many.model == netcore::ManyModel::iocp;
  if (bool known = false; state.rfind("many-", 0) == 0 || state.rfind("waiting-", 0) == 0 ||
                          state.rfind("dequeue-", 0) == 0 || state.rfind("woke-", 0) == 0 ||
                          state.rfind("dropped", 0) == 0 || state.rfind("signaled>", 0) == 0 ||
                          state.rfind("signaled=", 0) == 0 || state.rfind("dequeued", 0) == 0) {
    const bool holds = many_state(state, s, known);
    if (known) return holds;
  }
  if (state == "running") return !ui.paused;
  if (state == "following") return s.view.following();
  if (state == "not-following") return !s.view.following();
  if (state == "no-engine-drops") return ui.dropped == 0 && s.model.seq_gaps() == 0;
  if (state.rfind("posted=", 0) == 0) return count_is("posted", s.model.counts().posted);
  if (state.rfind("pending=", 0) == 0) return count_is("pending", s.model.counts().pending);
  if (state == "items-fit") {  // views/item_check.hpp: the last frame's items, one line each
    for (const std::string& problem : views::item_check::problems())
      std::fprintf(stderr, "items-fit: %s\n", problem.c_str());
    return views::item_check::problems().empty();
  }
  if (state.rfind("layout=", 0) == 0 || state.rfind("clicker-presses=", 0) == 0 ||
      state == "blank" || state == "not-blank" || state == "caption-back" ||
      state == "caption-whole" || state == "presenter-window" || state == "projector-only")
    return s.view.layout_state(state);
  if (state.rfind("matrix", 0) == 0 || state == "lab" || state.rfind("controls-", 0) == 0 ||
      state.rfind("timeline-", 0) == 0 || state.rfind("legend=", 0) == 0 || ends_with("-fit") ||
      ends_with("-external") || state.rfind("status-says=", 0) == 0)
    return s.view.layout_state(state);
  if (state.rfind("log-pitfall=", 0) == 0) return s.view.layout_state(state);
  // Watching other programs: programs connected now / seen, a lane labelled NAME[PID].
  if (state == "watching") return ui.watching;
  if (state.rfind("watch-connected=", 0) == 0)
    return count_is("watch-connected", ui.watch.connected);
  if (state.rfind("watch-seen=", 0) == 0) return count_is("watch-seen", ui.watch.seen);
  if (state.rfind("watch-label=", 0) == 0) return watched_lane(state.substr(12), s.model);
  // What the status bar names: the backend of the live engine, or of the replayed trace.
  if (state == "lessons-off") return classroom.lessons_off;  // disabled, the reason on top
  if (state == "lessons-on") return !classroom.lessons_off;
  if (state.rfind("lesson=", 0) == 0)  // the lesson playing ("lesson=": none)
    return state.substr(7) == (classroom.runner ? classroom.lesson_title : std::string());
  if (state == "peer-connected") return ui.peer_connected;
  if (state == "peer-waiting") return ui.lab_mode == netcore::LabMode::serve && !ui.peer_connected;
  if (state == "backend-winsock") return ui.backend == netcore::Backend::winsock;
  if (state.rfind("model=", 0) == 0)
    return state.substr(6) == netcore::lab_model_name(ui.lab_model);
  if (state == "backend-linux") return ui.backend == netcore::Backend::linux_io_uring;
  const model::Op* shown = ui.shown();
  if (state == "shows-recv") return shown && shown->api == netcore::Api::WSARecv;
  if (state == "shows-send") return shown && shown->api == netcore::Api::WSASend;
  // Classroom mode: scale=1.25, fullscreen, windowed, presenter, lang-ko, lang-en.
  if (state.rfind("scale=", 0) == 0)
    return std::abs(classroom.scale - std::strtof(state.c_str() + 6, nullptr)) < 0.01f;
  if (state == "fullscreen") return classroom.fullscreen;
  if (state == "windowed") return !classroom.fullscreen;
  if (state == "presenter") return classroom.presenter;
  if (state == "lang-ko") return classroom.lang == views::Lang::ko;
  if (state == "lang-en") return classroom.lang == views::Lang::en;
  return false;
}

Drive::Actions Drive::step(const DriveSubject& subject) {
  Actions actions = script_.next_frame(
      subject.model, [&](const std::string& s) { return view_state(s, subject); });
  // `key Ctrl+=`: Ctrl goes down before the key and up after it, as a person's fingers do.
  ImGuiIO& io = ImGui::GetIO();
  const int ctrl = model::kWithCtrl;
  if (actions.release) {
    io.AddKeyEvent(imgui_key(actions.release & ~ctrl), false);
    if (actions.release & ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
  }
  if (actions.press) {
    if (actions.press & ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(imgui_key(actions.press & ~ctrl), true);
    // A tap: ImGui's queue trickles, so the release still comes a frame after the press.
    if (actions.tap) io.AddKeyEvent(imgui_key(actions.press & ~ctrl), false);
    if (actions.tap && (actions.press & ctrl)) io.AddKeyEvent(ImGuiMod_Ctrl, false);
  }
  // Typing: each character's key goes down, the character is entered, the key goes up, as a
  // keyboard sends them (so a text box's keys reach the views too: R typed is R pressed).
  for (char c : actions.type) {
    const ImGuiKey key = imgui_key(static_cast<unsigned char>(c));
    if (key != ImGuiKey_None) io.AddKeyEvent(key, true);
    io.AddInputCharacter(static_cast<unsigned char>(c));
    if (key != ImGuiKey_None) io.AddKeyEvent(key, false);
  }
  if (!actions.message.empty()) {
    std::printf("%s\n", actions.message.c_str());
    std::fflush(stdout);  // out at once: a test may act on it meanwhile (xdotool, under Wine)
  }
  if (actions.failed)
    std::fprintf(stderr, "%s\nmodel:\n%s", actions.message.c_str(),
                 subject.model.describe().c_str());
  return actions;
}

bool Drive::feed_mouse(const Actions& actions, const DriveSubject& subject) {
  if (actions.hover) hover_ = {true, actions.hover_x, actions.hover_y};
  if (actions.click) click_ = {actions.hover_x, actions.hover_y, 2};
  if (!actions.click_button.empty()) button_ = {actions.click_button, 10};
  if (button_.frames_left > 0) {
    // Buttons are known once drawn: on the first frame, try again on the next few.
    for (const views::Ui::Button& b : subject.ui.buttons) {
      if (std::string(b.label).rfind(button_.label, 0) == 0) {
        click_ = {b.x, b.y, 2};
        button_.frames_left = 0;
        break;
      }
    }
    if (button_.frames_left > 0 && --button_.frames_left == 0) {
      std::fprintf(stderr, "drive: FAILED: no button '%s'\n", button_.label.c_str());
      return false;
    }
  }
  if (actions.click_log != netcore::Api::none) {
    const model::Op* op = subject.model.latest_op(actions.click_log);
    if (!op || !subject.view.log_line_position(op->id, click_.x, click_.y)) {
      std::fprintf(stderr, "drive: FAILED: no log line to click\nmodel:\n%s",
                   subject.model.describe().c_str());
      return false;
    }
    click_.frames_left = 2;
  }
  ImGuiIO& io = ImGui::GetIO();
  if (click_.frames_left > 0 || hover_.active) {
    const bool clicking = click_.frames_left > 0;
    const float x = clicking ? click_.x : hover_.x, y = clicking ? click_.y : hover_.y;
    // With the presenter window (multi-viewports) the point may be in another OS window: say
    // which, as the platform backend does for a person's mouse (the newest viewport is on top).
    const ImVector<ImGuiViewport*>& viewports = ImGui::GetPlatformIO().Viewports;
    for (int i = viewports.Size - 1; i >= 0; --i) {
      const ImGuiViewport* v = viewports[i];
      if (x >= v->Pos.x && y >= v->Pos.y && x < v->Pos.x + v->Size.x && y < v->Pos.y + v->Size.y) {
        io.AddMouseViewportEvent(v->ID);
        break;
      }
    }
    io.AddMousePosEvent(x, y);
    io.AddMouseButtonEvent(0, clicking && click_.frames_left == 2);
    if (clicking) --click_.frames_left;
  }
  if (actions.wheel != 0.0f) io.AddMouseWheelEvent(0.0f, actions.wheel);
  return true;
}

}  // namespace iolab::shell
