// Trace files: format_jsonl lines out, the same Transition values back in. The reader is a small
// strict JSON parser for this flat schema: every field present once, nothing unknown.
#include "netcore/trace.hpp"

#include <charconv>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "netcore/format.hpp"

namespace netcore {
namespace {

// A parsed JSON value: enough for objects of numbers, strings, booleans, arrays and objects.
struct Json {
  enum Type : uint8_t { number, string, boolean, array, object, null } type = null;
  std::string text;  // number: as written; string: decoded
  bool flag = false;
  std::vector<Json> items;
  // Not std::pair<std::string, Json>: a pair needs a complete Json, which clang (libstdc++ 12)
  // enforces; a vector of a nested type declared here is fine.
  struct Member;
  std::vector<Member> members;
};
struct Json::Member {
  std::string first;
  Json second;
};

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  // The whole line as one object; returns an error, or "".
  std::string object_line(Json& out) {
    skip();
    if (!at('{')) return "expected a JSON object ('{')";
    if (auto e = value(out, 0); !e.empty()) return e;
    skip();
    if (i_ != s_.size()) return "unexpected text after the object";
    return {};
  }

 private:
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }

  std::string value(Json& v, int depth) {
    if (depth > 4) return "objects nested too deep";
    skip();
    if (i_ >= s_.size()) return "unexpected end of line";
    const char c = s_[i_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"') {
      v.type = Json::string;
      return string(v.text);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      v.type = Json::number;
      const size_t from = i_++;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      v.text = std::string(s_.substr(from, i_ - from));
      if (at('.') || at('e') || at('E')) return "'" + v.text + "...' is not a whole number";
      return {};
    }
    for (const char* word : {"true", "false", "null"}) {
      if (s_.substr(i_).starts_with(word)) {
        i_ += std::strlen(word);
        v.type = word[0] == 'n' ? Json::null : Json::boolean;
        v.flag = word[0] == 't';
        return {};
      }
    }
    return std::string("unexpected '") + c + "'";
  }

  std::string object(Json& v, int depth) {
    v.type = Json::object;
    ++i_;
    skip();
    if (at('}')) {
      ++i_;
      return {};
    }
    for (;;) {
      skip();
      if (!at('"')) return "expected a field name in double quotes";
      std::string key;
      if (auto e = string(key); !e.empty()) return e;
      skip();
      if (!at(':')) return "expected ':' after \"" + key + "\"";
      ++i_;
      Json member;
      if (auto e = value(member, depth + 1); !e.empty()) return e;
      v.members.push_back({std::move(key), std::move(member)});
      skip();
      if (at('}')) {
        ++i_;
        return {};
      }
      if (!at(',')) return "expected ',' or '}' after field \"" + v.members.back().first + "\"";
      ++i_;
    }
  }

  std::string array(Json& v, int depth) {
    v.type = Json::array;
    ++i_;
    skip();
    if (at(']')) {
      ++i_;
      return {};
    }
    for (;;) {
      Json item;
      if (auto e = value(item, depth + 1); !e.empty()) return e;
      v.items.push_back(std::move(item));
      skip();
      if (at(']')) {
        ++i_;
        return {};
      }
      if (!at(',')) return "expected ',' or ']' in an array";
      ++i_;
    }
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  std::string string(std::string& out) {
    ++i_;  // the opening quote
    for (;;) {
      if (i_ >= s_.size()) return "unterminated string";
      const char c = s_[i_++];
      if (c == '"') return {};
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return "unterminated string";
      const char e = s_[i_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          int code = 0;
          for (int k = 0; k < 4; ++k) {
            const int d = i_ < s_.size() ? hex_digit(s_[i_++]) : -1;
            if (d < 0) return "bad \\u escape in a string";
            code = code * 16 + d;
          }
          if (code > 0xff) return "\\u escapes above \\u00ff are not used by traces";
          out += char(code);
          break;
        }
        default:
          return std::string("unknown escape '\\") + e + "' in a string";
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

// Takes the fields of one object by name: each must be there once, and nothing else.
class Fields {
 public:
  Fields(const Json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  const Json* get(const char* name, Json::Type type, std::string& error) {
    if (!error.empty()) return nullptr;
    taken_.push_back(name);
    const Json* found = nullptr;
    for (const auto& [key, value] : object_.members) {
      if (key != name) continue;
      if (found) {
        error = "field '" + prefix_ + name + "' appears twice";
        return nullptr;
      }
      found = &value;
    }
    if (!found) {
      error = "missing field '" + prefix_ + name + "'";
    } else if (found->type != type) {
      static const char* const kTypes[] = {"a number", "a string",  "true or false",
                                           "an array", "an object", "null"};
      error = "field '" + prefix_ + name + "' must be " + kTypes[type];
      found = nullptr;
    }
    return found;
  }

  template <typename T>
  void number(const char* name, T& out, std::string& error) {
    const Json* v = get(name, Json::number, error);
    if (v && !to_number(v->text, out))
      error = "field '" + prefix_ + name + "' must be a whole number from " +
              std::to_string(std::numeric_limits<T>::min()) + " to " +
              std::to_string(std::numeric_limits<T>::max()) + ", not " + v->text;
  }

  void boolean(const char* name, uint8_t& out, std::string& error) {
    if (const Json* v = get(name, Json::boolean, error)) out = v->flag ? 1 : 0;
  }

  // After every get(): a field nobody asked for is an error.
  void no_others(std::string& error) const {
    if (!error.empty()) return;
    for (const auto& [key, value] : object_.members) {
      bool known = false;
      for (const std::string& t : taken_) known |= key == t;
      if (!known) {
        error = "unknown field '" + prefix_ + key + "'";
        return;
      }
    }
  }

  template <typename T>
  static bool to_number(const std::string& text, T& out) {
    T v{};
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size()) return false;
    out = v;
    return true;
  }

 private:
  const Json& object_;
  std::string prefix_;
  std::vector<std::string> taken_;
};

bool api_from(const std::string& name, Api& out) {
#define NETCORE_MATCH(n) \
  if (name == #n) {      \
    out = Api::n;        \
    return true;         \
  }
  NETCORE_APIS(NETCORE_MATCH)
#undef NETCORE_MATCH
  return false;
}

bool kind_from(const std::string& name, Kind& out) {
#define NETCORE_MATCH(n) \
  if (name == #n) {      \
    out = Kind::n;       \
    return true;         \
  }
  NETCORE_KINDS(NETCORE_MATCH)
#undef NETCORE_MATCH
  return false;
}

bool backend_from(const std::string& name, Backend& out) {
  for (Backend b : {Backend::winsock, Backend::linux_io_uring})
    if (name == backend_name(b)) {
      out = b;
      return true;
    }
  return false;
}

// data_as_text, reversed: "0x" + 2*data_len hex digits, or text padded with zeros to data_len.
// (Text that starts with "0x" is always shorter than that, so the two never meet.)
std::string decode_data(const std::string& d, Transition& t) {
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

// One object -> one Transition; returns an error, or "".
std::string transition_from(const Json& object, Transition& t, Backend& backend) {
  std::string e;
  Fields f(object, "");
  f.number("seq", t.seq, e);
  f.number("t_ns", t.t_ns, e);
  f.number("thread", t.thread, e);
  f.number("session", t.session, e);
  f.number("op", t.op, e);
  f.number("slot", t.slot, e);
  if (const Json* v = f.get("api", Json::string, e); v && !api_from(v->text, t.api))
    e = "unknown api '" + v->text + "'";
  if (const Json* v = f.get("op_api", Json::string, e); v && !api_from(v->text, t.op_api))
    e = "unknown op_api '" + v->text + "'";
  if (const Json* v = f.get("event", Json::string, e); v && !kind_from(v->text, t.kind))
    e = "unknown event '" + v->text + "'";
  f.number("result", t.result, e);
  f.number("error", t.error, e);
  f.get("error_name", Json::string, e);  // derived from error and backend
  f.number("bytes", t.bytes, e);
  const Json* data = f.get("data", Json::string, e);
  f.number("data_len", t.data_len, e);
  if (e.empty() && t.data_len > kDataCapacity)
    e = "field 'data_len' is " + std::to_string(t.data_len) + ", more than " +
        std::to_string(kDataCapacity);
  if (e.empty()) e = decode_data(data->text, t);
  if (const Json* v = f.get("wsabufs", Json::array, e)) {
    if (v->items.size() > size_t(kMaxWsabufs))
      e = "field 'wsabufs' has " + std::to_string(v->items.size()) + " entries, at most " +
          std::to_string(kMaxWsabufs);
    for (size_t i = 0; i < v->items.size() && e.empty(); ++i)
      if (v->items[i].type != Json::number || !Fields::to_number(v->items[i].text, t.wsabuf_len[i]))
        e = "field 'wsabufs' holds whole numbers from 0 to 4294967295";
    t.wsabuf_count = uint8_t(v->items.size());
  }
  if (const Json* v = f.get("ov", Json::object, e)) {
    Fields ov(*v, "ov.");
    ov.number("internal", t.ov_internal, e);
    ov.number("internal_high", t.ov_internal_high, e);
    ov.number("event", t.ov_event, e);
    ov.boolean("signaled", t.event_signaled, e);
    ov.boolean("cqe_ready", t.cqe_ready, e);
    ov.no_others(e);
  }
  if (const Json* v = f.get("backend", Json::string, e); v && !backend_from(v->text, backend))
    e = "unknown backend '" + v->text + "'";
  f.no_others(e);
  return e;
}

}  // namespace

LoadedTrace load_trace(std::string_view text, std::string_view filename) {
  LoadedTrace out;
  int line_no = 0, first_line = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;

    Json object;
    Transition t;
    Backend backend = Backend::linux_io_uring;
    std::string error = Reader(line).object_line(object);
    if (error.empty()) error = transition_from(object, t, backend);
    if (error.empty() && first_line && backend != out.trace.backend)
      error = std::string("backend '") + backend_name(backend) + "' differs from line " +
              std::to_string(first_line) + "'s '" + backend_name(out.trace.backend) + "'";
    if (!error.empty()) {
      out.errors.push_back(std::string(filename) + ":" + std::to_string(line_no) + ": " + error);
      continue;
    }
    if (!first_line) {
      first_line = line_no;
      out.trace.backend = backend;
    }
    out.trace.transitions.push_back(t);
  }
  if (!out.errors.empty()) out.trace.transitions.clear();
  return out;
}

LoadedTrace load_trace_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in) {
    LoadedTrace out;
    out.errors.push_back(path + ": cannot read the file");
    return out;
  }
  return load_trace(text.str(), path);
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
