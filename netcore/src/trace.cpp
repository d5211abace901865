// Trace files: format_jsonl lines out, the same Transition values back in. The reader is
// RapidJSON's SAX parser (header-only, so it builds for Linux, mingw-w64 and emscripten alike);
// the handler below knows the flat schema and checks it as the values stream past: every field
// present once, nothing unknown, each of the type and range its Transition member can hold.
#include "netcore/trace.hpp"

// Every x86-64 has SSE2: RapidJSON then scans whitespace and strings 16 bytes at a time.
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <thread>
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

// A field name against a known one, inline: the names are short, and a call to memcmp for
// each of a line's 23 keys cost more than the comparison.
bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
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
    data_ = {};
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
        data_ = s;  // decoded once data_len is known (in situ: the line outlives the parse)
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
  bool Double(double v) {
    char text[32];  // std::to_chars of a double: not in emscripten's libc++ 14
    const int n = std::snprintf(text, sizeof text, "%.17g", v);
    return RawNumber(text, rapidjson::SizeType(n), true);
  }

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
      if (!same_name(key, names[i])) continue;
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
  std::string_view data_;
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

constexpr unsigned kParseFlags = rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag |
                                 rapidjson::kParseNumbersAsStringsFlag;

// Takes a trace's text in pieces of whole lines and numbers the lines across them (a file is
// read a block at a time, so a big trace never sits in memory as text).
class Loader {
 public:
  Loader(std::string filename, uint64_t bytes) : filename_(std::move(filename)) {
    transitions_.reserve(size_t(bytes / 256));  // format_jsonl lines are ~350 bytes
  }

  // `text` ends at a line's end (or the file's).
  void lines(std::string_view text) {
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      line(text.substr(0, nl));
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    }
  }

  // What `later` read, the lines right after this loader's: its lines renumbered to follow on.
  // False (nothing taken) when the two disagree on the backend: only reading `later`'s lines
  // here, in turn, names those lines right.
  bool append(Loader& later) {
    if (later.backend_errors_ || (first_line_ && later.first_line_ && later.backend_ != backend_))
      return false;
    for (auto& [line, error] : later.errors_)
      errors_.emplace_back(line_no_ + line, std::move(error));
    if (!first_line_ && later.first_line_) {
      first_line_ = line_no_ + later.first_line_;
      backend_ = later.backend_;
    }
    transitions_.insert(transitions_.end(), later.transitions_.begin(), later.transitions_.end());
    line_no_ += later.line_no_;
    return true;
  }

  LoadedTrace finish() {
    LoadedTrace out;
    for (const auto& [line, error] : errors_)
      out.errors.push_back(filename_ + ":" + std::to_string(line) + ": " + error);
    if (errors_.empty() && transitions_.empty())  // most likely the wrong file
      out.errors.push_back(filename_ + ": the trace holds no transitions");
    if (out.errors.empty()) {
      out.trace.transitions = std::move(transitions_);
      out.trace.backend = backend_;
    }
    return out;
  }

 private:
  void line(std::string_view line) {
    ++line_no_;
    const size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) return;  // blank lines are allowed

    h_.reset();
    std::string error;
    if (line[start] != '{') {
      error = "expected a JSON object ('{')";
    } else {
      // In situ: the strings are decoded where they stand, in a copy of the line that ends in
      // a zero byte, padded so RapidJSON's 16-byte SIMD loads stay inside it.
      scratch_.assign(line.data(), line.size());
      scratch_.append(16, '\0');
      rapidjson::InsituStringStream stream(scratch_.data());
      const rapidjson::ParseResult parsed = reader_.Parse<kParseFlags>(stream, h_);
      if (!h_.error.empty())
        error = h_.error;
      else if (parsed.IsError())
        error = syntax_error(parsed.Code(), line, parsed.Offset(), h_);
      else if (line.find_first_not_of(" \t\r", stream.Tell()) != std::string_view::npos)
        error = "unexpected text after the object";
    }
    if (error.empty() && first_line_ && h_.backend != backend_) {
      error = std::string("backend '") + backend_name(h_.backend) + "' differs from line " +
              std::to_string(first_line_) + "'s '" + backend_name(backend_) + "'";
      ++backend_errors_;
    }
    if (!error.empty()) {
      errors_.emplace_back(line_no_, std::move(error));
      return;
    }
    if (!first_line_) {
      first_line_ = line_no_;
      backend_ = h_.backend;
    }
    transitions_.push_back(h_.t);
  }

  std::string filename_;
  std::string scratch_;  // the line being parsed
  rapidjson::Reader reader_;
  LineHandler h_;
  std::vector<Transition> transitions_;
  std::vector<std::pair<int, std::string>> errors_;  // (line, what is wrong)
  Backend backend_ = Backend::linux_io_uring;        // first_line_'s
  int line_no_ = 0, first_line_ = 0, backend_errors_ = 0;
};

// Reads bytes [begin, end) of a file, which start and end at lines' ends, into `loader`, a block
// at a time: whole lines to the loader, the unfinished one kept for the next block. End -1:
// to the end of the file, however long (a pipe has no size). False when reading fails.
bool load_range(const std::string& path, uint64_t begin, uint64_t end, Loader& loader) {
  std::ifstream in(path, std::ios::binary);
  if (!in || (begin && !in.seekg(std::streamoff(begin)))) return false;
  std::vector<char> block(1 << 20);
  size_t kept = 0;
  uint64_t left = end - begin;
  while (left) {
    const size_t want = size_t(std::min<uint64_t>(block.size() - kept, left));
    in.read(block.data() + kept, std::streamsize(want));
    const size_t n = size_t(in.gcount());
    if (n == 0) break;
    left -= n;
    const std::string_view text(block.data(), kept + n);
    const size_t lines_end = text.rfind('\n') + 1;  // 0: no line ends in the block
    loader.lines(text.substr(0, lines_end));
    kept = text.size() - lines_end;
    std::memmove(block.data(), block.data() + lines_end, kept);
    if (kept == block.size()) block.resize(2 * block.size());  // a line longer than a block
  }
  loader.lines(std::string_view(block.data(), kept));
  return !in.bad();
}

// Where the second half of a file starts: the first line that begins at or after `middle`.
uint64_t line_start_after(const std::string& path, uint64_t middle) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(std::streamoff(middle - 1));
  uint64_t at = middle;
  for (int c; (c = in.get()) != std::char_traits<char>::eof() && c != '\n';) ++at;
  return at;
}

// Big traces are read in two halves at once (the GUI waits for --replay before its first frame).
constexpr uint64_t kSplitBytes = 1u << 20;
bool can_split() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  return false;  // a web build without threads
#else
  return std::thread::hardware_concurrency() >= 2;
#endif
}

}  // namespace

LoadedTrace load_trace(std::string_view text, std::string_view filename) {
  Loader loader(std::string(filename), text.size());
  loader.lines(text);
  return loader.finish();
}

LoadedTrace load_trace_file(const std::string& path) {
  const LoadedTrace unreadable{{}, {path + ": cannot read the file"}};
  std::error_code no_size;  // not a regular file (a pipe, /dev/null): read to its end
  const uint64_t size = std::filesystem::file_size(path, no_size);
  if (no_size || size < kSplitBytes || !can_split()) {
    Loader loader(path, no_size ? 0 : size);
    if (!load_range(path, 0, uint64_t(-1), loader)) return unreadable;
    return loader.finish();
  }
  const uint64_t half = line_start_after(path, size / 2);
  Loader first(path, size), second(path, size - half);  // first: room for both halves
  bool first_ok = false, second_ok = false;
  std::thread second_half([&] { second_ok = load_range(path, half, size, second); });
  first_ok = load_range(path, 0, half, first);
  second_half.join();
  if (!first_ok || !second_ok) return unreadable;
  if (!first.append(second) && !load_range(path, half, size, first)) return unreadable;
  return first.finish();
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
