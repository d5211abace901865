// Scripted lessons: a small text format (docs/lessons.md), its parser, and a step-by-step runner
// that a UI drives frame by frame (advance() never blocks) and the CLI drives to the end
// (run_to_end). Nothing here prints: errors are values, "FILE:LINE: what is wrong".
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "netcore/command.hpp"
#include "netcore/driver.hpp"
#include "netcore/engine.hpp"

namespace netcore {

enum class StepKind : uint8_t {
  command,  // submit `command` `repeat` times (posts, options, close, cancel, reset)
  touch,    // touch_buffer: overwrite the buffer of the last pending op with `text`
  wait,     // the teacher's pacing: `duration` (scaled by the runner's speed)
  await,    // wait, event-driven, until the last op posted (by `command.session`, or by either
            // side when kNoSession) reaches `await_state`
  caption,  // `text` (English) and `ko` (Korean, may be empty), shown large by the GUI
  pause,    // wait for the teacher (play() or step())
};

enum class AwaitState : uint8_t {
  pending,    // WSA_IO_PENDING
  signaled,   // the wait returned for its event
  queued,     // completion_queued: the routine or packet waits (the other I/O models)
  completed,  // it ended: completed_immediately, result_fetched, failed or peer_closed
  delivered,  // a send: the peer's receives have taken every byte up to its end
};
const char* await_state_name(AwaitState state);

struct Step {
  int line = 0;        // 1-based line in the file
  std::string source;  // the line as written (without comment), for the GUI's script view
  StepKind kind = StepKind::command;
  Command command;  // kind == command; await: command.session is whose last op
  int repeat = 1;   // `client.send 65536 x4`; with until_pending: at most this many posts
  // `until=pending`: post one, and again while each completes at once, until one goes pending
  // (a big send may complete at once on Windows, where it goes pending on Linux).
  bool until_pending = false;
  std::chrono::milliseconds duration{0};  // wait; await: the timeout
  AwaitState await_state = AwaitState::completed;
  std::string text;  // caption (English), touch_buffer's bytes
  std::string ko;    // caption in Korean
};

struct Script {
  std::string filename;
  std::vector<Step> steps;
};

// The parser's answer: a script, or every error found ("FILE:LINE: what is wrong"), never both.
struct ParsedScript {
  Script script;
  std::vector<std::string> errors;
  bool ok() const { return errors.empty(); }
};
ParsedScript parse_script(std::string_view text, std::string_view filename);
// Reads and parses a file. A file that cannot be a lesson is one error "FILE: what is wrong":
// unreadable, a directory, larger than kMaxLessonBytes, or not text (a NUL byte).
inline constexpr size_t kMaxLessonBytes = 1 << 20;
ParsedScript load_script(const std::string& path);

enum class RunState : uint8_t {
  ready,     // start() not called yet
  running,   // more steps are due: call advance() again
  waiting,   // inside a `wait` step until wake_at()
  awaiting,  // inside an `await` step: a transition will move it (timeout at wake_at())
  paused,    // by pause() or a `pause` step: play() or step() goes on
  finished,  // every step done
  failed,    // error() says what went wrong
};
const char* run_state_name(RunState state);

class ScriptRunner {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ScriptRunner(Script script) : script_(std::move(script)) {}

  // (Re)starts at the first step. The driver (and its engine) must outlive the run.
  void start(Driver& driver);

  // Does every step that is due at `now` and returns at once: call it every frame.
  // Pumps the driver, so transitions reach its sink.
  RunState advance(Clock::time_point now = Clock::now());

  void play();                   // run on (also past a `pause` step)
  void pause();                  // stop before the next step (a running wait/await finishes)
  void step();                   // while paused: do exactly one step, then pause again
  void set_speed(double speed);  // scales `wait` durations only: 2 = twice as fast
  double speed() const { return speed_; }

  RunState state() const { return state_; }
  bool paused() const { return paused_; }
  size_t position() const { return pc_; }  // index of the next (or current) step
  const Script& script() const { return script_; }
  const std::string& error() const { return error_; }  // "FILE:LINE: ..." when failed
  const Step* last_caption() const {                   // the caption to show, or null
    return caption_ < script_.steps.size() ? &script_.steps[caption_] : nullptr;
  }
  Clock::time_point wake_at() const { return wake_at_; }  // end of the wait / await timeout
  Driver* driver() const { return driver_; }

  // Called for each step when it is done (the CLI prints captions from here).
  std::function<void(const Step&)> on_step;

 private:
  enum class Check : uint8_t { not_yet, done, failed };
  Check check_await(const Step& s);
  Check check_delivered(const Step& s);
  void fail(const Step& s, const std::string& what);
  bool do_touch(const Step& s);
  void post(const Step& s);
  bool post_until_pending(const Step& s, Clock::time_point now);

  Script script_;
  Driver* driver_ = nullptr;
  RunState state_ = RunState::ready;
  bool paused_ = false;
  bool stepping_ = false;  // step(): pause again after this one
  double speed_ = 1.0;
  size_t pc_ = 0;
  bool in_step_ = false;  // steps_[pc_] has begun (a wait or await in progress)
  Clock::time_point started_{};
  Clock::time_point wake_at_{};
  std::string error_;
  size_t caption_ = size_t(-1);  // index of the last caption step done
  // The last op posted, by either side [kNoSession] or by each.
  uint32_t last_op_[3] = {};
  int tries_ = 0;           // until=pending: posts made so far in this step
  bool post_next_ = false;  // until=pending: the last post completed at once
};

// For callers that may block (the CLI, tests): advances until finished or failed, sleeping on
// the engine's notification during an await and until the end of a wait. At a `pause` step it
// calls on_pause (when given: return to go on), then plays on.
RunState run_to_end(ScriptRunner& runner, const std::function<void()>& on_pause = {});

}  // namespace netcore
