// App::frame(): one frame of the app, the same on every platform. The order is the design's
// (docs/gui.md, "The app shell"): serve the menus' requests, drain the engine into the model,
// feed --drive's input, draw the views, render, present, check.
#include <imgui.h>

#include <cstdio>

#include "shell/app.hpp"
#include "shell/screenshot.hpp"
#include "views/item_check.hpp"
#include "views/strings.hpp"
#include "views/strings_classroom.hpp"

namespace iolab::shell {

// The engine's new transitions (through the driver: a lesson awaits on it) into the model.
void App::drain() {
  drained_.clear();
  if (player_) {  // a replay in time: what the playback clock reached since the last frame
    const uint64_t now = steady_now_ns();
    if (!ui_.paused && player_drained_at_ns_ != 0)
      drained_ = player_->advance(now - player_drained_at_ns_);
    player_drained_at_ns_ = now;
    ui_.now_ns = player_->now_ns();
  }
  if (runner_) {
    if (options_.unattended() && runner_->state() == netcore::RunState::paused) runner_->play();
    runner_->advance();
  }
  if (engine_ok_) driver_.pump();
  if (watch_) drain_watch();
  if (many_) drain_many();
  const uint64_t app_now = steady_now_ns();
  // The lab is up once its connection exists: accepted (loopback, --serve) or connected
  // (--connect, where nothing is accepted).
  const netcore::Kind up = options_.lab_mode == netcore::LabMode::connect ? netcore::Kind::connected
                                                                          : netcore::Kind::accepted;
  for (const netcore::Transition& t : drained_) {
    clock_.observe(t.t_ns, app_now);
    lab_up_ = lab_up_ || t.kind == up;
    if (t.kind == up) {
      ui_.peer_connected = true;
      ui_.peer_closed = false;
      // --serve: who it is (netcore set the address before it queued the `accepted`).
      if (!many_ && options_.lab_mode == netcore::LabMode::serve)
        ui_.peer_addresses = {engine_.peer_address()};
    }
    // Many clients: sessions close one by one; the lab's one-peer note is not about them.
    if (t.kind == netcore::Kind::peer_closed && !many_) ui_.peer_closed = true;
  }
  model_.apply(drained_);
  recording_.append(drained_);
  if (!many_) ui_.dropped = engine_ok_ ? engine_.dropped() : 0;
  if (engine_ok_) ui_.lab_model = engine_.model();  // a lesson's `model` line changes it too
  if (!ui_.paused && !ui_.replay) ui_.now_ns = clock_.now(app_now);
}

bool App::frame() {
  if (exit_code_ >= 0) return false;
  phases_.end(FramePhases::wait);
  if (frame_ == 0) startup_.mark("first_wait");
  serve_requests();
  if (exit_code_ >= 0) return false;
  drain();

  ImGuiIO& io = ImGui::GetIO();
  if (options_.bench_latency) {
    latency_.drained(drained_);
    if (frame_ == 2 || frame_ == 3) io.AddKeyEvent(ImGuiKey_W, frame_ == 2);  // W: the flood
  }
  if (options_.bench_scale_change) {
    const bool ctrl_equal = scale_change_.press_now(frame_);
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl_equal);
    io.AddKeyEvent(ImGuiKey_Equal, ctrl_equal);
  }
  // A --drive script starts once the lab is connected (a click on "Small buffers" before the
  // client socket exists would be lost), or after 2 s without it, and goes on while the panels'
  // preset is settled (a click computed on one frame must land on the same place the next).
  Drive::Actions actions;
  const DriveSubject subject{ui_, view_, classroom_, model_};
  if (drive_.active() && (lab_up_ || frame_ > 400) && view_.layout_settled()) {
    actions = drive_.step(subject);
    if (actions.failed) finish(3);
    netcore::LabModel m;
    if (!actions.model.empty() && netcore::lab_model_from_name(actions.model, m))
      views::switch_model(ui_, m);
    if (actions.clients > 0) ui_.clients_requested = actions.clients;  // as Lab > Clients N
  }
  window_->new_frame();
  if (drive_.active() && !drive_.feed_mouse(actions, subject)) finish(3);
  phases_.end(FramePhases::drain);
  if (frame_ == 0) startup_.mark("first_drain_and_backend_new_frame");

  // A --drive run checks the layout from ImGui's item rectangles (`view items-fit`).
  if (drive_.active() && !views::item_check::armed()) views::item_check::arm();
  ImGui::NewFrame();
  view_.draw(ui_);
  ImGui::Render();
  if (views::item_check::armed()) views::item_check::check();
  phases_.end(FramePhases::ui);
  if (frame_ == 0) startup_.mark("first_ui");

  // The panels draw no background of their own (views/main_view.cpp): the clear is theirs.
  window_->render(ImGui::GetDrawData(), ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
  // The presenter window (and any other viewport) in its own OS window.
  const ImGuiID capture = actions.screenshot_presenter.empty() ? 0 : view_.presenter_viewport();
  window_->render_other_viewports(capture);
  if (!actions.screenshot_presenter.empty() &&
      (capture == 0 || !write_captured_png(*window_, actions.screenshot_presenter))) {
    std::fprintf(stderr, "drive: FAILED: no presenter window to screenshot\n");
    finish(3);
  }
  present_and_check(actions);

  if (ui_.reset_requested) {  // Reset lab: a fresh picture for the new lab
    model_.clear();
    ui_.select(0, false);
    ui_.reset_requested = false;
    ui_.peer_connected = ui_.peer_closed = false;  // the new lab's accept/connect says again
    ui_.peer_addresses.clear();
  }
  return exit_code_ < 0;
}

void App::present_and_check(const Drive::Actions& actions) {
  if (!actions.screenshot.empty() && !write_png(*window_, actions.screenshot)) finish(3);
  if (png_countdown_ >= 0 && png_countdown_-- == 0 && write_png(*window_, png_path_)) {
    char line[512];
    std::snprintf(line, sizeof line, text::kSaved, png_path_.c_str());
    classroom_.message = line;
    classroom_.message_until = ImGui::GetTime() + 6.0;
  }
  ++frame_;
  // An unattended lesson (tests, screenshots) runs to its end within a frame budget.
  bool lesson_over = true;
  if (runner_ && options_.unattended()) {
    const netcore::RunState st = runner_->state();
    lesson_over = st == netcore::RunState::finished || st == netcore::RunState::failed;
    if (st == netcore::RunState::failed && exit_code_ < 0) {
      std::fprintf(stderr, "lesson: FAILED: %s\nmodel:\n%s", runner_->error().c_str(),
                   model_.describe().c_str());
      finish(3);
    } else if (st == netcore::RunState::finished && !lesson_reported_) {
      std::printf("lesson: finished (%zu steps)\nmodel:\n%s", runner_->script().steps.size(),
                  model_.describe().c_str());
      lesson_reported_ = true;
    } else if (!lesson_over && frame_ > kLessonFrameBudget) {
      std::fprintf(stderr, "lesson: FAILED: still %s after %d frames\n",
                   netcore::run_state_name(st), frame_);
      finish(3);
    }
  }
  if (drive_.active() && actions.done && !drive_reported_) {
    std::printf("drive: done\nmodel:\n%s", model_.describe().c_str());
    drive_reported_ = true;
  }
  // A screenshot run renders at least --frames frames, and waits for the script to finish.
  const bool script_finished = (!drive_.active() || actions.done) && lesson_over;
  if (script_finished && !options_.screenshot.empty() && frame_ >= options_.frames)
    finish(write_png(*window_, options_.screenshot) ? 0 : 3);
  else if (script_finished && drive_.active() && options_.screenshot.empty())
    finish(0);
  phases_.end(FramePhases::gl_submit);
  if (frame_ == 1) startup_.mark("first_gl_submit");

  window_->present();
  phases_.end(FramePhases::swap);
  if (frame_ == 1) phases_.reset();  // the first frame is start-up; the figures are the others'
  if (options_.bench_first_frame && frame_ == 1) {
    startup_.mark("first_swap");
    startup_.print_first_frame();
    finish(0);
  }
  if (options_.bench_latency &&
      latency_.frame_done(frame_, engine_.dropped() + model_.seq_gaps())) {
    phases_.print();
    finish(0);
  }
  if (options_.bench_scale_change && scale_change_.frame_done(ImGui::GetStyle().FontScaleMain))
    finish(0);
}

}  // namespace iolab::shell
