#include "model/script.hpp"

#include <sstream>

#include "netcore/engine.hpp"
#include "netcore/many_clients.hpp"

namespace iolab::model {
namespace {

bool kind_from_name(const std::string& name, Kind& out) {
#define IOLAB_KIND(k) \
  if (name == #k) {   \
    out = Kind::k;    \
    return true;      \
  }
  NETCORE_KINDS(IOLAB_KIND)
#undef IOLAB_KIND
  return false;
}

bool api_from_side(const std::string& side, Api& out) {
  if (side == "recv")
    out = Api::WSARecv;
  else if (side == "send")
    out = Api::WSASend;
  else
    return false;
  return true;
}

}  // namespace

bool op_saw(const Model& model, const Op& op, Kind kind, const uint32_t* bytes) {
  for (size_t line : model.lines_of(op)) {
    const Record& t = model.record(line);
    if (t.kind == kind && (!bytes || t.bytes == *bytes)) return true;
  }
  return false;
}

bool Script::parse(std::string_view text, Script& out, std::string& error) {
  out = Script{};
  // Comments end at the line's end; then ';' separates steps like a newline.
  std::string all;
  std::istringstream raw{std::string(text)};
  for (std::string line; std::getline(raw, line);) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    for (char& c : line)
      if (c == ';') c = '\n';
    all += line + '\n';
  }
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string verb;
    if (!(words >> verb)) continue;
    Step step{};
    step.source = line.substr(line.find_first_not_of(" \t"));
    if (verb == "key" || verb == "tap") {
      std::string key;
      words >> key;
      step.type = Step::Type::key;
      step.count = verb == "tap";  // down and up within one frame
      if (key == "Space" || key == "space")
        step.key = ' ';
      else if (key == "Enter")
        step.key = kKeyEnter;
      else if (key == "Escape")
        step.key = kKeyEscape;
      else if (key == "F11")
        step.key = kKeyF11;
      else if (key == "PageDown")
        step.key = kKeyPageDown;
      else if (key == "PageUp")
        step.key = kKeyPageUp;
      else if (key == "Period")
        step.key = kKeyPeriod;
      else if (key == "Tab")
        step.key = kKeyTab;
      else if (key.size() == 6 && key.rfind("Ctrl+", 0) == 0 && key[5] >= '1' && key[5] <= '9')
        step.key = kWithCtrl | key[5];  // GLFW_KEY_1.. == '1'..
      else if (key == "Ctrl+=")
        step.key = kWithCtrl | '=';  // GLFW_KEY_EQUAL == '='
      else if (key == "Ctrl+-")
        step.key = kWithCtrl | '-';  // GLFW_KEY_MINUS == '-'
      else if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z')
        step.key = key[0] - 'a' + 'A';
      else if (key.size() == 1 && key[0] >= 'A' && key[0] <= 'Z')
        step.key = key[0];
      else {
        error = "unknown key '" + key + "' in: " + step.source;
        return false;
      }
    } else if (verb == "wait" || verb == "expect" || verb == "expect-not") {
      step.type = verb == "wait"     ? Step::Type::wait
                  : verb == "expect" ? Step::Type::expect
                                     : Step::Type::expect_not;
      std::string side, kind;
      words >> side >> kind;
      if (!api_from_side(side, step.api) || !kind_from_name(kind, step.kind)) {
        error = "expected '<recv|send> <transition kind> [bytes]' in: " + step.source;
        return false;
      }
      if (words >> step.bytes) step.has_bytes = true;
    } else if (verb == "wait-posted") {  // the lab's post count reaches N (flood tests)
      step.type = Step::Type::wait;
      step.api = Api::none;
      if (!(words >> step.count) || step.count < 0) {
        error = "expected 'wait-posted N' in: " + step.source;
        return false;
      }
    } else if (verb == "click-log") {
      step.type = Step::Type::click_log;
      std::string side;
      words >> side;
      if (!api_from_side(side, step.api)) {
        error = "expected 'click-log <recv|send>' in: " + step.source;
        return false;
      }
    } else if (verb == "hover" || verb == "click") {
      step.type = verb == "hover" ? Step::Type::hover : Step::Type::click;
      if (!(words >> step.x >> step.y)) {
        error = "expected '" + verb + " X Y' in: " + step.source;
        return false;
      }
    } else if (verb == "wheel") {
      step.type = Step::Type::wheel;
      if (!(words >> step.x)) {
        error = "expected 'wheel NOTCHES' in: " + step.source;
        return false;
      }
    } else if (verb == "click-button") {
      step.type = Step::Type::click_button;
      std::getline(words >> std::ws, step.file);
      if (step.file.empty()) {
        error = "expected 'click-button LABEL' in: " + step.source;
        return false;
      }
    } else if (verb == "type") {
      step.type = Step::Type::type;
      std::getline(words >> std::ws, step.file);
      if (step.file.empty()) {
        error = "expected 'type TEXT' in: " + step.source;
        return false;
      }
    } else if (verb == "view") {
      step.type = Step::Type::view;
      if (!(words >> step.file)) {
        error =
            "expected a view state (paused, running, following, not-following) in: " + step.source;
        return false;
      }
    } else if (verb == "wait-view") {
      step.type = Step::Type::wait_view;
      if (!(words >> step.file)) {
        error = "expected 'wait-view STATE' in: " + step.source;
        return false;
      }
    } else if (verb == "frames") {
      step.type = Step::Type::frames;
      if (!(words >> step.count) || step.count < 0) {
        error = "expected a frame count in: " + step.source;
        return false;
      }
    } else if (verb == "model") {
      step.type = Step::Type::model;
      netcore::LabModel m;
      if (!(words >> step.file) || !netcore::lab_model_from_name(step.file, m)) {
        error = "expected 'model event|completion-routine|iocp|event-select' in: " + step.source;
        return false;
      }
    } else if (verb == "clients") {
      step.type = Step::Type::clients;
      if (!(words >> step.count) || step.count < 1 || step.count > netcore::kMaxManyClients) {
        error = "expected 'clients N' with N from 1 to 500 in: " + step.source;
        return false;
      }
    } else if (verb == "screenshot" || verb == "screenshot-presenter") {
      step.type = Step::Type::screenshot;
      step.count = verb == "screenshot-presenter";  // the presenter window's own OS window
      if (!(words >> step.file)) {
        error = "expected a file name in: " + step.source;
        return false;
      }
    } else {
      error = "unknown step '" + verb + "'";
      return false;
    }
    out.steps_.push_back(step);
  }
  return true;
}

bool Script::holds(const Step& step, const Model& model) const {
  if (step.api == Api::none) return model.counts().posted >= static_cast<uint64_t>(step.count);
  const Op* op = model.latest_op(step.api);
  return op && op_saw(model, *op, step.kind, step.has_bytes ? &step.bytes : nullptr);
}

Script::Actions Script::next_frame(const Model& model,
                                   const std::function<bool(const std::string&)>& view_state) {
  Actions actions;
  if (held_) {  // a key pressed last frame is released now: one clean press
    actions.release = held_;
    held_ = 0;
    ++at_;
    return actions;
  }
  while (at_ < steps_.size()) {
    const Step& step = steps_[at_];
    switch (step.type) {
      case Step::Type::key:
        actions.message = "drive: " + step.source;
        if (step.count == 1) {  // tap: the press and the release queued together
          actions.press = step.key;
          actions.tap = true;
          ++at_;
          return actions;
        }
        actions.press = held_ = step.key;
        return actions;
      case Step::Type::wait:
        if (holds(step, model)) {
          actions.message =
              "drive: ok after " + std::to_string(frames_in_step_) + " frames: " + step.source;
          frames_in_step_ = 0;
          ++at_;
          return actions;  // one step per frame keeps the output in order
        }
        if (++frames_in_step_ > wait_budget) {
          actions.failed = true;
          actions.message = "drive: FAILED (no match in " + std::to_string(wait_budget) +
                            " frames): " + step.source;
        }
        return actions;
      case Step::Type::expect:
      case Step::Type::expect_not: {
        const bool want = step.type == Step::Type::expect;
        ++at_;
        if (holds(step, model) != want) {
          actions.failed = true;
          actions.message = "drive: FAILED: " + step.source;
          return actions;
        }
        actions.message = "drive: ok: " + step.source;
        return actions;
      }
      case Step::Type::click_log:
        actions.click_log = step.api;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
      case Step::Type::hover:
      case Step::Type::click:
        (step.type == Step::Type::hover ? actions.hover : actions.click) = true;
        actions.hover_x = step.x;
        actions.hover_y = step.y;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
      case Step::Type::wheel:
        actions.wheel = step.x;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
      case Step::Type::click_button:
        actions.click_button = step.file;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
      case Step::Type::type:
        actions.type = step.file;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
      case Step::Type::view:
        ++at_;
        if (!view_state || !view_state(step.file)) {
          actions.failed = true;
          actions.message = "drive: FAILED: " + step.source;
          return actions;
        }
        actions.message = "drive: ok: " + step.source;
        return actions;
      case Step::Type::wait_view:
        if (view_state && view_state(step.file)) {
          actions.message =
              "drive: ok after " + std::to_string(frames_in_step_) + " frames: " + step.source;
          frames_in_step_ = 0;
          ++at_;
          return actions;
        }
        if (++frames_in_step_ > wait_budget) {
          actions.failed = true;
          actions.message = "drive: FAILED (not reached in " + std::to_string(wait_budget) +
                            " frames): " + step.source;
        }
        return actions;
      case Step::Type::frames:
        if (frames_in_step_++ < step.count) return actions;
        frames_in_step_ = 0;
        ++at_;
        continue;
      case Step::Type::model:
        actions.model = step.file;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
      case Step::Type::clients:
        actions.clients = step.count;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
      case Step::Type::screenshot:
        (step.count == 1 ? actions.screenshot_presenter : actions.screenshot) = step.file;
        actions.message = "drive: " + step.source;
        ++at_;
        return actions;
    }
  }
  actions.done = true;
  return actions;
}

}  // namespace iolab::model
