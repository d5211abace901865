// Any text given as a trace file must load to transitions or to errors, never a crash; what
// loads must survive the round trip: format_jsonl of each loaded transition loads back to the
// very same transition (the loader reads exactly what format_jsonl writes).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "netcore/format.hpp"
#include "netcore/trace.hpp"

namespace {

using namespace netcore;

bool same(const Transition& a, const Transition& b) {
  // Field by field: the padding bytes of the struct carry nothing.
  return a.seq == b.seq && a.t_ns == b.t_ns && a.thread == b.thread && a.session == b.session &&
         a.op == b.op && a.slot == b.slot && a.api == b.api && a.op_api == b.op_api &&
         a.kind == b.kind && a.result == b.result && a.error == b.error && a.bytes == b.bytes &&
         a.ov_internal == b.ov_internal && a.ov_internal_high == b.ov_internal_high &&
         a.ov_event == b.ov_event && a.event_signaled == b.event_signaled &&
         a.cqe_ready == b.cqe_ready && a.wsabuf_count == b.wsabuf_count &&
         a.data_len == b.data_len &&
         std::memcmp(a.wsabuf_len, b.wsabuf_len, sizeof a.wsabuf_len) == 0 &&
         std::memcmp(a.data, b.data, a.data_len <= kDataCapacity ? a.data_len : kDataCapacity) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const LoadedTrace loaded = load_trace(text, "fuzz.jsonl");
  for (const std::string& e : loaded.errors)
    if (e.rfind("fuzz.jsonl", 0) != 0) {
      std::fprintf(stderr, "error without FILE: %s\n", e.c_str());
      std::abort();
    }
  if (!loaded.ok()) return 0;
  std::string again;
  for (const Transition& t : loaded.trace.transitions)
    again += format_jsonl(t, loaded.trace.backend) + "\n";
  const LoadedTrace back = load_trace(again, "fuzz.jsonl");
  if (!back.ok() || back.trace.transitions.size() != loaded.trace.transitions.size()) {
    std::fprintf(stderr, "a saved trace does not load back:\n%s%s\n", again.c_str(),
                 back.errors.empty() ? "" : back.errors.front().c_str());
    std::abort();
  }
  for (size_t i = 0; i < back.trace.transitions.size(); ++i)
    if (!same(back.trace.transitions[i], loaded.trace.transitions[i])) {
      std::fprintf(stderr, "line %zu changed in the round trip\n", i + 1);
      std::abort();
    }
  return 0;
}
