// `iolab-cli demo models`: the four I/O models of LECTURE.md §1 receive the same 100 bytes at the
// same time, each on its own thread and socket pair; their transitions are printed on one time
// axis, then a table compares what waiting cost each of them.
#include "models_cmd.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "netcore/format.hpp"
#include "netcore/models.hpp"
#include "netcore/windows_road.hpp"

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

// --- --windows-models: the road from select to IOCP (issue 15; netcore/windows_road.hpp) ---

void print_road(const Road& road, bool jsonl) {
  struct Entry {
    const RoadLane* lane;
    const Transition* t;
  };
  std::vector<Entry> entries;
  uint64_t t0 = UINT64_MAX;
  // Text: the server side only (the client's sends are alike in all five); jsonl: every line,
  // as the web page's recording needs the client's send too.
  for (const RoadLane& l : road.lanes)
    for (const Transition& t : l.transitions)
      if (jsonl || road_server_side(t)) {
        entries.push_back({&l, &t});
        if (road_server_side(t)) t0 = std::min(t0, t.t_ns);
      }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.t->t_ns < b.t->t_ns; });
  for (const Entry& e : entries) {
    if (jsonl) {
      std::printf("{\"model\":\"%s\",%s\n", road_name(e.lane->model),
                  format_jsonl(*e.t, road.backend).substr(1).c_str());
      continue;
    }
    std::string text = format_text(*e.t, road.backend, t0);
    text.erase(text.find_last_not_of(' ') + 1);
    std::printf("%-19s %s\n", road_label(e.lane->model), text.c_str());
  }
  if (jsonl) {  // what the counts need beyond the transitions (the web page replays these)
    for (const RoadLane& l : road.lanes) {
      std::string error;
      for (char c : l.error)
        error += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
      std::printf("{\"type\":\"summary\",\"model\":\"%s\",\"cpu_ns\":%llu,\"error\":\"%s\"}\n",
                  road_name(l.model), static_cast<unsigned long long>(l.cpu_ns), error.c_str());
    }
    return;
  }
  std::printf("\n%-19s %7s %8s %9s %12s  %s\n", "model", "threads", "wake-ups", "CPU time",
              "data after", "who gets the 100 bytes");
  for (const RoadLane& l : road.lanes) {
    const RoadCounts c = road_counts(l);
    std::printf("%-19s %7d %8d %6.1f ms ", road_label(l.model), c.threads, c.wakeups,
                double(c.cpu_ns) / 1e6);
    if (c.data)
      std::printf("%9.1f ms  %s %s\n", double(c.data->t_ns - c.first_ns) / 1e6,
                  api_name(c.data->api), kind_name(c.data->kind));
    else
      std::printf("%12s  (no data: %s)\n", "-", l.error.c_str());
  }
}

int run_windows_models(const Options& o) {
  if (!o.jsonl)
    std::printf(
        "# demo models --windows-models on %s: the client sends 100 bytes %ld ms after "
        "each server is ready\n",
        backend_name(ModelRunner().backend()), o.delay_ms);
  std::fflush(stdout);
  const Road road = run_windows_road(std::chrono::milliseconds(o.delay_ms));
  print_road(road, o.jsonl);
  bool ok = true;
  for (const RoadLane& l : road.lanes)
    if (!l.error.empty() || !road_counts(l).data) {
      ok = false;
      std::fprintf(stderr, "iolab-cli demo models: %s: %s\n", road_label(l.model),
                   l.error.empty() ? "no data" : l.error.c_str());
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
