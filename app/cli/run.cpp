// `iolab-cli run FILE`: plays a scripted lesson (docs/lessons.md) on a loopback lab, printing
// every transition and, in text mode, each caption as a `== caption ==` line. In jsonl mode the
// output is a plain trace (load_trace reads it back), so captions are left out; --captions FILE
// writes them beside it, each with how many transitions came before it (the web edition shows
// a caption once its replay has played that many).
#include "run.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "netcore/driver.hpp"
#include "netcore/engine.hpp"
#include "netcore/format.hpp"
#include "netcore/script.hpp"

namespace {

using namespace netcore;

constexpr int kScriptError = 2;
constexpr size_t kErrorsShown = 20;

}  // namespace

int run_lesson(const std::string& path, bool jsonl, double speed,
               const std::string& captions_path) {
  ParsedScript parsed = load_script(path);
  if (!parsed.ok()) {
    // A file that is no lesson at all (the README, a log) has an error on every line: the first
    // screenful says what is wrong.
    const size_t shown = std::min(parsed.errors.size(), kErrorsShown);
    for (size_t i = 0; i < shown; ++i) std::fprintf(stderr, "%s\n", parsed.errors[i].c_str());
    if (parsed.errors.size() > shown)
      std::fprintf(stderr, "%s: %zu more errors not shown\n", path.c_str(),
                   parsed.errors.size() - shown);
    return kScriptError;  // a malformed lesson runs nothing
  }
  std::ofstream captions;
  if (!captions_path.empty()) {
    captions.open(captions_path, std::ios::binary | std::ios::trunc);
    if (!captions) {
      std::fprintf(stderr, "iolab-cli run: cannot write %s\n", captions_path.c_str());
      return kScriptError;
    }
  }

  Engine engine;
  std::string error;
  if (!engine.start(error)) {
    std::fprintf(stderr, "iolab-cli run: %s\n", error.c_str());
    return kScriptError;
  }
  const Backend backend = engine.backend();
  uint64_t t0 = 0;
  size_t printed = 0;  // transitions so far, for --captions
  Driver driver(engine, [&](const Transition& t) {
    if (!t0) t0 = t.t_ns;
    ++printed;
    std::string line = jsonl ? format_jsonl(t, backend) : format_text(t, backend, t0);
    // Which WSAOVERLAPPED an op took: lessons show that each outstanding op has its own.
    if (!jsonl && t.op && t.kind == Kind::posted)
      line += "  [OVERLAPPED slot " + std::to_string(t.slot) + "]";
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  });
  if (!jsonl)
    std::printf("# lesson %s on %s, 127.0.0.1:%u\n", path.c_str(), backend_name(backend),
                engine.port());

  ScriptRunner runner(std::move(parsed.script));
  runner.set_speed(speed);
  runner.on_step = [&](const Step& s) {
    if (s.kind != StepKind::caption) return;
    if (captions.is_open()) {
      std::string line = "{\"after\":" + std::to_string(printed) + ",\"text\":";
      append_json_string(line, s.text);
      line += ",\"ko\":";
      append_json_string(line, s.ko);
      captions << line << "}\n" << std::flush;
    }
    if (jsonl) return;
    std::printf("\n== %s ==\n", s.text.c_str());
    if (!s.ko.empty()) std::printf("== %s ==\n", s.ko.c_str());
    std::printf("\n");
    std::fflush(stdout);
  };
  // `pause`: wait for Enter when a teacher is at the terminal; skipped otherwise.
  const bool interactive = isatty(STDIN_FILENO) != 0;
  auto on_pause = [&] {
    if (!interactive) return;
    std::fprintf(stderr, "-- paused: press Enter to go on --");
    std::string ignored;
    std::getline(std::cin, ignored);
  };
  runner.start(driver);
  const RunState end = run_to_end(runner, on_pause);
  engine.stop();
  driver.pump();  // what the shutdown itself reported
  if (end == RunState::failed) {
    std::fprintf(stderr, "%s\n", runner.error().c_str());
    return 1;
  }
  return 0;
}
