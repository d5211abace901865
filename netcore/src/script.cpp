// The lesson format (docs/lessons.md): one command per line, `#` comments, "quoted strings",
// key=value options. The parser collects every error; the runner never blocks.
#include "netcore/script.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace netcore {
namespace {

constexpr uint64_t kMaxSize = 16 * 1024 * 1024;  // bytes in one recv/send/socket buffer
constexpr uint64_t kMaxRepeat = 64;  // `x64`: one OVERLAPPED each; the wait watches 63 of them
constexpr auto kMaxDuration = std::chrono::minutes(10);
constexpr auto kDefaultAwait = std::chrono::seconds(10);

// One word of a line: a bare word, a "string", or key=value (value bare or "quoted").
struct Token {
  std::string key;
  std::string value;
  bool quoted = false;
};

// Splits a line into tokens; stops at a `#` outside a string. `end` gets where the content
// (without comment) ends. Returns an error, or "".
std::string tokenize(std::string_view line, std::vector<Token>& out, size_t& end) {
  size_t i = 0;
  end = 0;
  auto space = [&](size_t at) { return line[at] == ' ' || line[at] == '\t' || line[at] == '\r'; };
  while (i < line.size()) {
    if (space(i)) {
      ++i;
      continue;
    }
    if (line[i] == '#') break;
    Token t;
    const size_t word = i;
    while (i < line.size() && !space(i) && line[i] != '#' && line[i] != '"') ++i;
    std::string_view w = line.substr(word, i - word);
    if (i < line.size() && line[i] == '"') {
      if (!w.empty() && w.back() != '=') return "unexpected '\"' after '" + std::string(w) + "'";
      if (!w.empty()) t.key = std::string(w.substr(0, w.size() - 1));
      t.quoted = true;
      for (++i;; ++i) {
        if (i >= line.size()) return "unterminated string";
        const char c = line[i];
        if (c == '"') break;
        if (c != '\\') {
          t.value += c;
          continue;
        }
        if (++i >= line.size()) return "unterminated string";
        switch (line[i]) {
          case '"':
            t.value += '"';
            break;
          case '\\':
            t.value += '\\';
            break;
          case 'n':
            t.value += '\n';
            break;
          case 't':
            t.value += '\t';
            break;
          default:
            return "unknown escape '\\" + std::string(1, line[i]) + "' in a string";
        }
      }
      ++i;  // the closing quote
      if (i < line.size() && !space(i) && line[i] != '#')
        return "expected a space after the closing '\"'";
    } else if (const size_t eq = w.find('='); eq != std::string_view::npos) {
      t.key = std::string(w.substr(0, eq));
      t.value = std::string(w.substr(eq + 1));
    } else {
      t.value = std::string(w);
    }
    out.push_back(std::move(t));
    end = i;
  }
  return {};
}

bool parse_uint(std::string_view text, uint64_t min, uint64_t max, uint64_t& out) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < min || v > max) return false;
  out = v;
  return true;
}

// "500ms", "2s", "1.5s".
bool parse_duration(std::string_view text, std::chrono::milliseconds& out) {
  double scale = 0;
  if (text.ends_with("ms")) {
    scale = 1;
    text.remove_suffix(2);
  } else if (text.ends_with("s")) {
    scale = 1000;
    text.remove_suffix(1);
  } else {
    return false;
  }
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (char c : text)
    if ((c < '0' || c > '9') && c != '.') return false;
  // strtod, not from_chars: the web edition's libc++ (emscripten 3.1.6) has no floating-point
  // from_chars. The text is digits and one or more dots here, so the locale plays no part.
  const std::string digits(text);
  char* end = nullptr;
  const double v = std::strtod(digits.c_str(), &end);
  if (end != digits.c_str() + digits.size()) return false;
  // Compared as a double first: a huge number ("9e89s" has no dot, but 90 digits do) would not
  // fit the integer it is converted to (UBSan: outside the range of representable values).
  if (v * scale + 0.5 > double(std::chrono::milliseconds(kMaxDuration).count())) return false;
  const auto ms = std::chrono::milliseconds(int64_t(v * scale + 0.5));
  out = ms;
  return true;
}

std::string duration_text(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

// Parses one line's tokens into `step`; returns an error, or "".
class LineParser {
 public:
  LineParser(std::vector<Token> tokens, Step& step) : tokens_(std::move(tokens)), step_(step) {}

  // posted[s]: a post by session s came before (kNoSession: by either side).
  std::string parse(const bool (&posted)[3]) {
    const Token& first = tokens_.front();
    if (first.quoted || !first.key.empty())
      return "a line starts with a command, not '" + display(first) + "'";
    name_ = first.value;
    for (size_t i = 1; i < tokens_.size(); ++i) {
      Token& t = tokens_[i];
      if (!t.key.empty()) {
        if (options_.count(t.key)) return name_ + ": " + t.key + "= is given twice";
        options_[t.key] = t;
      } else if (!t.quoted && t.value.size() > 1 && t.value[0] == 'x' && t.value[1] >= '0' &&
                 t.value[1] <= '9') {
        repeat_ = t.value;
      } else {
        args_.push_back(t);
      }
    }
    if (name_ == "reset") return no_args(reset_lab());
    if (name_ == "model") return model();
    if (name_ == "alertable") return alertable();
    if (name_ == "pause") {
      step_.kind = StepKind::pause;
      return expect(0, {});
    }
    if (name_ == "wait") return wait();
    if (name_ == "await") return await(posted);
    if (name_ == "caption") return caption();
    if (name_ == "touch_buffer") return touch(posted[kNoSession]);
    const size_t dot = name_.find('.');
    if (dot != std::string::npos) {
      const std::string side = name_.substr(0, dot);
      const uint32_t session = side == "server"   ? kServerSession
                               : side == "client" ? kClientSession
                                                  : kNoSession;
      if (session != kNoSession) return side_command(session, name_.substr(dot + 1));
    }
    return "unknown command '" + name_ + "'";
  }

 private:
  static std::string display(const Token& t) {
    std::string s = t.key.empty() ? "" : t.key + "=";
    return s + (t.quoted ? "\"" + t.value + "\"" : t.value);
  }

  // At most `max_args` plain arguments, only the named options, no xN unless allowed.
  std::string expect(size_t max_args, std::initializer_list<const char*> allowed,
                     bool repeat_ok = false) {
    if (args_.size() > max_args)
      return name_ + ": unexpected argument '" + display(args_[max_args]) + "'";
    for (const auto& [key, token] : options_) {
      bool ok = false;
      for (const char* a : allowed) ok |= key == a;
      if (!ok) return name_ + ": unknown option '" + key + "='";
    }
    if (!repeat_.empty() && !repeat_ok) return name_ + ": unexpected argument '" + repeat_ + "'";
    return {};
  }

  std::string no_args(Command c) {
    step_.command = c;
    return expect(0, {});
  }

  std::string size_arg(const Token& t, const char* what, uint64_t& out) {
    if (t.quoted || !parse_uint(t.value, 1, kMaxSize, out))
      return name_ + ": bad " + what + " '" + display(t) + "' (a whole number of bytes from 1 to " +
             std::to_string(kMaxSize) + ")";
    return {};
  }

  // bufs=N, until=pending and xN, shared by recv and send.
  std::string bufs_and_repeat(uint32_t& bufs) {
    if (auto it = options_.find("until"); it != options_.end()) {
      if (it->second.quoted || it->second.value != "pending")
        return name_ + ": bad until='" + it->second.value + "' (only until=pending)";
      step_.until_pending = true;
      if (repeat_.empty()) repeat_ = "x" + std::to_string(kMaxRepeat);  // the tries' default
    }
    uint64_t v = 1;
    if (auto it = options_.find("bufs"); it != options_.end())
      if (it->second.quoted || !parse_uint(it->second.value, 1, kMaxWsabufs, v))
        return name_ + ": bad bufs='" + it->second.value + "' (WSABUFs: 1 to " +
               std::to_string(kMaxWsabufs) + ")";
    bufs = uint32_t(v);
    v = 1;
    if (!repeat_.empty() && !parse_uint(std::string_view(repeat_).substr(1), 1, kMaxRepeat, v))
      return name_ + ": bad repeat '" + repeat_ + "' (x1 to x" + std::to_string(kMaxRepeat) + ")";
    step_.repeat = int(v);
    return {};
  }

  std::string side_command(uint32_t session, const std::string& verb) {
    uint64_t size = 0;
    if (verb == "recv") {
      if (auto e = expect(1, {"bufs", "until"}, true); !e.empty()) return e;
      if (args_.empty()) return name_ + " needs a size in bytes";
      if (auto e = size_arg(args_[0], "size", size); !e.empty()) return e;
      uint32_t bufs = 1;
      if (auto e = bufs_and_repeat(bufs); !e.empty()) return e;
      step_.command = post_recv(session, uint32_t(size), bufs);
      return {};
    }
    if (verb == "send") return send(session);
    if (verb == "stop_reading") return no_args(set_reading(session, false));
    if (verb == "start_reading") {
      if (auto e = expect(1, {}); !e.empty()) return e;
      step_.command = set_reading(session, true);
      if (!args_.empty()) {
        if (auto e = size_arg(args_[0], "size", size); !e.empty()) return e;
        step_.command.size = uint32_t(size);
      }
      return {};
    }
    if (verb == "sndbuf" || verb == "rcvbuf") {
      if (auto e = expect(1, {}); !e.empty()) return e;
      if (args_.empty()) return name_ + " needs a size in bytes";
      if (auto e = size_arg(args_[0], "size", size); !e.empty()) return e;
      step_.command = set_buffer(session, verb == "sndbuf", int32_t(size));
      return {};
    }
    if (verb == "close") return no_args(close_session(session));
    if (verb == "shutdown") return no_args(shutdown_send(session));
    if (verb == "cancel") return no_args(cancel(session, 0));
    return "unknown command '" + name_ + "'";
  }

  // send "text" [SIZE] | send SIZE; [bufs=N] [xN]
  std::string send(uint32_t session) {
    if (auto e = expect(2, {"bufs", "until"}, true); !e.empty()) return e;
    if (args_.empty()) return name_ + " needs a \"text\" or a size in bytes";
    uint32_t bufs = 1;
    if (auto e = bufs_and_repeat(bufs); !e.empty()) return e;
    uint64_t size = 0;
    if (!args_[0].quoted) {
      if (args_.size() > 1) return name_ + ": unexpected argument '" + display(args_[1]) + "'";
      if (auto e = size_arg(args_[0], "size", size); !e.empty()) return e;
      step_.command = post_send_bytes(session, uint32_t(size), bufs);
      return {};
    }
    const std::string& text = args_[0].value;
    if (text.empty()) return name_ + ": the text is empty";
    if (text.size() > size_t(kCommandTextCapacity))
      return name_ + ": the text is longer than " + std::to_string(kCommandTextCapacity) + " bytes";
    size = text.size();
    if (args_.size() > 1) {
      if (auto e = size_arg(args_[1], "size", size); !e.empty()) return e;
      if (size < text.size())
        return name_ + ": size " + std::to_string(size) + " is smaller than the text (" +
               std::to_string(text.size()) + " bytes)";
    }
    step_.command = post_send(session, text.c_str(), uint32_t(size), bufs);
    return {};
  }

  // model NAME: the lab built again with the server in that I/O model (engine.hpp: LabModel).
  std::string model() {
    if (auto e = expect(1, {}); !e.empty()) return e;
    LabModel m;
    if (args_.empty() || args_[0].quoted || !lab_model_from_name(args_[0].value, m))
      return "model: " +
             (args_.empty() ? std::string("needs") : "'" + display(args_[0]) + "' is not") +
             " event, completion-routine, iocp or event-select";
    step_.command = set_model(static_cast<uint8_t>(m));
    return {};
  }

  // alertable [DURATION]: the server thread's SleepEx(DURATION, TRUE) (default 3s).
  std::string alertable() {
    if (auto e = expect(1, {}); !e.empty()) return e;
    std::chrono::milliseconds d{3000};
    if (!args_.empty() &&
        (args_[0].quoted || !parse_duration(args_[0].value, d) || d > std::chrono::minutes(1)))
      return "alertable: bad duration '" + display(args_[0]) +
             "' (write e.g. 500ms or 2s, at most 1 minute)";
    step_.command = alertable_wait(static_cast<int32_t>(d.count()));
    return {};
  }

  std::string wait() {
    step_.kind = StepKind::wait;
    if (auto e = expect(1, {}); !e.empty()) return e;
    if (args_.empty()) return "wait needs a duration such as 500ms or 2s";
    if (args_[0].quoted || !parse_duration(args_[0].value, step_.duration))
      return "wait: bad duration '" + display(args_[0]) +
             "' (write e.g. 500ms or 2s, at most 10 minutes)";
    return {};
  }

  // await STATE [server|client] [timeout=DURATION]
  std::string await(const bool (&posted)[3]) {
    step_.kind = StepKind::await;
    step_.duration = kDefaultAwait;
    step_.command.session = kNoSession;
    if (auto e = expect(2, {"timeout"}); !e.empty()) return e;
    if (args_.empty()) return "await needs pending, signaled, queued, completed or delivered";
    const std::string& s = args_[0].value;
    if (s == "pending")
      step_.await_state = AwaitState::pending;
    else if (s == "queued")
      step_.await_state = AwaitState::queued;
    else if (s == "signaled")
      step_.await_state = AwaitState::signaled;
    else if (s == "completed")
      step_.await_state = AwaitState::completed;
    else if (s == "delivered")
      step_.await_state = AwaitState::delivered;
    else
      return "await: '" + display(args_[0]) +
             "' is not pending, signaled, queued, completed or delivered";
    if (auto it = options_.find("timeout"); it != options_.end())
      if (it->second.quoted || !parse_duration(it->second.value, step_.duration) ||
          step_.duration.count() == 0)
        return "await: bad timeout '" + it->second.value +
               "' (write e.g. 500ms or 2s, at most 10 minutes)";
    if (args_.size() > 1) {
      const Token& side = args_[1];
      if (!side.quoted && side.value == "server")
        step_.command.session = kServerSession;
      else if (!side.quoted && side.value == "client")
        step_.command.session = kClientSession;
      else
        return "await: '" + display(side) + "' is not server or client";
    }
    if (!posted[step_.command.session])
      return "await: no recv or send is posted" +
             (step_.command.session ? " by the " + args_[1].value : std::string()) +
             " before this line";
    return {};
  }

  std::string caption() {
    step_.kind = StepKind::caption;
    if (auto e = expect(1, {"ko"}); !e.empty()) return e;
    if (args_.empty()) return "caption needs a \"text\"";
    if (!args_[0].quoted) return "caption: the text goes in double quotes";
    step_.text = args_[0].value;
    if (auto it = options_.find("ko"); it != options_.end()) {
      if (!it->second.quoted) return "caption: ko= text goes in double quotes";
      step_.ko = it->second.value;
    }
    return {};
  }

  std::string touch(bool posted_before) {
    step_.kind = StepKind::touch;
    if (auto e = expect(1, {}); !e.empty()) return e;
    if (args_.empty() || !args_[0].quoted || args_[0].value.empty())
      return "touch_buffer needs the \"text\" to write into the pending buffer";
    if (args_[0].value.size() > size_t(kCommandTextCapacity))
      return "touch_buffer: the text is longer than " + std::to_string(kCommandTextCapacity) +
             " bytes";
    step_.text = args_[0].value;
    if (!posted_before) return "touch_buffer: no recv or send is posted before this line";
    return {};
  }

  std::vector<Token> tokens_;
  Step& step_;
  std::string name_;
  std::vector<Token> args_;
  std::map<std::string, Token> options_;
  std::string repeat_;
};

bool posts(const Step& s) {
  return s.kind == StepKind::command &&
         (s.command.kind == CommandKind::post_recv || s.command.kind == CommandKind::post_send);
}

}  // namespace

const char* await_state_name(AwaitState state) {
  switch (state) {
    case AwaitState::pending:
      return "pending";
    case AwaitState::signaled:
      return "signaled";
    case AwaitState::queued:
      return "queued";
    case AwaitState::completed:
      return "completed";
    case AwaitState::delivered:
      return "delivered";
  }
  return "?";
}

const char* run_state_name(RunState state) {
  switch (state) {
    case RunState::ready:
      return "ready";
    case RunState::running:
      return "running";
    case RunState::waiting:
      return "waiting";
    case RunState::awaiting:
      return "awaiting";
    case RunState::paused:
      return "paused";
    case RunState::finished:
      return "finished";
    case RunState::failed:
      return "failed";
  }
  return "?";
}

ParsedScript parse_script(std::string_view text, std::string_view filename) {
  ParsedScript out;
  out.script.filename = std::string(filename);
  bool posted[3] = {};
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;

    std::vector<Token> tokens;
    size_t end = 0;
    std::string error = tokenize(line, tokens, end);
    Step step;
    if (error.empty() && tokens.empty()) continue;  // blank or comment
    if (error.empty()) error = LineParser(std::move(tokens), step).parse(posted);
    if (!error.empty()) {
      out.errors.push_back(std::string(filename) + ":" + std::to_string(line_no) + ": " + error);
      continue;
    }
    step.line = line_no;
    size_t begin = line.find_first_not_of(" \t");
    step.source = std::string(line.substr(begin, end - begin));
    if (posts(step)) posted[kNoSession] = posted[step.command.session] = true;
    out.script.steps.push_back(std::move(step));
  }
  // An empty lesson (a wrong file, /dev/null) would run nothing and look like a success.
  if (out.errors.empty() && out.script.steps.empty())
    out.errors.push_back(std::string(filename) + ": the lesson has no steps");
  if (!out.errors.empty()) out.script.steps.clear();  // a malformed script runs nothing
  return out;
}

ParsedScript load_script(const std::string& path) {
  auto refuse = [&](const std::string& why) {
    ParsedScript out;
    out.script.filename = path;
    out.errors.push_back(path + ": " + why);
    return out;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return refuse("is a directory, not a lesson file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return refuse("cannot read the file");
  // Read at most one byte past the limit: a device like /dev/zero must not fill memory.
  std::string text(kMaxLessonBytes + 1, '\0');
  in.read(text.data(), std::streamsize(text.size()));
  if (in.bad()) return refuse("cannot read the file");
  text.resize(size_t(in.gcount()));
  if (text.size() > kMaxLessonBytes)
    return refuse("larger than " + std::to_string(kMaxLessonBytes / 1024) +
                  " KiB: a lesson is a short text file (docs/lessons.md)");
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    return refuse("not a text file (a NUL byte at offset " + std::to_string(nul) +
                  "): a lesson is a short text file (docs/lessons.md)");
  return parse_script(text, path);
}

// ---- the runner ------------------------------------------------------------------------------

void ScriptRunner::start(Driver& driver) {
  driver_ = &driver;
  state_ = script_.steps.empty() ? RunState::finished : RunState::running;
  paused_ = stepping_ = in_step_ = false;
  pc_ = 0;
  error_.clear();
  caption_ = size_t(-1);
  for (uint32_t& op : last_op_) op = 0;
}

void ScriptRunner::play() {
  paused_ = stepping_ = false;
  if (state_ == RunState::paused) state_ = RunState::running;
}

void ScriptRunner::pause() {
  paused_ = true;
}

void ScriptRunner::step() {
  if (!paused_) return;
  paused_ = false;
  stepping_ = true;
  if (state_ == RunState::paused) state_ = RunState::running;
}

void ScriptRunner::set_speed(double speed) {
  if (speed > 0) speed_ = std::clamp(speed, 0.01, 100.0);
}

void ScriptRunner::fail(const Step& s, const std::string& what) {
  error_ = script_.filename + ":" + std::to_string(s.line) + ": " + what;
  state_ = RunState::failed;
  in_step_ = false;
}

// await delivered: the driver counts each connection's stream as it keeps transitions (the
// send's end against what the peer's receives have taken), so no step rescans the run.
ScriptRunner::Check ScriptRunner::check_delivered(const Step& s) {
  const uint32_t op = last_op_[s.command.session];
  switch (driver_->delivery(op)) {
    case Driver::Delivery::unknown:
    case Driver::Delivery::on_the_way:
      return Check::not_yet;
    case Driver::Delivery::not_a_send:
      fail(s, "await delivered: op " + std::to_string(op) + " is not a send");
      return Check::failed;
    case Driver::Delivery::delivered:
      break;
  }
  return Check::done;
}

// Looks at the op's own transitions (kept by the driver per op), so an await costs the same
// however long the lesson has run.
ScriptRunner::Check ScriptRunner::check_await(const Step& s) {
  if (s.await_state == AwaitState::delivered) return check_delivered(s);
  const char* want = await_state_name(s.await_state);
  const uint32_t op = last_op_[s.command.session];
  const std::vector<Transition>* seen = driver_->find_op(op);
  if (!seen) return Check::not_yet;
  for (const Transition& t : *seen) {
    const bool hit = s.await_state == AwaitState::pending    ? t.kind == Kind::pending
                     : s.await_state == AwaitState::signaled ? t.kind == Kind::signaled
                     : s.await_state == AwaitState::queued   ? t.kind == Kind::completion_queued
                                                             : ends_op(t.kind);
    if (hit) return Check::done;
    if (ends_op(t.kind)) {
      fail(s, std::string("await ") + want + ": op " + std::to_string(op) + " ended with " +
                  kind_name(t.kind) + ", it was never " + want);
      return Check::failed;
    }
  }
  return Check::not_yet;
}

// The last op that went pending and has not ended: the one whose buffer the kernel still owns.
bool ScriptRunner::do_touch(const Step& s) {
  const uint32_t pending = driver_->last_pending_op();
  if (!pending) {
    fail(s, "touch_buffer: no operation is pending (post one, then `await pending`)");
    return false;
  }
  driver_->engine().submit(touch_buffer(pending, s.text.c_str()));
  return true;
}

void ScriptRunner::post(const Step& s) {
  if (const uint32_t op = driver_->engine().submit(s.command))
    last_op_[kNoSession] = last_op_[s.command.session] = op;
}

// until=pending: true once the last post went pending; false while waiting for its answer
// (state awaiting) or after failing. Each post gets the await's default timeout to answer. Its
// answer is looked up in the op's own transitions, not in the run's.
bool ScriptRunner::post_until_pending(const Step& s, Clock::time_point now) {
  for (;;) {
    if (tries_ == 0 || post_next_) {
      post(s);
      ++tries_;
      post_next_ = false;
      wake_at_ = now + kDefaultAwait;
    }
    const uint32_t op = last_op_[s.command.session];
    const Transition* end = nullptr;
    if (const std::vector<Transition>* own = driver_->find_op(op))
      for (const Transition& t : *own) {
        if (t.kind == Kind::pending) return true;
        if (ends_op(t.kind)) {
          end = &t;
          break;
        }
      }
    if (!end) {
      if (now < wake_at_) {
        state_ = RunState::awaiting;
        return false;
      }
      fail(s, "until=pending: op " + std::to_string(op) + " gave no answer after " +
                  duration_text(kDefaultAwait));
      return false;
    }
    if (end->kind == Kind::failed || end->kind == Kind::peer_closed) {
      fail(s, "until=pending: op " + std::to_string(op) + " ended with " + kind_name(end->kind));
      return false;
    }
    if (tries_ >= s.repeat) {
      fail(s, "until=pending: none of " + std::to_string(s.repeat) + " posts went pending");
      return false;
    }
    post_next_ = true;  // completed at once: post the next one
  }
}

RunState ScriptRunner::advance(Clock::time_point now) {
  if (!driver_ || state_ == RunState::ready || state_ == RunState::finished ||
      state_ == RunState::failed)
    return state_;
  driver_->pump();
  for (;;) {
    if (pc_ >= script_.steps.size()) return state_ = RunState::finished;
    if (paused_ && !in_step_) return state_ = RunState::paused;
    const Step& s = script_.steps[pc_];
    if (!in_step_) {
      in_step_ = true;
      started_ = now;
      tries_ = 0;
      post_next_ = false;
    }
    switch (s.kind) {
      case StepKind::command:
        if (s.until_pending) {
          if (!post_until_pending(s, now)) return state_;
          break;
        }
        for (int i = 0; i < s.repeat; ++i) post(s);
        break;
      case StepKind::touch:
        if (!do_touch(s)) return state_;
        break;
      case StepKind::caption:
        caption_ = pc_;
        break;
      case StepKind::pause:
        paused_ = true;
        break;
      case StepKind::wait:
        wake_at_ = started_ + std::chrono::duration_cast<Clock::duration>(s.duration / speed_);
        if (!stepping_ && now < wake_at_) return state_ = RunState::waiting;
        break;
      case StepKind::await: {
        wake_at_ = started_ + s.duration;
        const Check c = check_await(s);
        if (c == Check::failed) return state_;
        if (c == Check::not_yet) {
          if (now < wake_at_) return state_ = RunState::awaiting;
          const char* want = await_state_name(s.await_state);
          fail(s, std::string("await ") + want + ": op " +
                      std::to_string(last_op_[s.command.session]) + " was not " + want + " after " +
                      duration_text(s.duration));
          return state_;
        }
        break;
      }
    }
    in_step_ = false;
    ++pc_;
    state_ = RunState::running;
    if (on_step) on_step(s);
    if (stepping_) {
      stepping_ = false;
      paused_ = true;
    }
  }
}

RunState run_to_end(ScriptRunner& runner, const std::function<void()>& on_pause) {
  using Clock = ScriptRunner::Clock;
  for (;;) {
    const Clock::time_point now = Clock::now();
    const RunState state = runner.advance(now);
    switch (state) {
      case RunState::ready:
      case RunState::finished:
      case RunState::failed:
        return state;
      case RunState::paused:
        if (on_pause) on_pause();
        runner.play();
        break;
      case RunState::waiting:
      case RunState::awaiting: {
        // Sleeps on the engine: new transitions are printed during a wait, too.
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(runner.wake_at() - now);
        runner.driver()->engine().wait_for_transitions(left + std::chrono::milliseconds(1));
        break;
      }
      case RunState::running:
        break;
    }
  }
}

}  // namespace netcore
