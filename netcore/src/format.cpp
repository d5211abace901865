#include "netcore/format.hpp"

#include <cinttypes>
#include <cstdio>
#include <string>

#include "netcore/errors.hpp"

namespace netcore {
namespace {

bool printable(char c) {
  return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
}

template <typename... Args>
void appendf(std::string& out, const char* fmt, Args... args) {
  char buf[256];
  const int n = std::snprintf(buf, sizeof buf, fmt, args...);
  if (n > 0) out.append(buf, size_t(n) < sizeof buf ? size_t(n) : sizeof buf - 1);
}

}  // namespace

void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  out += '"';
}

const char* session_name(uint32_t session) {
  switch (session) {
    case kServerSession:
      return "server";
    case kClientSession:
      return "client";
    default:
      return "netcore";
  }
}

std::string data_as_text(const Transition& t) {
  // Trailing zeros are the lecture's padding ("Hello World" in a 100-byte buffer): data_len
  // keeps them, so printable text plus the length is lossless.
  const int len = t.data_len < kDataCapacity ? t.data_len : kDataCapacity;  // a loaded trace
  int end = len;
  while (end > 0 && t.data[end - 1] == '\0') --end;
  bool all_printable = true;
  for (int i = 0; i < end; ++i) all_printable &= printable(t.data[i]);
  if (all_printable) return std::string(t.data, size_t(end));
  std::string hex = "0x";
  for (int i = 0; i < len; ++i) appendf(hex, "%02x", unsigned(uint8_t(t.data[i])));
  return hex;
}

std::string format_jsonl(const Transition& t, Backend backend) {
  std::string s;
  s.reserve(512);
  appendf(s, "{\"seq\":%" PRIu64 ",\"t_ns\":%" PRIu64 ",\"thread\":%u,\"session\":%u,\"op\":%u,",
          t.seq, t.t_ns, t.thread, t.session, t.op);
  appendf(
      s,
      "\"slot\":%u,\"api\":\"%s\",\"op_api\":\"%s\",\"event\":\"%s\",\"result\":%d,\"error\":%d,",
      t.slot, api_name(t.api), api_name(t.op_api), kind_name(t.kind), t.result, t.error);
  s += "\"error_name\":";
  append_json_string(s, error_name(backend, t.error));
  appendf(s, ",\"bytes\":%u,\"data\":", t.bytes);
  append_json_string(s, data_as_text(t));
  appendf(s, ",\"data_len\":%u,\"wsabufs\":[", t.data_len);
  for (int i = 0; i < t.wsabuf_count && i < kMaxWsabufs; ++i)
    appendf(s, "%s%u", i ? "," : "", t.wsabuf_len[i]);
  appendf(s,
          "],\"ov\":{\"internal\":%" PRIu64 ",\"internal_high\":%" PRIu64 ",\"event\":%" PRIu64
          ",\"signaled\":%s,\"cqe_ready\":%s},\"backend\":\"%s\"}",
          t.ov_internal, t.ov_internal_high, t.ov_event, t.event_signaled ? "true" : "false",
          t.cqe_ready ? "true" : "false", backend_name(backend));
  return s;
}

std::string format_text(const Transition& t, Backend backend, uint64_t t0_ns,
                        const char* session_label) {
  const double seconds = t.t_ns >= t0_ns ? double(t.t_ns - t0_ns) / 1e9 : 0.0;
  std::string s;
  appendf(s, "[%10.6f] %-7s ", seconds, session_label ? session_label : session_name(t.session));
  if (t.op)
    appendf(s, "op %-3u ", t.op);
  else
    s += "       ";
  appendf(s, "%-24s %-21s", t.api == Api::none ? "" : api_name(t.api), kind_name(t.kind));

  const char* err = error_name(backend, t.error);
  switch (t.kind) {
    case Kind::posted:
      appendf(s, " %u bytes in %u WSABUF%s", t.bytes, unsigned(t.wsabuf_count),
              t.wsabuf_count == 1 ? "" : "s");
      break;
    case Kind::pending:
      // Only an op with an event signals one: a completion routine's or a port's op has hEvent
      // NULL (its completion is queued: the next lines say where).
      appendf(
          s, " SOCKET_ERROR, %s (%d): %s", err, t.error,
          t.ov_event ? "completion will be signaled" : "hEvent is NULL: no event will be signaled");
      break;
    case Kind::completed_immediately:
    case Kind::result_fetched:
      // The lecture's server prints exactly this line on either path.
      if (t.op_api == Api::WSARecv)
        appendf(s, " Data Recv Len = %u", t.bytes);
      else
        appendf(s, " %u bytes", t.bytes);
      break;
    case Kind::failed:
      if (is_lab_code(t.error))  // made up by the lab, not returned by Winsock: say so
        appendf(s, " %s (%d, the lab's own code, not Winsock's), %u bytes", err, t.error, t.bytes);
      else
        appendf(s, " %s (%d), %u bytes", *err ? err : "error", t.error, t.bytes);
      break;
    case Kind::unwatched:
      s += " still pending, not watched: the wait holds 64 handles (63 ops + the lab's wake-up)";
      break;
    case Kind::watched:
      s += " an older op ended: its event joins the wait";
      break;
    case Kind::would_block:
      appendf(s, " %s (%d)", err, t.error);
      break;
    case Kind::unblocked:
      if (t.api == Api::SleepEx && t.result == kWsaWaitIoCompletion)
        s += " WAIT_IO_COMPLETION (192): completion routines ran";
      else if (t.error)
        appendf(s, " %s (%d)", err, t.error);
      break;
    case Kind::option_set:
      if (t.api == Api::CreateIoCompletionPort && t.session == kNoSession)
        s += " a new port";
      else if (t.api == Api::CreateIoCompletionPort)
        appendf(s, " socket associated, key %d", t.result);
      else if (t.error)
        appendf(s, " %s (%d)", err, t.error);
      break;
    case Kind::completion_queued:
      s += t.api == Api::GetQueuedCompletionStatus ? " the packet waits in the port"
                                                   : " the routine waits for an alertable wait";
      break;
    case Kind::callback:  // what the next lecture's server prints from its routine
      appendf(s, " Data Recv Len Callback = %u", t.bytes);
      if (t.error) appendf(s, ", %s (%d)", err, t.error);
      break;
    case Kind::dequeued:
      appendf(s, " key %u, %u bytes", t.session, t.bytes);
      if (t.error) appendf(s, ", %s (%d)", err, t.error);
      break;
    case Kind::network_events: {
      // WSAEnumNetworkEvents' lNetworkEvents, by the FD_ names of winsock2.h.
      static constexpr struct {
        int32_t bit;
        const char* name;
      } kBits[] = {{1, "FD_READ"},   {2, "FD_WRITE"},    {4, "FD_OOB"},
                   {8, "FD_ACCEPT"}, {16, "FD_CONNECT"}, {32, "FD_CLOSE"}};
      const char* sep = " ";
      for (const auto& b : kBits)
        if (t.result & b.bit) {
          appendf(s, "%s%s", sep, b.name);
          sep = "|";
        }
      if (t.error) appendf(s, ", iErrorCode %s (%d)", err, t.error);
      break;
    }
    case Kind::blocked:
      if (t.api == Api::WSAWaitForMultipleEvents) appendf(s, " on %d event(s)", t.result);
      break;
    case Kind::listening:
    case Kind::connected:
    case Kind::accepted:
      appendf(s, " port %d", t.result);
      break;
    default:
      if (t.error) appendf(s, " %s (%d)", err, t.error);
      break;
  }
  if (t.data_len &&
      (t.kind == Kind::posted || t.kind == Kind::completed_immediately ||
       t.kind == Kind::result_fetched || t.kind == Kind::blocked || t.kind == Kind::unblocked ||
       t.kind == Kind::option_set || t.kind == Kind::callback || t.kind == Kind::dequeued)) {
    std::string text = data_as_text(t);
    if (text.size() > 40) text = text.substr(0, 40) + "...";
    // One transition, one line: what nc sends ends with a newline.
    s += "  \"";
    for (char c : text) {
      if (c == '\n')
        s += "\\n";
      else if (c == '\r')
        s += "\\r";
      else if (c == '\t')
        s += "\\t";
      else
        s += c;
    }
    s += '"';
  }
  return s;
}

}  // namespace netcore
