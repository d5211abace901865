// Any text given as a lesson script (docs/lessons.md) must parse to a script or to errors, never
// both, never a crash; each error reads "FILE:LINE: what is wrong"; every Command a script holds
// is one the engine can take as it is (text_len within the text, a WSABUF count within 0..4 is
// clamped anyway, sizes within the engine's 16 MiB).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "netcore/script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace netcore;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ParsedScript parsed = parse_script(text, "fuzz.lesson");
  if (!parsed.ok() && !parsed.script.steps.empty()) {
    std::fprintf(stderr, "both a script and errors\n");
    std::abort();
  }
  for (const std::string& e : parsed.errors)
    if (e.rfind("fuzz.lesson", 0) != 0) {
      std::fprintf(stderr, "error without FILE: %s\n", e.c_str());
      std::abort();
    }
  for (const Step& s : parsed.script.steps) {
    if (s.command.text_len > kCommandTextCapacity || s.line < 1) {
      std::fprintf(stderr, "bad step at line %d: %s\n", s.line, s.source.c_str());
      std::abort();
    }
  }
  return 0;
}
