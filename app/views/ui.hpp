// What every panel shares: the model, the selection, the timeline's clock and a way to send
// commands to the engine. Plain data, owned by main.cpp; views hold no pointers between frames.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/model.hpp"
#include "netcore/command.hpp"
#include "netcore/engine.hpp"
#include "netcore/many_clients.hpp"
#include "netcore/pitfalls.hpp"
#include "netcore/transition.hpp"

struct ImFont;

namespace iolab::views {

struct Classroom;  // views/classroom_view.hpp: menus, scale, theme, language, lessons

// Each font is loaded once at its size for UI scale 1 (ImFont::LegacySize); ImGui 1.92 makes
// its glyphs on demand at the size drawn, and style.FontScaleMain (the UI scale) multiplies every
// size (views/theme.cpp).
struct Fonts {
  ImFont* ui = nullptr;       // proportional, projector size
  ImFont* mono = nullptr;     // code, hex dumps
  ImFont* big = nullptr;      // panel headings
  ImFont* small = nullptr;    // notes under a value (the io_uring meaning of a field)
  ImFont* caption = nullptr;  // the lesson's caption, read from the back of the room
};

// A watched program's pitfall (iolab --watch), where it showed: the log line and the op's lane
// (op 0: the thread's lane).
struct PitfallMark {
  netcore::Pitfall pitfall = netcore::Pitfall::overlapped_reused;
  uint64_t line = 0;  // the model's absolute log line
  uint64_t t_ns = 0;
  uint32_t session = 0, op = 0, thread = 0;
  uint16_t slot = 0;
};

// iolab --watch (File > Watch a program): other programs' calls, no engine, no lab.
struct Watching {
  std::string where;  // "127.0.0.1:7001"
  size_t connected = 0, seen = 0;
  std::vector<PitfallMark> pitfalls;
  std::unordered_map<uint64_t, size_t> pitfall_at_line;  // log line -> pitfalls[i]
};

// Many clients (iolab --clients N, Lab > Clients N): the many-clients server instead of the
// lecture's lab, its N sessions served by ceil(N/63) waiting threads or by IOCP's two workers
// (docs/many-clients.md). The app fills it each frame; S and the button ask for a wave.
struct ManyClients {
  bool active = false;
  netcore::ManyModel model = netcore::ManyModel::event;
  int clients = 1;
  bool outside = false;             // --serve PORT --clients N: outside programs are the N clients
  int connected = 0;                // the lab's own clients connected so far
  uint64_t waves = 0;               // waves they sent (one message from every client each)
  netcore::ManyClientsStats stats;  // the server's, at most a quarter second old
  bool every_second = false;        // a wave every second, besides S
  bool send_wave = false;           // asked this frame (S, Send from all)
  std::string error;                // the server's or the clients' one line
};

struct Ui {
  const model::Model* model = nullptr;
  std::function<uint32_t(const netcore::Command&)> submit;  // returns the op id of a post

  netcore::Backend backend = netcore::Backend::linux_io_uring;
  // The server session's I/O model, as the engine runs it now (the app reads it each frame).
  netcore::LabModel lab_model = netcore::LabModel::event;
  uint16_t port = 0;
  uint64_t dropped = 0;
  const char* engine_error = nullptr;  // non-null: the engine did not start
  // Real peers (iolab --serve / --connect): the lab plays one side, an outside program the
  // other. `peer_where`: the address listened on (serve) or connected to (connect).
  netcore::LabMode lab_mode = netcore::LabMode::loopback;
  std::string peer_where;
  bool peer_connected = false;  // serve: an outside client was accepted; connect: connected
  bool peer_closed = false;     // the outside program closed its end
  // serve: the outside clients' addresses ("127.0.0.1:53122"): the one accepted (the lab), or
  // those connected now (--clients N), as netcore's getpeername gave them.
  std::vector<std::string> peer_addresses;
  bool replay = false;  // a saved trace (--replay): no engine, no live lab
  // File > Live lab can leave the replay (the desktop; the web page has no engine to start).
  bool live_lab_offered = false;
  bool watching = false;  // the lab's controls are off, as in a replay; see `watch`
  Watching watch;
  ManyClients many;
  int clients_requested = 0;  // Lab > Clients N asked for N (0: nothing asked)

  // The clock the timeline draws "now" with (same clock as Transition::t_ns); frozen on pause.
  uint64_t now_ns = 0;
  bool paused = false;

  // The op the code panel and inspector show: the one the teacher clicked (pinned), otherwise
  // the op of the newest transition, so "S" after a pending "R" shows the receive completing.
  uint32_t selected_op = 0;  // 0: none
  bool selection_pinned = false;

  Fonts fonts;
  bool reset_requested = false;
  Classroom* classroom = nullptr;  // null: no menu bar, no lesson strip

  // Where each control button was drawn this frame, for --drive's click-button step.
  struct Button {
    const char* label;
    float x, y;
  };
  std::vector<Button> buttons;  // Reset lab: main.cpp clears the model once this frame is done

  void select(uint32_t op, bool pinned) {
    selected_op = op;
    selection_pinned = pinned;
  }
  void follow_newest() { select(0, false); }
  const model::Op* shown() const;
};

// The models in the order the combo and the Model menu list them, and their names there.
const char* model_label(netcore::LabModel m);
// Builds the lab again in model `m` (the combo, the Model menu, --drive's `model NAME`).
void switch_model(Ui& ui, netcore::LabModel m);

// A key pressed this frame, by letter/space ('A'..'Z', ' '), unless a text box has the keyboard
// or Ctrl/Alt/Super is held (views/keys.cpp).
bool key_pressed(char key);

// Pushes `font` at its own size times the UI scale (ImGui 1.92's PushFont takes a size).
void push_font(ImFont* font);

// The height in pixels `font` is drawn at now (its size times the UI scale), for
// ImDrawList::AddText and ImFont::CalcTextSizeA, which take the size explicitly.
float font_px(const ImFont* font);

}  // namespace iolab::views
