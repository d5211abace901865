// Saved runs: a trace file is format_jsonl's output, one transition per line (the schema of a
// line: docs/trace.schema.json). load_trace reads exactly that back (RapidJSON's SAX parser with
// strict checks: every field once, nothing unknown), so a saved run replays identically.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "netcore/transition.hpp"

namespace netcore {

struct Trace {
  std::vector<Transition> transitions;
  Backend backend = Backend::linux_io_uring;  // the backend that recorded it (every line agrees)
};

// The loader's answer: a trace, or every error found ("FILE:LINE: what is wrong").
struct LoadedTrace {
  Trace trace;
  std::vector<std::string> errors;
  bool ok() const { return errors.empty(); }
};

// Blank lines are allowed; every other line is one object exactly as format_jsonl writes it. A
// trace without a single transition is refused: "FILE: the trace holds no transitions".
LoadedTrace load_trace(std::string_view text, std::string_view filename);
// Reads and loads a file; an unreadable file is one error "FILE: cannot read the file".
LoadedTrace load_trace_file(const std::string& path);

// Writes one format_jsonl line per transition. Returns "" or what went wrong.
std::string save_trace(const std::string& path, const std::vector<Transition>& transitions,
                       Backend backend);

}  // namespace netcore
