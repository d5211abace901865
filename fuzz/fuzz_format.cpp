// Any Transition (a trace file can hold anything) must format without reading out of bounds, the
// JSONL line must be one valid JSON object, and `data` must round-trip: given data_len, the text
// (or the 0x-hex) gives back exactly the captured bytes.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "netcore/format.hpp"
#include "netcore/transition.hpp"

namespace {

using namespace netcore;

// A strict little JSON checker: value, whitespace only where JSON allows it, nothing left over.
struct Json {
  const std::string& s;
  size_t i = 0;
  bool ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    return true;
  }
  bool lit(const char* w) {
    const size_t n = std::strlen(w);
    if (s.compare(i, n, w) != 0) return false;
    i += n;
    return true;
  }
  bool string() {
    if (i >= s.size() || s[i] != '"') return false;
    for (++i; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') return ++i, true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i >= s.size() || !std::strchr("\"\\/bfnrtu", s[i])) return false;
        if (s[i] == 'u') {
          for (int k = 0; k < 4; ++k)
            if (++i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
        }
      }
    }
    return false;
  }
  bool number() {
    const size_t start = i;
    if (i < s.size() && s[i] == '-') ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > start && std::isdigit(static_cast<unsigned char>(s[i - 1]));
  }
  bool value() {
    ws();
    if (i >= s.size()) return false;
    bool ok = false;
    switch (s[i]) {
      case '{':
        ok = members('}', true);
        break;
      case '[':
        ok = members(']', false);
        break;
      case '"':
        ok = string();
        break;
      case 't':
        ok = lit("true");
        break;
      case 'f':
        ok = lit("false");
        break;
      case 'n':
        ok = lit("null");
        break;
      default:
        ok = number();
    }
    return ok && ws();
  }
  bool members(char close, bool object) {
    ++i;
    ws();
    if (i < s.size() && s[i] == close) return ++i, true;
    for (;;) {
      if (object) {
        ws();
        if (!string() || !ws() || i >= s.size() || s[i++] != ':') return false;
      }
      if (!value()) return false;
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      return i < s.size() && s[i++] == close;
    }
  }
};

bool valid_json_object(const std::string& line) {
  Json j{line};
  j.ws();
  return j.i < line.size() && line[j.i] == '{' && j.value() && j.i == line.size();
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// What a trace loader does with `data` and `data_len`: hex when it has the length of hex.
std::string decode_data(const std::string& text, size_t len) {
  if (text.size() == 2 + 2 * len && text.compare(0, 2, "0x") == 0) {
    std::string bytes;
    for (size_t k = 0; k < len; ++k) {
      const int hi = hex(text[2 + 2 * k]), lo = hex(text[3 + 2 * k]);
      if (hi < 0 || lo < 0) std::abort();
      bytes += char(hi * 16 + lo);
    }
    return bytes;
  }
  std::string bytes = text;
  if (bytes.size() > len) std::abort();
  bytes.resize(len, '\0');  // the padding zeros data_as_text trims
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Transition t;
  std::memcpy(&t, data, size < sizeof t ? size : sizeof t);
  const Backend backend =
      size > sizeof t && (data[sizeof t] & 1) ? Backend::winsock : Backend::linux_io_uring;

  const std::string line = format_jsonl(t, backend);
  if (line.find('\n') != std::string::npos || !valid_json_object(line)) {
    std::fprintf(stderr, "not one JSON object: %s\n", line.c_str());
    std::abort();
  }
  const std::string text = format_text(t, backend, t.t_ns / 2);
  if (text.find_first_of("\r\n") != std::string::npos) {
    std::fprintf(stderr, "not one line: %s\n", text.c_str());
    std::abort();
  }

  const size_t len = t.data_len <= kDataCapacity ? t.data_len : 0;
  if (t.data_len <= kDataCapacity) {
    const std::string back = decode_data(data_as_text(t), len);
    if (back != std::string(t.data, len)) {
      std::fprintf(stderr, "data does not round-trip: %s\n", data_as_text(t).c_str());
      std::abort();
    }
  } else {
    (void)data_as_text(t);  // must not read past the 64 captured bytes
  }
  return 0;
}
