// Controls: the server's WSARecv, the client's WSASend, and the lab as a whole.
#pragma once
#include <cstdint>
#include <string>

#include "views/ui.hpp"
#include "views/widgets.hpp"

namespace iolab::views {

class ControlsView {
 public:
  // Every control in three columns (server, client, lab) with their parameters: the desk.
  void draw(Ui& ui);
  // The projector's toolbar: one row of big buttons (post WSARecv, post WSASend, cancel, reset)
  // that wraps when the window is narrow; the parameters stay with draw() (the desk layout, the
  // presenter window).
  void draw_toolbar(Ui& ui);
  // R and S, once a frame, whichever of the two is drawn (or neither).
  void handle_keys(Ui& ui);

  // The same actions as the buttons, for the keyboard shortcuts (R, S).
  void post_recv(Ui& ui);
  void post_send(Ui& ui);
  void alertable(Ui& ui);  // A: the completion-routine model's SleepEx(..., TRUE)

  // The strip's height that shows every control, as measured on the last frame (0 before the
  // first): the widgets wrap onto more lines at a large UI scale or in a narrow window.
  float height() const { return height_; }
  // For --drive's `view controls-fit`: the strip was drawn, and on the last frame every control
  // lay wholly inside the visible part of its column (nothing clipped, so everything can be
  // clicked). `clipped()` names the first one that did not.
  bool all_visible() const { return height_ > 0 && fit_.all_visible(); }
  const std::string& clipped() const { return fit_.clipped(); }
  bool says(const std::string& text) const { return fit_.says(text, "controls"); }
  // A replay (no engine): on the last frame the strip was drawn disabled, under a note that
  // says so. `presses()`: the actions the strip has taken (buttons, R, S), none in a replay.
  bool disabled() const { return disabled_; }
  // iolab --serve / --connect: the side an outside program plays was drawn disabled, under
  // "External peer", on the last frame (its key, R or S, does nothing).
  bool client_external() const { return client_external_; }
  bool server_external() const { return server_external_; }
  int presses() const { return presses_; }

 private:
  // The flow layout of one column. `column` starts one under its heading; `flow(width)` before
  // a group of widgets keeps it on the current line if it fits in the column (and the line is
  // not to start afresh: `line_start_`), else it starts a new line; `fit_.seen(name)` after
  // each widget checks that it was not clipped; `action` is a button and its "(?)".
  void column(Ui& ui, int index, const char* heading);
  void flow(float width);
  bool action(Ui& ui, const char* label, const char* help);
  void cancel_pending(Ui& ui);
  void model_combo(Ui& ui);
  void reset_lab(Ui& ui);
  void finish_height();
  void begin_strip(const Ui& ui);
  void external_note(const char* note);
  void draw_many(Ui& ui);  // Lab > Clients N > 1: the many-clients server's strip

  int recv_size_ = 1024;
  int recv_wsabufs_ = 1;
  bool reading_ = false;
  char send_text_[netcore::kCommandTextCapacity] = "Hello World";
  int send_size_ = 100;  // the lecture's 100-byte buffer
  int send_wsabufs_ = 1;

  float height_ = 0;
  float right_ = 0;          // the right edge of the current column's content
  bool line_start_ = false;  // the next widget starts a line
  FitCheck fit_;             // the lowest widget and the first clipped one, this frame
  bool disabled_ = false;
  bool server_external_ = false, client_external_ = false;
  bool live_lab_offered_ = false;  // the replay note names File > Live lab
  bool watching_ = false;          // the note says other programs are watched
  int presses_ = 0;
};

}  // namespace iolab::views
