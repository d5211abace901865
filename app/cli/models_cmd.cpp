// `iolab-cli demo models`: the four I/O models of LECTURE.md §1 receive the same 100 bytes at the
// same time, each on its own thread and socket pair; their transitions are printed on one time
// axis, then a table compares what waiting cost each of them.
#include "models_cmd.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "netcore/format.hpp"
#include "netcore/models.hpp"
#include "netcore/windows_models.hpp"

namespace iolab {
namespace {

using namespace netcore;

constexpr int kUsageError = 2;

const char* const kUsage =
    R"(usage: iolab-cli demo models [--format text|jsonl] [--delay MS] [--peer send|close|reset] [--all]

The same exchange in the four I/O models, on four threads with four real loopback TCP pairs:
the receiver wants 100 bytes, the peer sends them MS milliseconds after a shared start.
  blocking_sync      recv on a blocking socket
  nonblocking_sync   ioctlsocket(FIONBIO), recv until it stops failing with WSAEWOULDBLOCK
  blocking_async     select, then a recv that completes at once
  nonblocking_async  WSARecv + WSAOVERLAPPED.hEvent; other work meanwhile; WSAGetOverlappedResult
options:
  --format text|jsonl  text (default): aligned lines; jsonl: one JSON object per transition,
                       with a "model" field, then one {"type":"summary"} object per model
  --delay MS           the peer's delay, 0 to 60000 (default 1500)
  --peer ACTION        what the peer does then: send (default) the 100 bytes; close
                       (shutdown without sending: the receive ends with 0 bytes); reset (an RST:
                       the receive fails with WSAECONNRESET / ECONNRESET)
  --all                text: print every would_block line (by default a run of them is one line)
  --windows-models     the five Windows models instead, side by side: select, WSAEventSelect,
                       overlapped + event, overlapped + completion routine, IOCP (the client
                       sends "Hello World" in 100 bytes MS milliseconds after each is ready)
)";

struct Options {
  bool jsonl = false;
  bool all = false;
  bool help = false;
  bool windows_models = false;
  long delay_ms = 1500;
  PeerAction peer = PeerAction::send;
};

std::string parse(int argc, char** argv, Options& o) {
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "--all") {
      o.all = true;
    } else if (arg == "--windows-models") {
      o.windows_models = true;
    } else if (arg == "--format") {
      if (!has_value) return "--format needs a value";
      const std::string_view value = argv[++i];
      if (value != "text" && value != "jsonl")
        return "--format is text or jsonl, not '" + std::string(value) + "'";
      o.jsonl = value == "jsonl";
    } else if (arg == "--peer") {
      if (!has_value) return "--peer needs a value";
      const std::string_view value = argv[++i];
      if (value == "send")
        o.peer = PeerAction::send;
      else if (value == "close")
        o.peer = PeerAction::close;
      else if (value == "reset")
        o.peer = PeerAction::reset;
      else
        return "--peer is send, close or reset, not '" + std::string(value) + "'";
    } else if (arg == "--delay") {
      if (!has_value) return "--delay needs a value";
      const std::string_view value = argv[++i];
      long ms = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
      if (ec != std::errc() || end != value.data() + value.size() || ms < 0 || ms > 60000)
        return "--delay takes milliseconds from 0 to 60000, not '" + std::string(value) + "'";
      o.delay_ms = ms;
    } else {
      return "unknown argument '" + std::string(arg) + "'";
    }
  }
  return {};
}

struct Line {
  Model model;
  Transition t;
};

// Every transition of the four runs, in time order (seq breaks ties within a run).
std::vector<Line> merged(const std::vector<ModelRun>& runs) {
  std::vector<Line> lines;
  for (const ModelRun& run : runs)
    for (const Transition& t : run.transitions) lines.push_back({run.model, t});
  std::stable_sort(lines.begin(), lines.end(),
                   [](const Line& a, const Line& b) { return a.t.t_ns < b.t.t_ns; });
  return lines;
}

std::string with_model(const std::string& json, Model m) {
  return "{\"model\":\"" + std::string(model_name(m)) + "\"," + json.substr(1);
}

void print_jsonl(const std::vector<ModelRun>& runs, Backend backend) {
  for (const Line& line : merged(runs))
    std::printf("%s\n", with_model(format_jsonl(line.t, backend), line.model).c_str());
  for (const ModelRun& run : runs) {
    std::string error;
    for (char c : run.error)
      error += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    std::printf(
        "{\"type\":\"summary\",\"model\":\"%s\",\"wait_ns\":%llu,\"attempts\":%u,\"cpu_ns\":%llu,"
        "\"work_units\":%u,\"bytes\":%u,\"error\":\"%s\"}\n",
        model_name(run.model), static_cast<unsigned long long>(run.summary.wait_ns),
        run.summary.attempts, static_cast<unsigned long long>(run.summary.cpu_ns),
        run.summary.work_units, run.summary.bytes, error.c_str());
  }
}

// What the shared formatter leaves implicit for these models' kinds, said in a few words.
std::string note(const Transition& t) {
  char text[96] = "";
  switch (t.kind) {
    case Kind::blocked:
      std::snprintf(text, sizeof text, "the thread sleeps in %s", api_name(t.api));
      break;
    case Kind::unblocked:
      std::snprintf(text, sizeof text, "woke up: %s returned %d", api_name(t.api), t.result);
      break;
    case Kind::ready:
      std::snprintf(text, sizeof text, "%s returned %d: readable", api_name(t.api), t.result);
      break;
    case Kind::option_set:
      if (t.api == Api::ioctlsocket) std::snprintf(text, sizeof text, "FIONBIO = 1");
      break;
    case Kind::work:
      std::snprintf(text, sizeof text, "hashed %.1f MB (%s)", double(t.bytes) / 1e6,
                    data_as_text(t).c_str());
      break;
    default:
      break;
  }
  return text;
}

void print_text(const std::vector<ModelRun>& runs, Backend backend, const Options& o) {
  const uint64_t t0 = runs.empty() ? 0 : runs.front().start_ns;
  // A run of would_block lines (one per retry, hundreds a second) prints as its first line and
  // a count; --all prints each.
  struct Streak {
    uint32_t more = 0;
    uint64_t last_ns = 0;
  };
  Streak streaks[kModelCount];
  auto flush = [&](Model m) {
    Streak& s = streaks[static_cast<int>(m)];
    if (s.more)
      std::printf("%-18s %12s   ... %u more would_block, one per retry, the last at %.6f\n",
                  model_name(m), "", s.more, double(s.last_ns - t0) / 1e9);
    s.more = 0;
  };
  Kind previous[kModelCount] = {};
  for (const Line& line : merged(runs)) {
    const int i = static_cast<int>(line.model);
    const bool repeat = line.t.kind == Kind::would_block && previous[i] == Kind::would_block &&
                        line.t.session == kServerSession;
    if (line.t.session == kServerSession) previous[i] = line.t.kind;
    if (repeat && !o.all) {
      ++streaks[i].more;
      streaks[i].last_ns = line.t.t_ns;
      continue;
    }
    if (line.t.session == kServerSession) flush(line.model);
    // The note goes in the details column when the formatter left it empty, else after it.
    std::string text = format_text(line.t, backend, t0);
    const size_t end = text.find_last_not_of(' ') + 1;
    const std::string extra = note(line.t);
    if (extra.empty())
      text.erase(end);
    else
      text = end < text.size() ? text + " " + extra : text + "  " + extra;
    std::printf("%-18s %s\n", model_name(line.model), text.c_str());
  }
  for (Model m : kAllModels) flush(m);

  std::printf("\n%-18s %-28s %10s %9s %10s  %s\n", "model", "cell", "wait", "attempts", "CPU time",
              "work done while waiting");
  for (const ModelRun& run : runs) {
    const Summary& s = run.summary;
    std::string work = s.work_units ? std::to_string(s.work_units) + " units of hashing" : "none";
    std::printf("%-18s %-28s %7.1f ms %9u %7.1f ms  %s\n", model_name(run.model),
                model_cell(run.model), double(s.wait_ns) / 1e6, s.attempts, double(s.cpu_ns) / 1e6,
                work.c_str());
  }
  for (const ModelRun& run : runs)
    if (!run.error.empty()) std::printf("%s: %s\n", model_name(run.model), run.error.c_str());
}

// --- --windows-models: the road from select to IOCP (issue 15) ---

struct Road {
  const char* label;              // the model as the course names it
  std::vector<Transition> lines;  // every side's transitions
  std::string error;
};

// Server-side lines only (the client's sends are alike in all five); sessions other than the
// client's, as the iocp demo's port and wake-up key 0 belong to the server's side.
bool server_side(const Transition& t) {
  return t.session != kClientSession;
}

// The transition that carries the 100 bytes to the program, or null.
const Transition* data_line(const Road& r) {
  for (const Transition& t : r.lines)
    if (server_side(t) && t.bytes == kModelBytes && t.data_len &&
        (t.kind == Kind::completed_immediately || t.kind == Kind::result_fetched ||
         t.kind == Kind::callback || t.kind == Kind::dequeued))
      return &t;
  return nullptr;
}

void print_road(const std::vector<Road>& roads, Backend backend, bool jsonl) {
  struct Entry {
    const Road* road;
    const Transition* t;
  };
  std::vector<Entry> entries;
  uint64_t t0 = UINT64_MAX;
  for (const Road& r : roads)
    for (const Transition& t : r.lines)
      if (server_side(t)) {
        entries.push_back({&r, &t});
        t0 = std::min(t0, t.t_ns);
      }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.t->t_ns < b.t->t_ns; });
  for (const Entry& e : entries) {
    if (jsonl) {
      std::printf("{\"model\":\"%s\",%s\n", e.road->label,
                  format_jsonl(*e.t, backend).substr(1).c_str());
      continue;
    }
    std::string text = format_text(*e.t, backend, t0);
    text.erase(text.find_last_not_of(' ') + 1);
    std::printf("%-19s %s\n", e.road->label, text.c_str());
  }
  if (jsonl) return;
  // Threads: distinct server-side thread ids. Wake-ups: returns from a wait that slept or
  // could have (select ready, an event signaled, a thread unblocked, a packet dequeued).
  std::printf("\n%-19s %7s %8s %12s  %s\n", "model", "threads", "wake-ups", "data after",
              "who gets the 100 bytes");
  for (const Road& r : roads) {
    std::vector<uint32_t> threads;
    int wakeups = 0;
    uint64_t first = 0;
    for (const Transition& t : r.lines) {
      if (!server_side(t)) continue;
      if (!first) first = t.t_ns;
      if (std::find(threads.begin(), threads.end(), t.thread) == threads.end())
        threads.push_back(t.thread);
      wakeups += t.kind == Kind::ready || t.kind == Kind::signaled || t.kind == Kind::unblocked ||
                 t.kind == Kind::dequeued;
    }
    const Transition* d = data_line(r);
    if (d)
      std::printf("%-19s %7zu %8d %9.1f ms  %s %s\n", r.label, threads.size(), wakeups,
                  double(d->t_ns - first) / 1e6, api_name(d->api), kind_name(d->kind));
    else
      std::printf("%-19s %7zu %8d %12s  (no data: %s)\n", r.label, threads.size(), wakeups, "-",
                  r.error.c_str());
  }
}

int run_windows_models(const Options& o) {
  ModelOptions options;
  options.delay = std::chrono::milliseconds(o.delay_ms);
  ModelRunner runner(options);
  if (!o.jsonl)
    std::printf(
        "# demo models --windows-models on %s: the client sends 100 bytes %ld ms after "
        "each server is ready\n",
        backend_name(runner.backend()), o.delay_ms);
  std::fflush(stdout);
  // All five at once, so they share one time axis.
  WindowsModelRun others[3];
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&others, i, &o] {
      others[i] = run_windows_model(kWindowsModels[static_cast<size_t>(i)],
                                    std::chrono::milliseconds(o.delay_ms));
    });
  const std::vector<ModelRun> runs = runner.run_all();
  for (std::thread& t : threads) t.join();
  std::vector<Road> roads;
  auto from_runner = [&](Model m, const char* label) {
    for (const ModelRun& r : runs)
      if (r.model == m) roads.push_back({label, r.transitions, r.error});
  };
  auto from_other = [&](const WindowsModelRun& r, const char* label) {
    roads.push_back({label, r.transitions, r.error});
  };
  from_runner(Model::blocking_async, "select");
  from_other(others[0], "WSAEventSelect");
  from_runner(Model::nonblocking_async, "overlapped+event");
  from_other(others[1], "completion routine");
  from_other(others[2], "IOCP");
  print_road(roads, runner.backend(), o.jsonl);
  bool ok = true;
  for (const Road& r : roads)
    if (!r.error.empty() || !data_line(r)) {
      ok = false;
      std::fprintf(stderr, "iolab-cli demo models: %s: %s\n", r.label,
                   r.error.empty() ? "no data" : r.error.c_str());
    }
  return ok ? 0 : 1;
}

}  // namespace

int run_models_demo(int argc, char** argv) {
  Options o;
  if (std::string e = parse(argc, argv, o); !e.empty()) {
    std::fprintf(stderr, "iolab-cli demo models: %s (see iolab-cli demo models --help)\n",
                 e.c_str());
    return kUsageError;
  }
  if (o.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (o.windows_models) {
    if (o.peer != PeerAction::send || o.all)
      std::fprintf(stderr,
                   "iolab-cli demo models: --peer and --all are not for --windows-models\n");
    else
      return run_windows_models(o);
    return kUsageError;
  }
  ModelOptions options;
  options.delay = std::chrono::milliseconds(o.delay_ms);
  options.peer = o.peer;
  ModelRunner runner(options);
  if (!o.jsonl) {
    const char* what = o.peer == PeerAction::send    ? "sends 100 bytes"
                       : o.peer == PeerAction::close ? "closes without sending"
                                                     : "resets the connection";
    std::printf("# demo models on %s: the peer %s %ld ms after the shared start\n",
                backend_name(runner.backend()), what, o.delay_ms);
    std::fflush(stdout);
  }
  const std::vector<ModelRun> runs = runner.run_all();
  if (o.jsonl)
    print_jsonl(runs, runner.backend());
  else
    print_text(runs, runner.backend(), o);
  const bool all_ok = std::all_of(runs.begin(), runs.end(), [](const ModelRun& r) {
    return r.error.empty() && r.summary.bytes == kModelBytes;
  });
  return all_ok ? 0 : 1;
}

}  // namespace iolab
