// iolab-cli: the netcore engine in a terminal. It prints every transition, runs the built-in
// demos, and plays the lecture's server or client against any real peer.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "many_cmd.hpp"
#include "models_cmd.hpp"
#include "netcore/driver.hpp"
#include "netcore/engine.hpp"
#include "netcore/format.hpp"
#include "netcore/many_clients.hpp"
#include "netcore/reset_demo.hpp"
#include "netcore/scenarios.hpp"
#include "netcore/windows_models.hpp"
#include "run.hpp"
#include "watch_cmd.hpp"

namespace {

using namespace netcore;

constexpr int kUsageError = 2;

const char* const kUsage = R"(usage: iolab-cli COMMAND [options]

Real overlapped socket I/O (WSARecv/WSASend + event + WSAWaitForMultipleEvents +
WSAGetOverlappedResult), one transition per line.

commands:
  demo NAME [--format text|jsonl] [--port P]    run a built-in scenario on loopback
            [--count N]                          (lecture: N messages, 1 to 1000000)
  demo --list                                    list the scenarios
  demo models [--delay MS] [--format F]          the four I/O models side by side
                                                 (iolab-cli demo models --help)
  demo many-clients --clients N [--model event|iocp] [--messages M] [--format F]
                                                 N lab clients (1 to 500) send M messages each
                                                 (default 10); prints threads, wake-ups, p50/p99
                                                 arrival->fetch latency, ops/s (event: a waiting
                                                 thread per 63 sessions; iocp: one port, two
                                                 workers; default event)
  serve [--port P] [--host H] [--format F]       the lecture's server: accept one peer, keep a
                                                 WSARecv posted, exit 0 when the peer closes
  serve --clients N [--model event|iocp] [--port P] [--host H] [--format F]
                                                 serve N outside clients at once (1 to 500),
                                                 one WSARecv posted per session; exit 0 when
                                                 all N have closed
  connect HOST:PORT [--send TEXT] [--size N] [--count N] [--interval MS] [--format F]
                                                 the lecture's client: WSASend TEXT N times
                                                 (--size pads it with zeros, as the lecture's
                                                 100-byte buffer; default: the text's length)
  watch [--port P] [--host H] [--format F] [--once]
                                                 print the transitions (and the lecture's
                                                 pitfalls) of every program built with
                                                 probe/iolab_probe.h (docs/probe.md); listens
                                                 on 127.0.0.1:7001 by default; --once: exit 0
                                                 when the last program disconnects
  run FILE [--format text|jsonl] [--speed X] [--captions OUT]
                                                 play a scripted lesson (docs/lessons.md), e.g.
                                                 assets/scenarios/recv-pending.lesson; --speed
                                                 scales its `wait`s; exit 2 if it is malformed;
                                                 --captions writes its captions to OUT as JSON
                                                 lines {"after":N,"text":..,"ko":..}, N being
                                                 the transitions printed before each
options:
  --format text   lines like the lecture's console (default)
  --format jsonl  one JSON object per transition
  -h, --help      this help
)";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "iolab-cli: %s (see iolab-cli --help)\n", message.c_str());
  return kUsageError;
}

struct Options {
  std::string format = "text";
  std::string host = "127.0.0.1";
  std::string send = "Hello World";
  long port = -1;
  long count = -1;
  long size = 0;
  long interval_ms = 0;
  long clients = -1;
  long messages = -1;
  std::string model;
  double speed = 1.0;
  std::string captions;  // run --captions FILE
  bool list = false;
  bool help = false;
  bool once = false;
  std::vector<std::string> positional;
  std::vector<std::string> given;  // the options on the command line, as written
};

// The options each command reads. Any other is refused by name: an option silently ignored
// (serve --count 5) looks as if it had worked.
struct CommandOptions {
  const char* command;
  size_t max_positional;  // including the command itself
  std::vector<std::string_view> options;
};
const CommandOptions kCommands[] = {
    {"demo",
     2,
     {"--format", "--count", "--host", "--port", "--list", "--clients", "--model", "--messages"}},
    {"serve", 1, {"--port", "--host", "--format", "--clients", "--model"}},
    {"connect", 2, {"--send", "--size", "--count", "--interval", "--format"}},
    {"run", 2, {"--format", "--speed", "--captions"}},
    {"watch", 1, {"--port", "--host", "--format", "--once"}},
};

// Empty, or the one line that says which option or argument the command does not take.
std::string check_applies(const Options& o) {
  for (const CommandOptions& c : kCommands) {
    if (o.positional[0] != c.command) continue;
    if (o.positional.size() > c.max_positional)
      return std::string(c.command) + ": unexpected argument '" + o.positional[c.max_positional] +
             "'";
    for (const std::string& given : o.given) {
      if (std::find(c.options.begin(), c.options.end(), given) != c.options.end()) continue;
      std::string takes;
      for (std::string_view option : c.options)
        takes += (takes.empty() ? "" : ", ") + std::string(option);
      return std::string(c.command) + " does not take " + given + " (it takes " + takes + ")";
    }
  }
  return {};
}

bool parse_number(std::string_view text, long min, long max, long& out) {
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    return false;
  out = value;
  return true;
}

// Returns an empty string, or the one line that says what is wrong.
std::string parse(int argc, char** argv, int first, Options& o) {
  for (int i = first; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto need = [&](std::string& out) -> std::string {
      if (i + 1 >= argc) return std::string(arg) + " needs a value";
      out = argv[++i];
      return {};
    };
    auto number = [&](long min, long max, long& out) -> std::string {
      std::string text;
      if (auto e = need(text); !e.empty()) return e;
      if (!parse_number(text, min, max, out))
        return std::string(arg) + " takes a whole number from " + std::to_string(min) + " to " +
               std::to_string(max) + ", not '" + text + "'";
      return {};
    };
    std::string e;
    if (arg.size() > 1 && arg[0] == '-' && arg != "-h" && arg != "--help")
      o.given.emplace_back(arg);
    if (arg == "-h" || arg == "--help")
      o.help = true;
    else if (arg == "--list")
      o.list = true;
    else if (arg == "--once")
      o.once = true;
    else if (arg == "--format") {
      e = need(o.format);
      if (e.empty() && o.format != "text" && o.format != "jsonl")
        e = "--format is text or jsonl, not '" + o.format + "'";
    } else if (arg == "--host")
      e = need(o.host);
    else if (arg == "--send") {
      e = need(o.send);
      if (e.empty() && o.send.size() > size_t(kCommandTextCapacity))
        e = "--send takes at most " + std::to_string(kCommandTextCapacity) +
            " bytes of text, not " + std::to_string(o.send.size()) +
            " (--size N pads it with zeros to N bytes)";
    } else if (arg == "--port")
      e = number(0, 65535, o.port);
    else if (arg == "--count")
      e = number(1, 1000000, o.count);
    else if (arg == "--size")
      e = number(1, 64 * 1024 * 1024, o.size);
    else if (arg == "--interval")
      e = number(0, 3600000, o.interval_ms);
    else if (arg == "--clients")
      e = number(1, kMaxManyClients, o.clients);
    else if (arg == "--messages")
      e = number(1, 100000, o.messages);
    else if (arg == "--model") {
      ManyModel m;
      e = need(o.model);
      if (e.empty() && !many_model_from_name(o.model, m))
        e = "--model is event or iocp, not '" + o.model + "'";
    } else if (arg == "--captions")
      e = need(o.captions);
    else if (arg == "--speed") {
      std::string text;
      e = need(text);
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), o.speed);
      if (e.empty() && (ec != std::errc() || end != text.data() + text.size() ||
                        !(o.speed >= 0.01 && o.speed <= 100)))
        e = "--speed takes a number from 0.01 to 100, not '" + text + "'";
    } else if (arg.size() > 1 && arg[0] == '-')
      e = "unknown option '" + std::string(arg) + "'";
    else
      o.positional.emplace_back(arg);
    if (!e.empty()) return e;
  }
  return {};
}

// Prints each transition as it is drained.
struct Printer {
  bool jsonl;
  Backend backend;
  uint64_t t0 = 0;

  void operator()(const Transition& t) {
    if (!t0) t0 = t.t_ns;
    const std::string line = jsonl ? format_jsonl(t, backend) : format_text(t, backend, t0);
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }
};

// `demo many-clients`: one server, N real clients (netcore/many_clients.hpp).
constexpr const char* kManyClients = "many-clients";
constexpr const char* kManyClientsSummary =
    "N clients at once (--clients N --model event|iocp): waiting threads of 63 events each, "
    "or one completion port with two workers";

ManyModel chosen_model(const Options& o) {
  ManyModel m = ManyModel::event;
  many_model_from_name(o.model, m);  // checked by parse()
  return m;
}

// `demo no-reset`: not on the engine (whose loop always resets after a fetch), on the backend's
// own calls: netcore/reset_demo.hpp.
constexpr const char* kNoReset = "no-reset";
constexpr const char* kNoResetSummary =
    "2 WSARecv events in one wait; the first is fetched and its manual-reset event left "
    "signaled: every wait returns it at once (spins) until WSAResetEvent";

int no_reset_demo(const Options& o) {
  const ResetDemo r = run_reset_demo();
  const Backend backend = r.backend;
  const bool jsonl = o.format == "jsonl";
  const uint64_t t0 = r.transitions.empty() ? 0 : r.transitions.front().t_ns;
  for (const Transition& t : r.transitions)
    std::printf("%s\n",
                jsonl ? format_jsonl(t, backend).c_str() : format_text(t, backend, t0).c_str());
  if (!r.error.empty()) {
    std::fprintf(stderr, "iolab-cli demo %s: %s\n", kNoReset, r.error.c_str());
    return 1;
  }
  if (!jsonl)
    std::printf(
        "# %d of %d waits returned the fetched op's event at once (nobody reset it);\n"
        "# after WSAResetEvent the wait %s\n",
        r.returned_at_once, r.waits,
        r.slept_after_reset ? "slept until its timeout" : "did NOT sleep");
  return 0;
}

// `demo event-select`, `completion-routine`, `iocp`: the course's other I/O models, each on its
// own calls (netcore/windows_models.hpp), not on the engine.
int windows_model_demo(const Options& o, WindowsModel m) {
  const WindowsModelRun r = run_windows_model(m);
  const bool jsonl = o.format == "jsonl";
  if (!jsonl)
    std::printf("# demo %s on %s: %s\n", windows_model_demo(m), backend_name(r.backend),
                windows_model_summary(m));
  const uint64_t t0 = r.transitions.empty() ? 0 : r.transitions.front().t_ns;
  for (const Transition& t : r.transitions)
    std::printf("%s\n",
                jsonl ? format_jsonl(t, r.backend).c_str() : format_text(t, r.backend, t0).c_str());
  if (!r.error.empty()) {
    std::fprintf(stderr, "iolab-cli demo %s: %s\n", windows_model_demo(m), r.error.c_str());
    return 1;
  }
  return 0;
}

int demo(const Options& o) {
  if (o.list || o.positional.size() < 2) {
    if (!o.list) std::fprintf(stderr, "iolab-cli demo: which scenario? one of:\n");
    for (const ScenarioInfo& s : scenarios())
      std::fprintf(o.list ? stdout : stderr, "  %-20s %s\n", s.name, s.summary);
    std::fprintf(o.list ? stdout : stderr, "  %-20s %s\n", kNoReset, kNoResetSummary);
    for (WindowsModel m : kWindowsModels)
      std::fprintf(o.list ? stdout : stderr, "  %-20s %s\n", windows_model_demo(m),
                   windows_model_summary(m));
    std::fprintf(o.list ? stdout : stderr, "  %-20s %s\n", kManyClients, kManyClientsSummary);
    return o.list ? 0 : kUsageError;
  }
  const std::string& name = o.positional[1];
  const bool many_options = o.clients > 0 || o.messages > 0 || !o.model.empty();
  if (name == kManyClients) {
    if (o.count > 0 || o.port >= 0)
      return usage_error("demo many-clients takes --clients, --model, --messages, --format");
    if (o.clients < 0) return usage_error("demo many-clients needs --clients N (1 to 500)");
    return iolab::run_many_demo(chosen_model(o), int(o.clients),
                                int(o.messages > 0 ? o.messages : 10), o.format == "jsonl");
  }
  if (many_options)
    return usage_error("demo " + name +
                       " does not take --clients, --model or --messages (demo many-clients does)");
  if (name == kNoReset) return no_reset_demo(o);
  if (WindowsModel m; windows_model_from_demo(name, m)) return windows_model_demo(o, m);
  if (!scenario_exists(name))
    return usage_error("unknown scenario '" + name + "' (iolab-cli demo --list shows them)");
  if (o.count > 0 && name != "lecture")
    return usage_error("demo " + name + " does not take --count (demo lecture does)");

  EngineOptions eo;
  eo.host = o.host;
  eo.port = uint16_t(o.port < 0 ? 0 : o.port);
  Engine engine(eo);
  std::string error;
  if (!engine.start(error)) {
    std::fprintf(stderr, "iolab-cli: %s\n", error.c_str());
    return kUsageError;
  }
  const bool jsonl = o.format == "jsonl";
  if (!jsonl)
    std::printf("# demo %s on %s, 127.0.0.1:%u\n", name.c_str(), backend_name(engine.backend()),
                engine.port());
  Driver driver(engine, Printer{jsonl, engine.backend()});
  ScenarioOptions so;
  if (o.count > 0) so.count = int(o.count);
  error = run_scenario(name, driver, so);
  engine.stop();
  driver.pump();  // what the shutdown itself reported
  if (!error.empty()) {
    std::fprintf(stderr, "iolab-cli demo %s: %s\n", name.c_str(), error.c_str());
    return 1;
  }
  return 0;
}

int serve(const Options& o) {
  if (o.clients > 0)
    return iolab::run_many_serve(o.host, uint16_t(o.port < 0 ? 9000 : o.port), chosen_model(o),
                                 int(o.clients), o.format == "jsonl");
  if (!o.model.empty()) return usage_error("serve --model needs --clients N");
  EngineOptions eo;
  eo.mode = LabMode::serve;
  eo.host = o.host;
  eo.port = uint16_t(o.port < 0 ? 9000 : o.port);
  Engine engine(eo);
  std::string error;
  if (!engine.start(error)) {
    std::fprintf(stderr, "iolab-cli serve: %s\n", error.c_str());
    return kUsageError;
  }
  const bool jsonl = o.format == "jsonl";
  if (!jsonl)
    std::printf("# serving on %s:%u (%s); waiting for one client\n", o.host.c_str(), engine.port(),
                backend_name(engine.backend()));
  std::fflush(stdout);
  Driver driver(engine, Printer{jsonl, engine.backend()});
  engine.submit(set_reading(kServerSession, true));
  // Runs until the peer closes (exit 0) or the connection fails (exit 1).
  std::optional<Transition> end;
  while (!end)
    end = driver.await(
        [](const Transition& t) {
          return t.session == kServerSession && t.op_api == Api::WSARecv &&
                 (t.kind == Kind::peer_closed || t.kind == Kind::failed);
        },
        std::chrono::hours(24));
  engine.stop();
  driver.pump();
  return end->kind == Kind::peer_closed ? 0 : 1;
}

int connect(const Options& o) {
  if (o.positional.size() < 2) return usage_error("connect needs HOST:PORT");
  const std::string& target = o.positional[1];
  const size_t colon = target.rfind(':');
  long port = 0;
  if (colon == std::string::npos ||
      !parse_number(std::string_view(target).substr(colon + 1), 1, 65535, port))
    return usage_error("connect takes HOST:PORT, e.g. 127.0.0.1:9000, not '" + target + "'");
  if (o.size && o.size < long(o.send.size()))
    return usage_error("--size " + std::to_string(o.size) + " is shorter than the --send text (" +
                       std::to_string(o.send.size()) + " bytes); --size only pads it");
  EngineOptions eo;
  eo.mode = LabMode::connect;
  eo.host = target.substr(0, colon);
  eo.port = uint16_t(port);
  Engine engine(eo);
  std::string error;
  if (!engine.start(error)) {
    std::fprintf(stderr, "iolab-cli connect: %s\n", error.c_str());
    return 1;
  }
  const bool jsonl = o.format == "jsonl";
  Driver driver(engine, Printer{jsonl, engine.backend()});
  const long count = o.count > 0 ? o.count : 1;
  const uint32_t size = uint32_t(std::max<long>(o.size, long(o.send.size())));
  int status = 0;
  for (long i = 0; i < count && status == 0; ++i) {
    if (i && o.interval_ms)
      std::this_thread::sleep_for(std::chrono::milliseconds(o.interval_ms));  // pacing only
    const uint32_t op = engine.submit(post_send(kClientSession, o.send.c_str(), size));
    const auto end = driver.await_end(op, std::chrono::seconds(30));
    if (!end || (end->kind != Kind::result_fetched && end->kind != Kind::completed_immediately))
      status = 1;
  }
  engine.submit(close_session(kClientSession));
  driver.await([](const Transition& t) { return t.kind == Kind::closed; });
  engine.stop();
  driver.pump();
  if (status) std::fprintf(stderr, "iolab-cli connect: a WSASend did not complete\n");
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  // Its own options (--delay, --all): parsed by the models command itself.
  if (argc >= 3 && std::strcmp(argv[1], "demo") == 0 && std::strcmp(argv[2], "models") == 0)
    return iolab::run_models_demo(argc - 3, argv + 3);
  Options o;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kUsageError;
  }
  if (std::string e = parse(argc, argv, 1, o); !e.empty()) return usage_error(e);
  if (o.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (o.positional.empty()) return usage_error("which command? demo, serve, connect, watch or run");
  if (std::string e = check_applies(o); !e.empty()) return usage_error(e);
  const std::string& command = o.positional[0];
  if (command == "demo") return demo(o);
  if (command == "serve") return serve(o);
  if (command == "connect") return connect(o);
  if (command == "watch") {
    if (o.positional.size() != 1) return usage_error("watch takes no FILE or HOST, only options");
    iolab::WatchOptions w;
    w.host = o.host;
    if (o.port >= 0) w.port = int(o.port);
    w.jsonl = o.format == "jsonl";
    w.once = o.once;
    return iolab::run_watch(w);
  }
  if (command == "run") {
    if (o.positional.size() != 2) return usage_error("run takes one lesson FILE");
    return run_lesson(o.positional[1], o.format == "jsonl", o.speed, o.captions);
  }
  return usage_error("unknown command '" + command + "'");
}
