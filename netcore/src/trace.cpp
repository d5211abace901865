// Trace files: format_jsonl lines out, the same Transition values back in. The reader is
// RapidJSON's SAX parser (header-only, so it builds for Linux, mingw-w64 and emscripten alike);
// the handler below knows the flat schema and checks it as the values stream past: every field
// present once, nothing unknown, each of the type and range its Transition member can hold.
#include "netcore/trace.hpp"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "netcore/format.hpp"

namespace netcore {
namespace {

// null is no field's type: a null value is always the wrong type.
enum class Type : uint8_t { number, string, boolean, array, object, null };

const char* type_words(Type type) {
  static const char* const kWords[] = {"a number", "a string",  "true or false",
                                       "an array", "an object", "null"};
  return kWords[size_t(type)];
}

// The fields of one line, in format_jsonl's order (a missing one is named in this order).
enum Top : uint8_t {
  f_seq,
  f_t_ns,
  f_thread,
  f_session,
  f_op,
  f_slot,
  f_api,
  f_op_api,
  f_event,
  f_result,
  f_error,
  f_error_name,
  f_bytes,
  f_data,
  f_data_len,
  f_wsabufs,
  f_ov,
  f_backend,
  kTopFields
};
constexpr std::string_view kTopNames[kTopFields] = {
    "seq",    "t_ns",  "thread",     "session", "op",   "slot",     "api",     "op_api", "event",
    "result", "error", "error_name", "bytes",   "data", "data_len", "wsabufs", "ov",     "backend"};
constexpr Type kTopTypes[kTopFields] = {
    Type::number, Type::number, Type::number, Type::number, Type::number, Type::number,
    Type::string, Type::string, Type::string, Type::number, Type::number, Type::string,
    Type::number, Type::string, Type::number, Type::array,  Type::object, Type::string};

// The fields of "ov".
enum Ov : uint8_t { o_internal, o_internal_high, o_event, o_signaled, o_cqe_ready, kOvFields };
constexpr std::string_view kOvNames[kOvFields] = {"internal", "internal_high", "event", "signaled",
                                                  "cqe_ready"};
constexpr Type kOvTypes[kOvFields] = {Type::number, Type::number, Type::number, Type::boolean,
                                      Type::boolean};

// Name -> value, for the names a trace spells out (three on every line): one hash, not a
// comparison with each name in turn.
template <typename E>
bool find_name(const std::unordered_map<std::string_view, E>& names, std::string_view name,
               E& out) {
  const auto it = names.find(name);
  if (it == names.end()) return false;
  out = it->second;
  return true;
}

bool api_from(std::string_view name, Api& out) {
#define NETCORE_NAME(n) {#n, Api::n},
  static const std::unordered_map<std::string_view, Api> names{NETCORE_APIS(NETCORE_NAME)};
#undef NETCORE_NAME
  return find_name(names, name, out);
}

bool kind_from(std::string_view name, Kind& out) {
#define NETCORE_NAME(n) {#n, Kind::n},
  static const std::unordered_map<std::string_view, Kind> names{NETCORE_KINDS(NETCORE_NAME)};
#undef NETCORE_NAME
  return find_name(names, name, out);
}

bool backend_from(std::string_view name, Backend& out) {
  for (Backend b : {Backend::winsock, Backend::linux_io_uring})
    if (name == backend_name(b)) {
      out = b;
      return true;
    }
  return false;
}

std::string join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s += p;
  return s;
}

template <typename T>
bool to_number(std::string_view text, T& out) {
  T v{};
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return false;
  out = v;
  return true;
}

// data_as_text, reversed: "0x" + 2*data_len hex digits, or text padded with zeros to data_len.
// (Text that starts with "0x" is always shorter than that, so the two never meet.)
std::string decode_data(std::string_view d, Transition& t) {
  const size_t n = t.data_len;
  if (d.size() == 2 + 2 * n && d.starts_with("0x")) {
    bool hex = true;
    for (size_t i = 0; i < n && hex; ++i) {
      unsigned byte = 0;
      auto [p, ec] = std::from_chars(d.data() + 2 + 2 * i, d.data() + 4 + 2 * i, byte, 16);
      hex = ec == std::errc() && p == d.data() + 4 + 2 * i;
      t.data[i] = char(byte);
    }
    if (hex) return {};
    std::memset(t.data, 0, sizeof t.data);
  }
  if (d.size() > n)
    return "field 'data' has " + std::to_string(d.size()) + " bytes, more than data_len " +
           std::to_string(n);
  std::memcpy(t.data, d.data(), d.size());
  return {};
}

// RapidJSON's SAX events for one line -> one Transition. A handler method returns false to
// stop the parse at the first thing wrong, with `error` saying what.
class LineHandler {
 public:
  Transition t;
  Backend backend = Backend::linux_io_uring;
  std::string error;
  std::string_view last_field;  // for "expected ',' or '}' after field ..."

  void reset() {
    t = Transition{};
    backend = Backend::linux_io_uring;
    error.clear();
    last_field = {};
    place_ = Place::line;
    top_seen_ = ov_seen_ = 0;
    wsabufs_ = 0;
  }

  bool StartObject() {
    if (place_ == Place::line) {
      place_ = Place::top;
      return true;
    }
    if (!expect(Type::object)) return false;
    place_ = Place::ov;
    return true;
  }
  bool Key(const char* name, rapidjson::SizeType length, bool) {
    const std::string_view key(name, length);
    return place_ == Place::ov ? take_key(key, kOvNames, kOvFields, ov_seen_, "ov.")
                               : take_key(key, kTopNames, kTopFields, top_seen_, "");
  }
  bool EndObject(rapidjson::SizeType) {
    if (place_ == Place::ov) {
      if (!all_present(kOvNames, kOvFields, ov_seen_, "ov.")) return false;
      place_ = Place::top;
      field_ = f_ov;
      last_field = kTopNames[f_ov];
      return true;
    }
    place_ = Place::done;
    if (!all_present(kTopNames, kTopFields, top_seen_, "")) return false;
    if (t.data_len > kDataCapacity)
      return fail("field 'data_len' is " + std::to_string(t.data_len) + ", more than " +
                  std::to_string(kDataCapacity));
    error = decode_data(data_, t);
    return error.empty();
  }
  bool StartArray() {
    if (!expect(Type::array)) return false;
    place_ = Place::wsabufs;
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    if (wsabufs_ > kMaxWsabufs)
      return fail("field 'wsabufs' has " + std::to_string(wsabufs_) + " entries, at most " +
                  std::to_string(kMaxWsabufs));
    t.wsabuf_count = uint8_t(wsabufs_);
    place_ = Place::top;
    return true;
  }

  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view n(text, length);
    if (n.find_first_of(".eE") != std::string_view::npos)
      return fail("'" + std::string(n) + "' is not a whole number");
    if (place_ == Place::wsabufs) {
      ++wsabufs_;
      if (wsabufs_ <= kMaxWsabufs && !to_number(n, t.wsabuf_len[wsabufs_ - 1]))
        return fail("field 'wsabufs' holds whole numbers from 0 to 4294967295");
      return true;
    }
    if (!expect(Type::number)) return false;
    if (place_ == Place::ov) {
      switch (field_) {
        case o_internal:
          return number(n, t.ov_internal);
        case o_internal_high:
          return number(n, t.ov_internal_high);
        default:
          return number(n, t.ov_event);
      }
    }
    switch (field_) {
      case f_seq:
        return number(n, t.seq);
      case f_t_ns:
        return number(n, t.t_ns);
      case f_thread:
        return number(n, t.thread);
      case f_session:
        return number(n, t.session);
      case f_op:
        return number(n, t.op);
      case f_slot:
        return number(n, t.slot);
      case f_result:
        return number(n, t.result);
      case f_error:
        return number(n, t.error);
      case f_bytes:
        return number(n, t.bytes);
      default:
        return number(n, t.data_len);
    }
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    if (!expect(Type::string)) return false;
    const std::string_view s(text, length);
    switch (field_) {
      case f_api:
        return api_from(s, t.api) || fail("unknown api '" + std::string(s) + "'");
      case f_op_api:
        return api_from(s, t.op_api) || fail("unknown op_api '" + std::string(s) + "'");
      case f_event:
        return kind_from(s, t.kind) || fail("unknown event '" + std::string(s) + "'");
      case f_data:
        data_.assign(s);  // decoded once data_len is known
        return true;
      case f_backend:
        return backend_from(s, backend) || fail("unknown backend '" + std::string(s) + "'");
      default:
        return true;  // error_name: derived from error and backend
    }
  }
  bool Bool(bool b) {
    if (!expect(Type::boolean)) return false;
    (field_ == o_signaled ? t.event_signaled : t.cqe_ready) = b ? 1 : 0;
    return true;
  }
  bool Null() { return expect(Type::null); }
  // kParseNumbersAsStringsFlag sends every number to RawNumber, as written; without it these
  // would come, and go the same way.
  bool Int(int v) { return typed_number(v); }
  bool Uint(unsigned v) { return typed_number(v); }
  bool Int64(int64_t v) { return typed_number(v); }
  bool Uint64(uint64_t v) { return typed_number(v); }
  bool Double(double v) { return typed_number(v); }

 private:
  enum class Place : uint8_t { line, top, ov, wsabufs, done };

  bool fail(std::string message) {
    error = std::move(message);
    return false;
  }

  // The value just started must be of the type its field (the last key) holds.
  bool expect(Type got) {
    if (place_ == Place::wsabufs)
      return fail("field 'wsabufs' holds whole numbers from 0 to 4294967295");
    const bool ov = place_ == Place::ov;
    const Type want = ov ? kOvTypes[field_] : kTopTypes[field_];
    if (got == want) return true;
    return fail(join({"field '", ov ? "ov." : "", last_field, "' must be ", type_words(want)}));
  }
  template <typename T>
  bool typed_number(T v) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, v).ptr;
    return RawNumber(text, rapidjson::SizeType(end - text), true);
  }

  template <typename T>
  bool number(std::string_view text, T& out) {
    if (to_number(text, out)) return true;
    return fail(
        join({"field '", place_ == Place::ov ? "ov." : "", last_field,
              "' must be a whole number from ", std::to_string(std::numeric_limits<T>::min()),
              " to ", std::to_string(std::numeric_limits<T>::max()), ", not ", text}));
  }

  // The fields come in format_jsonl's order, so the one after the last is tried first.
  bool take_key(std::string_view key, const std::string_view* names, int count, uint32_t& seen,
                std::string_view prefix) {
    const int next = seen ? field_ + 1 : 0;
    for (int k = 0; k < count; ++k) {
      const int i = (next + k) % count;
      if (key != names[i]) continue;
      if (seen & (1u << i)) return fail(join({"field '", prefix, names[i], "' appears twice"}));
      seen |= 1u << i;
      field_ = uint8_t(i);
      last_field = names[i];
      return true;
    }
    return fail(join({"unknown field '", prefix, key, "'"}));
  }

  bool all_present(const std::string_view* names, int count, uint32_t seen,
                   std::string_view prefix) {
    for (int i = 0; i < count; ++i)
      if (!(seen & (1u << i))) return fail(join({"missing field '", prefix, names[i], "'"}));
    return true;
  }

  Place place_ = Place::line;
  uint8_t field_ = 0;  // the field whose value comes next (Top or Ov, by place_)
  uint32_t top_seen_ = 0, ov_seen_ = 0;
  int wsabufs_ = 0;
  std::string data_;
};

// RapidJSON's syntax errors, in the words the old reader used (and the field they follow).
std::string syntax_error(rapidjson::ParseErrorCode code, std::string_view line, size_t at,
                         const LineHandler& h) {
  using namespace rapidjson;
  switch (code) {
    case kParseErrorDocumentEmpty:
      return "unexpected end of line";
    case kParseErrorObjectMissName:
      return "expected a field name in double quotes";
    case kParseErrorObjectMissColon:
      return join({"expected ':' after \"", h.last_field, "\""});
    case kParseErrorObjectMissCommaOrCurlyBracket:
      return join({"expected ',' or '}' after field \"", h.last_field, "\""});
    case kParseErrorArrayMissCommaOrSquareBracket:
      return "expected ',' or ']' in an array";
    case kParseErrorStringUnicodeEscapeInvalidHex:
      return "bad \\u escape in a string";
    case kParseErrorStringUnicodeSurrogateInvalid:
      return "bad \\u surrogate pair in a string";
    case kParseErrorStringEscapeInvalid:
      return "unknown escape in a string";
    case kParseErrorStringMissQuotationMark:
      return "unterminated string";
    case kParseErrorStringInvalidEncoding:
      return "a control character in a string (write it as an escape)";
    case kParseErrorNumberTooBig:
    case kParseErrorNumberMissFraction:
    case kParseErrorNumberMissExponent:
      return "a malformed number";
    default:
      return at < line.size() ? std::string("unexpected '") + line[at] + "'"
                              : std::string("unexpected end of line");
  }
}

constexpr unsigned kParseFlags =
    rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNumbersAsStringsFlag;

}  // namespace

LoadedTrace load_trace(std::string_view text, std::string_view filename) {
  LoadedTrace out;
  out.trace.transitions.reserve(text.size() / 256);  // format_jsonl lines are ~350 bytes
  rapidjson::Reader reader;
  LineHandler h;
  int line_no = 0, first_line = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    const size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) continue;

    h.reset();
    std::string error;
    if (line[start] != '{') {
      error = "expected a JSON object ('{')";
    } else {
      rapidjson::MemoryStream stream(line.data(), line.size());
      const rapidjson::ParseResult parsed = reader.Parse<kParseFlags>(stream, h);
      if (!h.error.empty())
        error = h.error;
      else if (parsed.IsError())
        error = syntax_error(parsed.Code(), line, parsed.Offset(), h);
      else if (line.find_first_not_of(" \t\r", stream.Tell()) != std::string_view::npos)
        error = "unexpected text after the object";
    }
    if (error.empty() && first_line && h.backend != out.trace.backend)
      error = std::string("backend '") + backend_name(h.backend) + "' differs from line " +
              std::to_string(first_line) + "'s '" + backend_name(out.trace.backend) + "'";
    if (!error.empty()) {
      out.errors.push_back(std::string(filename) + ":" + std::to_string(line_no) + ": " + error);
      continue;
    }
    if (!first_line) {
      first_line = line_no;
      out.trace.backend = h.backend;
    }
    out.trace.transitions.push_back(h.t);
  }
  if (!out.errors.empty()) {
    out.trace.transitions = {};
  } else if (out.trace.transitions.empty()) {
    // An empty file is almost always the wrong file, or a recording that never started.
    out.errors.push_back(std::string(filename) + ": the trace holds no transitions");
  }
  return out;
}

LoadedTrace load_trace_file(const std::string& path) {
  // One read of the whole file (a 200,000-transition trace is ~70 MB): no stream copies.
  std::string text;
  std::error_code size_unknown;  // not a regular file (a pipe, /dev/null): read it all the same
  const auto size = std::filesystem::file_size(path, size_unknown);
  if (!size_unknown) text.reserve(size);
  bool read_ok = false;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char chunk[1 << 16];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
    read_ok = !std::ferror(f);
    std::fclose(f);
  }
  if (!read_ok) {
    LoadedTrace out;
    out.errors.push_back(path + ": cannot read the file");
    return out;
  }
  return load_trace(text, path);
}

std::string save_trace(const std::string& path, const std::vector<Transition>& transitions,
                       Backend backend) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return path + ": cannot write the file";
  for (const Transition& t : transitions) out << format_jsonl(t, backend) << '\n';
  out.flush();
  if (!out) return path + ": writing failed";
  return {};
}

}  // namespace netcore
