// Trace-reading figures (tools/bench.sh, docs/performance.md "Traces"), printed as name=value.
// Every candidate reads the same file, line by line as the loader does, in the same run.
//
//   trace_mb                        the file's size
//   trace_parse_mb_s                load_trace_file, what --replay runs: the file read and
//                                   parsed (two halves at once on 2+ cores), wall time
//   trace_parse_cpu_mb_s            the same per second of CPU time (both threads): steadier
//                                   when other programs take the cores
// The rest read the text already in memory, on one thread; CPU time of that thread, so other
// programs on the shared machine disturb them little. Best of the repetitions:
//   trace_load_text_mb_s            load_trace: RapidJSON SAX with the strict schema checks,
//                                   into Transition values
//   rapidjson_sax_mb_s              RapidJSON's SAX parser alone, a handler that keeps nothing
//   rapidjson_dom_mb_s              RapidJSON's DOM (Document::Parse per line)
//   nlohmann_sax_mb_s               nlohmann/json's SAX parser alone (json::sax_parse)
//   nlohmann_dom_mb_s               nlohmann/json's DOM (json::parse per line)
//
// Usage: bench_trace FILE [--quick]   (FILE: e.g. `iolab-cli demo lecture --format jsonl` output)
#include <rapidjson/document.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "netcore/trace.hpp"

namespace {

double process_cpu_s() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double thread_cpu_s() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Calls each(line) for every non-blank line; returns how many it saw.
template <typename Each>
size_t for_each_line(std::string_view text, Each each) {
  size_t lines = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty()) continue;
    ++lines;
    each(line);
  }
  return lines;
}

// The best (least CPU) of `reps` runs of `parse`, as MB/s of `bytes`; a run that does not read
// every line (`parse` returns how many it read) is reported as 0.
double mb_per_s(size_t bytes, size_t lines, int reps, const std::function<size_t()>& parse) {
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    const double t0 = thread_cpu_s();
    const size_t read = parse();
    const double t = thread_cpu_s() - t0;
    if (read != lines) return 0;
    best = std::min(best, t);
  }
  return double(bytes) / 1e6 / best;
}

// nlohmann's SAX interface, keeping nothing: the parser's own cost.
struct NullSax : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_trace FILE [--quick]\n");
    return 2;
  }
  const bool quick = argc > 2 && std::strcmp(argv[2], "--quick") == 0;
  const int reps = quick ? 1 : 5;
  std::string text;
  if (std::FILE* f = std::fopen(argv[1], "rb")) {
    char chunk[1 << 16];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
    std::fclose(f);
  }
  const size_t lines = for_each_line(text, [](std::string_view) {});
  if (lines == 0) {
    std::fprintf(stderr, "bench_trace: %s: no lines\n", argv[1]);
    return 2;
  }
  const size_t bytes = text.size();
  std::printf("trace_mb=%.1f\ntrace_lines=%zu\n", double(bytes) / 1e6, lines);

  double best_wall = 1e9, best_cpu = 1e9;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = process_cpu_s();
    const netcore::LoadedTrace t = netcore::load_trace_file(argv[1]);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best_cpu = std::min(best_cpu, process_cpu_s() - cpu0);
    if (!t.ok() || t.trace.transitions.size() != lines) {
      std::fprintf(stderr, "bench_trace: %s does not load: %s\n", argv[1],
                   t.ok() ? "some lines missing" : t.errors.front().c_str());
      return 1;
    }
    best_wall = std::min(best_wall, s);
  }
  std::printf("trace_parse_mb_s=%.0f\n", double(bytes) / 1e6 / best_wall);
  std::printf("trace_parse_cpu_mb_s=%.0f\n", double(bytes) / 1e6 / best_cpu);
  std::printf("trace_load_text_mb_s=%.0f\n", mb_per_s(bytes, lines, reps, [&] {
                const netcore::LoadedTrace t = netcore::load_trace(text, argv[1]);
                return t.ok() ? t.trace.transitions.size() : 0;
              }));
  std::printf("rapidjson_sax_mb_s=%.0f\n", mb_per_s(bytes, lines, reps, [&] {
                rapidjson::Reader reader;
                rapidjson::BaseReaderHandler<> keep_nothing;
                size_t ok = 0;
                for_each_line(text, [&](std::string_view line) {
                  rapidjson::MemoryStream s(line.data(), line.size());
                  ok += !reader.Parse(s, keep_nothing).IsError();
                });
                return ok;
              }));
  std::printf("rapidjson_dom_mb_s=%.0f\n", mb_per_s(bytes, lines, reps, [&] {
                rapidjson::Document doc;
                size_t ok = 0;
                for_each_line(text, [&](std::string_view line) {
                  doc.Parse(line.data(), line.size());
                  ok += !doc.HasParseError() && doc.IsObject();
                });
                return ok;
              }));
  std::printf("nlohmann_sax_mb_s=%.0f\n", mb_per_s(bytes, lines, reps, [&] {
                NullSax sax;
                size_t ok = 0;
                for_each_line(text, [&](std::string_view line) {
                  ok += nlohmann::json::sax_parse(line.begin(), line.end(), &sax);
                });
                return ok;
              }));
  std::printf("nlohmann_dom_mb_s=%.0f\n", mb_per_s(bytes, lines, reps, [&] {
                size_t ok = 0;
                for_each_line(text, [&](std::string_view line) {
                  const nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr,
                                                                 /*allow_exceptions=*/false);
                  ok += j.is_object();
                });
                return ok;
              }));
  return 0;
}
