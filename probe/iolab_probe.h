// iolab_probe.h: your own Winsock program on iolab's timeline.
//
//   #include <winsock2.h>
//   #include "iolab_probe.h"   // after <winsock2.h>; C++17, MSVC or mingw-w64
//
// Every call below is routed through a thin wrapper that calls the real function first and then
// reports what it did as iolab transitions (one JSON object per line, the format of
// docs/trace.schema.json): WSARecv, WSASend (also their completion-routine form),
// WSAWaitForMultipleEvents, WSAGetOverlappedResult, WSACreateEvent, WSAResetEvent,
// WSACloseEvent, closesocket, CancelIoEx, accept, connect, SleepEx, CreateIoCompletionPort,
// GetQueuedCompletionStatus, PostQueuedCompletionStatus.
//
// Where the lines go: IOLAB_PROBE_FILE=path.jsonl (a trace `iolab --replay` opens), else
// IOLAB_PROBE=HOST:PORT (default 127.0.0.1:7001, where `iolab-cli watch` listens). The stream
// starts with one line naming the program: {"probe":"server.exe","pid":1234} (a file has no
// such line: it stays a plain trace).
//
// The probe never changes the program: the wrappers return what the real call returned and leave
// WSAGetLastError()/GetLastError() as the real call left them. Lines are queued and written in
// batches by the probe's own thread, which makes one connection attempt; if nothing listens, every
// line is dropped and counted (iolab_probe::dropped()), and the program runs as without the probe.
// What is captured and what is not: docs/probe.md.
#pragma once
#ifndef _WINSOCK2API_
#error "include <winsock2.h> before iolab_probe.h"
#endif
#include <windows.h>
#include <ws2tcpip.h>
#ifdef _MSC_VER
#pragma comment(lib, "ws2_32.lib")
#endif

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

namespace iolab_probe {

constexpr size_t kDataCapacity = 64;    // iolab's Transition::data: first bytes of a buffer
constexpr size_t kMaxQueued = 1 << 16;  // lines waiting for the writer; beyond: dropped
constexpr DWORD kExitFlushMs = 3000;    // at exit, how long the writer may take to drain
// At exit, how long a writer that has not yet connected may take to do so: a program that ends
// at once must still be seen (under load Wine was seen to need more than kExitFlushMs just to
// start the writer and connect), while a wrong address cannot hold the exit forever.
constexpr DWORD kExitConnectMs = 20000;
constexpr int kConnectTries = 5;  // connection attempts, kConnectRetryMs apart
constexpr DWORD kConnectRetryMs = 200;
// The writer wakes for a batch of this many lines, or after kBatchWaitMs with what is queued:
// waking it (and a send) per line cost more than the line itself (docs/probe.md, "Cost").
constexpr size_t kBatchLines = 256;
constexpr int kBatchWaitMs = 4;

// Restores both error values on scope exit: the wrapper's own work (locks, lookups, the
// queue) must not leave a different WSAGetLastError()/GetLastError() behind.
class ErrorKeeper {
 public:
  ErrorKeeper() : wsa_(::WSAGetLastError()), win_(::GetLastError()) {}
  ~ErrorKeeper() {
    ::SetLastError(win_);
    ::WSASetLastError(wsa_);
  }
  int wsa() const { return wsa_; }
  DWORD win() const { return win_; }
  ErrorKeeper(const ErrorKeeper&) = delete;
  ErrorKeeper& operator=(const ErrorKeeper&) = delete;

 private:
  int wsa_;
  DWORD win_;
};

// One overlapped operation as the program posted it.
struct Op {
  uint32_t id = 0;
  uint32_t session = 0;  // the socket's value
  uint16_t slot = 0;     // which OVERLAPPED (one number per distinct struct)
  bool send = false;
  const char* buf = nullptr;  // the first WSABUF: the program must keep it alive while pending
  size_t buf_len = 0;
  HANDLE event = nullptr;
  // The completion-routine form: the program's routine, called by the probe's own (see
  // routine_trampoline), and whether completion_queued was reported.
  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = nullptr;
  bool queued_reported = false;
};

// The alertable wait this thread is in (a completion routine runs inside it), or "none".
inline const char*& alertable_wait() {
  thread_local const char* api = "none";
  return api;
}

// One line's fields (the names of iolab's Transition).
struct Line {
  uint32_t session = 0, op = 0;
  uint16_t slot = 0;
  const char* api = "none";
  const char* op_api = "none";
  const char* event = "posted";
  int32_t result = 0, error = 0;
  uint32_t bytes = 0;
  const char* data = nullptr;
  size_t data_len = 0;
  uint32_t wsabufs[4] = {};
  int wsabuf_count = 0;
  const OVERLAPPED* ov = nullptr;
  uint64_t ov_event = 0;
};

inline const char* error_name(int32_t code) {
  switch (code) {
    case WSA_IO_PENDING:
      return "WSA_IO_PENDING";
    case WSA_IO_INCOMPLETE:
      return "WSA_IO_INCOMPLETE";
    case WSA_OPERATION_ABORTED:
      return "WSA_OPERATION_ABORTED";
    case WSAEWOULDBLOCK:
      return "WSAEWOULDBLOCK";
    case WSAEALREADY:
      return "WSAEALREADY";
    case WSAEISCONN:
      return "WSAEISCONN";
    case WSAECONNRESET:
      return "WSAECONNRESET";
    case WSAECONNABORTED:
      return "WSAECONNABORTED";
    case WSAECONNREFUSED:
      return "WSAECONNREFUSED";
    case WSAENOTSOCK:
      return "WSAENOTSOCK";
    case WSAEINVAL:
      return "WSAEINVAL";
    case WSAEFAULT:
      return "WSAEFAULT";
    case WSAENOTCONN:
      return "WSAENOTCONN";
    case WSAESHUTDOWN:
      return "WSAESHUTDOWN";
    default:
      return "";
  }
}

inline void append_escaped(std::string& out, const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
}

// iolab's data_as_text: printable text without its trailing zeros, else "0x" + hex.
inline void append_data(std::string& out, const char* d, size_t len) {
  size_t end = len;
  while (end > 0 && d[end - 1] == '\0') --end;
  bool printable = true;
  for (size_t i = 0; i < end; ++i) {
    const char c = d[i];
    printable &= (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
  }
  out += '"';
  if (printable) {
    append_escaped(out, d, end);
  } else {
    char hex[3];
    out += "0x";
    for (size_t i = 0; i < len; ++i) {
      std::snprintf(hex, sizeof hex, "%02x", unsigned(uint8_t(d[i])));
      out += hex;
    }
  }
  out += '"';
}

class Probe {
 public:
  static Probe& get() {
    static Probe probe;
    return probe;
  }

  uint64_t dropped() const { return dropped_.load(); }

  // --- The bookkeeping the wrappers share (all under mutex_).
  std::mutex mutex_;
  std::unordered_map<const void*, Op> ops_;           // OVERLAPPED* -> its latest op
  std::unordered_map<const void*, uint16_t> slots_;   // OVERLAPPED* -> slot number
  std::unordered_map<uint32_t, int> would_block_;     // socket -> last call that would block
  std::unordered_map<const void*, bool> own_events_;  // made by WSACreateEvent: manual-reset
  std::unordered_map<uint32_t, bool> port_sockets_;   // sockets on a completion port
  uint32_t next_op_ = 1;

  uint16_t slot_of(const void* ov) {
    auto it = slots_.find(ov);
    if (it != slots_.end()) return it->second;
    const uint16_t slot = uint16_t(slots_.size() + 1);
    slots_.emplace(ov, slot);
    return slot;
  }

  // Formats one line (format_jsonl's fields and order) and queues it; mutex_ is held, so seq is
  // gap-free and in the order the calls returned.
  void emit(const Line& l) {
    if (failed_.load(std::memory_order_relaxed)) {  // nobody listens: count, format nothing
      ++seq_;
      ++dropped_;
      return;
    }
    std::string& s = scratch_;  // under mutex_: one buffer, no allocation per line
    s.clear();
    char buf[256];
    LARGE_INTEGER now;
    ::QueryPerformanceCounter(&now);
    const uint64_t t_ns = uint64_t(double(now.QuadPart) * 1e9 / double(frequency_.QuadPart));
    std::snprintf(buf, sizeof buf,
                  "{\"seq\":%llu,\"t_ns\":%llu,\"thread\":%lu,\"session\":%lu,\"op\":%lu,"
                  "\"slot\":%u,",
                  (unsigned long long)seq_++, (unsigned long long)t_ns,
                  (unsigned long)::GetCurrentThreadId(), (unsigned long)l.session,
                  (unsigned long)l.op, unsigned(l.slot));
    s += buf;
    std::snprintf(buf, sizeof buf,
                  "\"api\":\"%s\",\"op_api\":\"%s\",\"event\":\"%s\",\"result\":%ld,"
                  "\"error\":%ld,\"error_name\":\"%s\",\"bytes\":%lu,\"data\":",
                  l.api, l.op_api, l.event, long(l.result), long(l.error), error_name(l.error),
                  (unsigned long)l.bytes);
    s += buf;
    const size_t data_len = l.data_len < kDataCapacity ? l.data_len : kDataCapacity;
    append_data(s, l.data, l.data ? data_len : 0);
    std::snprintf(buf, sizeof buf, ",\"data_len\":%u,\"wsabufs\":[",
                  unsigned(l.data ? data_len : 0));
    s += buf;
    for (int i = 0; i < l.wsabuf_count && i < 4; ++i) {
      std::snprintf(buf, sizeof buf, "%s%lu", i ? "," : "", (unsigned long)l.wsabufs[i]);
      s += buf;
    }
    uint64_t internal = 0, internal_high = 0, event = l.ov_event;
    bool signaled = false;
    if (l.ov) {  // the program's own OVERLAPPED, read as it is now
      internal = uint64_t(l.ov->Internal);
      internal_high = uint64_t(l.ov->InternalHigh);
      event = uint64_t(uintptr_t(l.ov->hEvent));
    }
    // Only a manual-reset event (WSACreateEvent's) can be looked at: a wait would reset an
    // auto-reset one and change the program.
    if (event && own_events_.count(reinterpret_cast<const void*>(uintptr_t(event))))
      signaled = ::WaitForSingleObject(HANDLE(uintptr_t(event)), 0) == WAIT_OBJECT_0;
    std::snprintf(buf, sizeof buf,
                  "],\"ov\":{\"internal\":%llu,\"internal_high\":%llu,\"event\":%llu,"
                  "\"signaled\":%s,\"cqe_ready\":false},\"backend\":\"Winsock\"}\n",
                  (unsigned long long)internal, (unsigned long long)internal_high,
                  (unsigned long long)event, signaled ? "true" : "false");
    s += buf;
    queue(s);
  }

  ~Probe() {
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      closing_ = true;
    }
    queue_ready_.notify_all();
    if (writer_.joinable()) {
      // The writer connects, drains what is queued, then ends; a stuck peer must not hold the
      // exit.
      ::WaitForSingleObject(writer_connected_, kExitConnectMs);
      if (::WaitForSingleObject(writer_done_, kExitFlushMs) == WAIT_OBJECT_0)
        writer_.join();
      else
        writer_.detach();
    }
  }

 private:
  Probe() {
    ::QueryPerformanceFrequency(&frequency_);
    writer_done_ = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
    writer_connected_ = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
  }

  // Appends the line to the batch; wakes the writer only when a batch is full.
  void queue(const std::string& line) {
    bool full = false;
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      if (failed_ || queued_lines_ >= kMaxQueued) {
        ++dropped_;
        return;
      }
      queued_ += line;
      full = ++queued_lines_ == kBatchLines;
      if (!writer_.joinable()) writer_ = std::thread([this] { write_all(); });
    }
    if (full) queue_ready_.notify_one();
  }

  // The probe's own name line: the program's file name and process id.
  static std::string hello() {
    char path[MAX_PATH] = {};
    ::GetModuleFileNameA(nullptr, path, MAX_PATH);
    const char* name = path;
    for (const char* p = path; *p; ++p)
      if (*p == '\\' || *p == '/') name = p + 1;
    std::string s = "{\"probe\":\"";
    append_escaped(s, name, std::strlen(name));
    s += "\",\"pid\":" + std::to_string(::GetCurrentProcessId()) + "}\n";
    return s;
  }

  // The writer thread: opens the file or connects once, then writes every queued line.
  void write_all() {
    WSADATA wsa;
    const bool started = ::WSAStartup(MAKEWORD(2, 2), &wsa) == 0;
    SOCKET sock = INVALID_SOCKET;
    FILE* file = nullptr;
    if (const char* path = std::getenv("IOLAB_PROBE_FILE"); path && *path) {
      file = std::fopen(path, "wb");
    } else if (started) {
      // A few tries: the watcher may start a moment after the program, and a connect under a
      // loaded Wine was seen to fail once where the next would not (probe_test, 1 run in ~15).
      sock = connect_to(std::getenv("IOLAB_PROBE"));
      for (int tries = 1; sock == INVALID_SOCKET && tries < kConnectTries; ++tries) {
        ::Sleep(kConnectRetryMs);
        sock = connect_to(std::getenv("IOLAB_PROBE"));
      }
      if (sock != INVALID_SOCKET) send_all(sock, hello());
    }
    const bool ok = file || sock != INVALID_SOCKET;
    ::SetEvent(writer_connected_);  // or failed to: either way the exit need not wait for it
    std::unique_lock<std::mutex> lock(queue_mutex_);
    auto drop_queued = [this] {  // under queue_mutex_
      failed_ = true;
      dropped_ += queued_lines_;
      queued_.clear();
      queued_lines_ = 0;
    };
    if (!ok) drop_queued();
    std::string out;  // the batch being written; its capacity is kept from batch to batch
    while (ok) {
      queue_ready_.wait_for(lock, std::chrono::milliseconds(kBatchWaitMs),
                            [this] { return closing_ || queued_lines_ >= kBatchLines; });
      if (queued_lines_ == 0) {
        if (closing_) break;  // all written
        continue;
      }
      out.swap(queued_);  // in the order queued: one writer, one buffer
      queued_lines_ = 0;
      lock.unlock();
      const bool written =
          file ? std::fwrite(out.data(), 1, out.size(), file) == out.size() : send_all(sock, out);
      out.clear();
      lock.lock();
      if (!written) {  // the watcher went away: from now on, count
        drop_queued();
        break;
      }
    }
    lock.unlock();
    if (file) std::fclose(file);
    if (sock != INVALID_SOCKET) ::closesocket(sock);
    if (started) ::WSACleanup();
    ::SetEvent(writer_done_);
  }

  static bool send_all(SOCKET s, const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      const int n = ::send(s, data.data() + done, int(data.size() - done), 0);
      if (n <= 0) return false;
      done += size_t(n);
    }
    return true;
  }

  static SOCKET connect_to(const char* target) {
    std::string host = "127.0.0.1", port = "7001";
    if (target && *target) {
      const std::string t = target;
      const size_t colon = t.rfind(':');
      if (colon == std::string::npos) return INVALID_SOCKET;
      host = t.substr(0, colon);
      port = t.substr(colon + 1);
    }
    addrinfo hints = {};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return INVALID_SOCKET;
    SOCKET s = ::socket(found->ai_family, found->ai_socktype, found->ai_protocol);
    if (s != INVALID_SOCKET && ::connect(s, found->ai_addr, int(found->ai_addrlen)) != 0) {
      ::closesocket(s);
      s = INVALID_SOCKET;
    }
    ::freeaddrinfo(found);
    return s;
  }

  LARGE_INTEGER frequency_{};
  uint64_t seq_ = 0;  // under mutex_
  std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::string queued_;       // lines waiting for the writer, in seq order
  size_t queued_lines_ = 0;  // how many
  std::string scratch_;      // emit's line, under mutex_
  bool closing_ = false;
  std::atomic<bool> failed_{false};  // no watcher (or it went away): lines are only counted
  std::atomic<uint64_t> dropped_{0};
  std::thread writer_;
  HANDLE writer_done_ = nullptr;
  HANDLE writer_connected_ = nullptr;
};

inline uint64_t dropped() {
  return Probe::get().dropped();
}

// Sums of the WSABUFs, their lengths, and the first buffer's first bytes.
inline void describe_bufs(Line& l, const WSABUF* bufs, DWORD count) {
  l.wsabuf_count = int(count < 4 ? count : 4);
  for (DWORD i = 0; i < count; ++i) {
    if (i < 4) l.wsabufs[i] = bufs[i].len;
    l.bytes += bufs[i].len;
  }
}

// A line about one op the probe knows, its OVERLAPPED read as it is now.
inline Line op_line(const Op& op, const void* ov, const char* api, const char* event) {
  Line l;
  l.session = op.session;
  l.op = op.id;
  l.slot = op.slot;
  l.api = api;
  l.op_api = op.send ? "WSASend" : "WSARecv";
  l.event = event;
  l.ov = static_cast<const OVERLAPPED*>(ov);
  return l;
}

inline void CALLBACK routine_trampoline(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags);
inline void report_queued(Probe& p);

// An op's end: its buffer as it is now, what a receive got (l.bytes) or what a send holds.
inline void buffer_now(Line& l, const Op& op) {
  if (!op.buf) return;
  const size_t n = op.send ? op.buf_len : l.bytes;
  l.data = op.buf;
  l.data_len = n < op.buf_len ? n : op.buf_len;
}

inline int post(bool send, SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD bytes, LPDWORD flags,
                DWORD send_flags, LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
  Probe& p = Probe::get();
  Line posted;
  posted.session = uint32_t(s);
  posted.api = posted.op_api = send ? "WSASend" : "WSARecv";
  describe_bufs(posted, bufs, count);
  // What a send hands to the kernel, read before the call: the bytes as posted.
  std::string sent;
  if (send && count > 0 && bufs[0].buf)
    sent.assign(bufs[0].buf, bufs[0].len < kDataCapacity ? bufs[0].len : kDataCapacity);
  // The completion-routine form: Winsock calls the probe's routine, which reports `callback`
  // and then calls the program's (with the same arguments, in the same alertable wait).
  LPWSAOVERLAPPED_COMPLETION_ROUTINE called = routine ? &routine_trampoline : nullptr;
  const int r = send ? ::WSASend(s, bufs, count, bytes, send_flags, ov, called)
                     : ::WSARecv(s, bufs, count, bytes, flags, ov, called);
  ErrorKeeper keep;
  std::lock_guard<std::mutex> lock(p.mutex_);
  Op op;
  op.id = p.next_op_++;
  op.session = uint32_t(s);
  op.send = send;
  if (count > 0) {
    op.buf = bufs[0].buf;
    op.buf_len = bufs[0].len;
  }
  if (ov) {
    op.slot = p.slot_of(ov);
    op.event = routine ? nullptr : ov->hEvent;  // with a routine, hEvent is the program's own
  }
  op.routine = routine;
  posted.op = op.id;
  posted.slot = op.slot;
  posted.data = sent.data();
  posted.data_len = sent.size();
  if (!send) posted.data = nullptr;
  posted.ov_event = uint64_t(uintptr_t(op.event));
  p.emit(posted);

  Line out = posted;
  // The call itself returned this (as iolab's engine reports it): api stays WSARecv/WSASend.
  out.data = nullptr;
  out.wsabuf_count = 0;
  out.result = r;
  out.ov = ov;
  if (r == 0) {
    out.bytes = bytes ? *bytes : (ov ? uint32_t(ov->InternalHigh) : 0);
    const bool closed = !send && out.bytes == 0;
    out.event = closed ? "peer_closed" : "completed_immediately";
    if (!send && op.buf) {
      out.data = op.buf;
      out.data_len = out.bytes < op.buf_len ? out.bytes : op.buf_len;
    }
    // A routine is queued even when the call completed at once: the op lives until it runs.
    // So is a port's packet (a socket on a completion port): the op lives until dequeued.
    if (ov && (routine || p.port_sockets_.count(op.session)))
      p.ops_[ov] = op;
    else if (ov)
      p.ops_.erase(ov);
  } else {
    out.error = keep.wsa();
    out.bytes = 0;
    out.event = out.error == WSA_IO_PENDING ? "pending" : "failed";
    if (ov && out.error == WSA_IO_PENDING) p.ops_[ov] = op;
  }
  p.emit(out);
  return r;
}

inline int WSARecv_(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD bytes, LPDWORD flags,
                    LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
  return post(false, s, bufs, count, bytes, flags, 0, ov, routine);
}

inline int WSASend_(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD bytes, DWORD flags,
                    LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine) {
  return post(true, s, bufs, count, bytes, nullptr, flags, ov, routine);
}

inline DWORD WSAWaitForMultipleEvents_(DWORD count, const WSAEVENT* events, BOOL wait_all,
                                       DWORD timeout, BOOL alertable) {
  Probe& p = Probe::get();
  const char* outer = alertable_wait();
  {
    ErrorKeeper keep;
    std::lock_guard<std::mutex> lock(p.mutex_);
    if (alertable) {  // completion routines may run in this wait
      alertable_wait() = "WSAWaitForMultipleEvents";
      report_queued(p);
    }
    // One line per event waited on: the thread (op 0) blocks on it.
    for (DWORD i = 0; i < count; ++i) {
      Line l;
      l.api = "WSAWaitForMultipleEvents";
      l.event = "blocked";
      l.result = int32_t(count);
      l.ov_event = uint64_t(uintptr_t(events[i]));
      p.emit(l);
    }
  }
  const DWORD r = ::WSAWaitForMultipleEvents(count, events, wait_all, timeout, alertable);
  alertable_wait() = outer;
  ErrorKeeper keep;
  std::lock_guard<std::mutex> lock(p.mutex_);
  const bool one = r >= WSA_WAIT_EVENT_0 && r < WSA_WAIT_EVENT_0 + count;
  bool any = false;
  // The real index, mapped to the op(s) whose hEvent it is (with fWaitAll: every event).
  for (DWORD i = 0; one && i < count; ++i) {
    if (!wait_all && i != r - WSA_WAIT_EVENT_0) continue;
    for (auto& [ov, op] : p.ops_) {
      if (op.event != events[i]) continue;
      Line l = op_line(op, ov, "WSAWaitForMultipleEvents", "signaled");
      l.result = int32_t(r);
      p.emit(l);
      any = true;
    }
  }
  if (!any) {  // timeout, failure, or an event no pending op uses
    Line l;
    l.api = "WSAWaitForMultipleEvents";
    l.event = "unblocked";
    l.result = int32_t(r);
    l.error = r == WSA_WAIT_FAILED ? keep.wsa() : 0;
    if (one) l.ov_event = uint64_t(uintptr_t(events[r - WSA_WAIT_EVENT_0]));
    p.emit(l);
  }
  return r;
}

inline BOOL WSAGetOverlappedResult_(SOCKET s, LPWSAOVERLAPPED ov, LPDWORD bytes, BOOL wait,
                                    LPDWORD flags) {
  const BOOL r = ::WSAGetOverlappedResult(s, ov, bytes, wait, flags);
  Probe& p = Probe::get();
  ErrorKeeper keep;
  std::lock_guard<std::mutex> lock(p.mutex_);
  Line l;
  l.session = uint32_t(s);
  l.api = "WSAGetOverlappedResult";
  l.result = r;
  l.ov = ov;
  const auto it = p.ops_.find(ov);
  const Op* op = it == p.ops_.end() ? nullptr : &it->second;
  if (op) {
    l.op = op->id;
    l.slot = op->slot;
    l.op_api = op->send ? "WSASend" : "WSARecv";
  }
  if (r) {
    l.bytes = bytes ? *bytes : 0;
    const bool closed = op && !op->send && l.bytes == 0;
    l.event = closed ? "peer_closed" : "result_fetched";
    if (op) buffer_now(l, *op);
  } else {
    l.error = keep.wsa();
    l.event = "failed";
  }
  p.emit(l);
  // Still pending (WSA_IO_INCOMPLETE): the op lives on; otherwise it has ended.
  if (op && !(r == FALSE && l.error == WSA_IO_INCOMPLETE)) p.ops_.erase(it);
  return r;
}

// Events: no line of their own (they change no op's life). The probe remembers which events
// WSACreateEvent made: only those (manual-reset) are looked at for ov.signaled.
inline WSAEVENT WSACreateEvent_() {
  const WSAEVENT e = ::WSACreateEvent();
  ErrorKeeper keep;
  Probe& p = Probe::get();
  std::lock_guard<std::mutex> lock(p.mutex_);
  if (e != WSA_INVALID_EVENT) p.own_events_[e] = true;
  return e;
}
inline BOOL WSAResetEvent_(WSAEVENT e) {
  return ::WSAResetEvent(e);
}
inline BOOL WSACloseEvent_(WSAEVENT e) {
  const BOOL r = ::WSACloseEvent(e);
  ErrorKeeper keep;
  Probe& p = Probe::get();
  std::lock_guard<std::mutex> lock(p.mutex_);
  p.own_events_.erase(e);
  return r;
}

inline int closesocket_(SOCKET s) {
  const int r = ::closesocket(s);
  Probe& p = Probe::get();
  ErrorKeeper keep;
  std::lock_guard<std::mutex> lock(p.mutex_);
  Line l;
  l.session = uint32_t(s);
  l.api = "closesocket";
  l.event = "closed";
  l.result = r;
  l.error = r ? keep.wsa() : 0;
  p.emit(l);
  p.would_block_.erase(uint32_t(s));
  p.port_sockets_.erase(uint32_t(s));
  return r;
}

inline BOOL CancelIoEx_(HANDLE h, LPOVERLAPPED ov) {
  const BOOL r = ::CancelIoEx(h, ov);
  Probe& p = Probe::get();
  ErrorKeeper keep;
  std::lock_guard<std::mutex> lock(p.mutex_);
  for (auto& [key, op] : p.ops_) {
    if (op.session != uint32_t(uintptr_t(h)) || (ov && key != ov)) continue;
    Line l = op_line(op, key, "CancelIoEx", "canceled");
    l.result = r;
    l.error = r ? 0 : int32_t(::GetLastError());
    p.emit(l);
  }
  return r;
}

// The completion routine Winsock calls for a post made with one: `callback` (api: the alertable
// wait it runs in), then the program's routine.
inline void CALLBACK routine_trampoline(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD flags) {
  Probe& p = Probe::get();
  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine = nullptr;
  {
    ErrorKeeper keep;
    std::lock_guard<std::mutex> lock(p.mutex_);
    const auto it = p.ops_.find(ov);
    if (it != p.ops_.end() && it->second.routine) {
      const Op& op = it->second;
      routine = op.routine;
      Line l = op_line(op, ov, alertable_wait(), "callback");
      l.error = int32_t(error);
      l.bytes = bytes;
      buffer_now(l, op);
      p.emit(l);
      p.ops_.erase(it);
    }
  }
  if (routine) routine(error, bytes, ov, flags);
}

// Entering an alertable wait: each routine op whose OVERLAPPED already holds its result
// (Internal is no longer STATUS_PENDING) has its completion queued, waiting for this wait.
// Only what is seen here is reported: a completion that arrives during the wait has `callback`
// alone. mutex_ is held.
inline void report_queued(Probe& p) {
  for (auto& [ov, op] : p.ops_) {
    if (!op.routine || op.queued_reported) continue;
    if (static_cast<const OVERLAPPED*>(ov)->Internal == STATUS_PENDING) continue;
    op.queued_reported = true;
    p.emit(op_line(op, ov, alertable_wait(), "completion_queued"));
  }
}

// A thread line (op 0) of `api`.
inline Line thread_line(const char* api, const char* event, int32_t result) {
  Line l;
  l.api = l.op_api = api;
  l.event = event;
  l.result = result;
  return l;
}

inline DWORD SleepEx_(DWORD ms, BOOL alertable) {
  Probe& p = Probe::get();
  const char* outer = alertable_wait();
  {
    ErrorKeeper keep;
    std::lock_guard<std::mutex> lock(p.mutex_);
    if (alertable) {
      alertable_wait() = "SleepEx";
      report_queued(p);
    }
    p.emit(thread_line("SleepEx", "blocked", int32_t(ms)));
  }
  const DWORD r = ::SleepEx(ms, alertable);  // the routines run in here (routine_trampoline)
  ErrorKeeper keep;
  alertable_wait() = outer;
  std::lock_guard<std::mutex> lock(p.mutex_);
  p.emit(thread_line("SleepEx", "unblocked", int32_t(r)));  // 192: WAIT_IO_COMPLETION
  return r;
}

// I/O completion ports: the port's setup, the packets posted, and each dequeue mapped to the op
// whose OVERLAPPED it returned.
inline HANDLE CreateIoCompletionPort_(HANDLE file, HANDLE port, ULONG_PTR key, DWORD threads) {
  const HANDLE r = ::CreateIoCompletionPort(file, port, key, threads);
  ErrorKeeper keep;
  Probe& p = Probe::get();
  std::lock_guard<std::mutex> lock(p.mutex_);
  Line l = thread_line("CreateIoCompletionPort", "option_set", r != nullptr);
  if (file != INVALID_HANDLE_VALUE) {  // a socket joins the port
    l.session = uint32_t(uintptr_t(file));
    if (r) p.port_sockets_[l.session] = true;
  }
  l.error = r ? 0 : int32_t(keep.win());
  p.emit(l);
  return r;
}

inline BOOL PostQueuedCompletionStatus_(HANDLE port, DWORD bytes, ULONG_PTR key, LPOVERLAPPED ov) {
  const BOOL r = ::PostQueuedCompletionStatus(port, bytes, key, ov);
  ErrorKeeper keep;
  Probe& p = Probe::get();
  std::lock_guard<std::mutex> lock(p.mutex_);
  Line l = thread_line("PostQueuedCompletionStatus", "posted", r);
  l.bytes = bytes;
  l.error = r ? 0 : int32_t(keep.win());
  p.emit(l);
  return r;
}

inline BOOL GetQueuedCompletionStatus_(HANDLE port, LPDWORD bytes, PULONG_PTR key, LPOVERLAPPED* ov,
                                       DWORD ms) {
  Probe& p = Probe::get();
  {
    ErrorKeeper keep;
    std::lock_guard<std::mutex> lock(p.mutex_);
    p.emit(thread_line("GetQueuedCompletionStatus", "blocked", 0));
  }
  const BOOL r = ::GetQueuedCompletionStatus(port, bytes, key, ov, ms);
  ErrorKeeper keep;
  std::lock_guard<std::mutex> lock(p.mutex_);
  const LPOVERLAPPED got = ov ? *ov : nullptr;
  const auto it = got ? p.ops_.find(got) : p.ops_.end();
  Line l;
  if (it != p.ops_.end()) {  // an op's completion: its bytes, its buffer
    const Op& op = it->second;
    l = op_line(op, got, "GetQueuedCompletionStatus", "dequeued");
    l.bytes = bytes ? *bytes : 0;
    buffer_now(l, op);
  } else {  // a posted packet (or an op the probe did not see), or nothing: a timeout, a failure
    l = thread_line("GetQueuedCompletionStatus", got || r ? "dequeued" : "unblocked", 0);
    l.bytes = bytes && (got || r) ? *bytes : 0;
  }
  l.result = r;
  l.error = r ? 0 : int32_t(keep.win());
  p.emit(l);
  if (it != p.ops_.end()) p.ops_.erase(it);
  return r;
}

inline int local_port(SOCKET s) {
  sockaddr_in a = {};
  int len = sizeof a;
  return ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0 ? ntohs(a.sin_port) : 0;
}

// accept and connect: a run of "not yet" (WSAEWOULDBLOCK, WSAEALREADY) on one socket, as the
// lecture's non-blocking loops make, is one would_block line, not thousands.
inline void setup_line(SOCKET s, const char* api, const char* done, bool ok, int error,
                       SOCKET session) {
  Probe& p = Probe::get();
  std::lock_guard<std::mutex> lock(p.mutex_);
  const bool not_yet = error == WSAEWOULDBLOCK || error == WSAEALREADY;
  int& last = p.would_block_[uint32_t(s)];
  if (not_yet && last == error) return;
  last = not_yet ? error : 0;
  Line l;
  l.session = uint32_t(session);
  l.api = api;
  l.event = ok ? done : not_yet ? "would_block" : "failed";
  l.error = ok ? 0 : error;
  l.result = ok ? local_port(session) : -1;
  p.emit(l);
}

inline SOCKET accept_(SOCKET s, sockaddr* addr, int* len) {
  const SOCKET r = ::accept(s, addr, len);
  ErrorKeeper keep;
  setup_line(s, "accept", "accepted", r != INVALID_SOCKET, r == INVALID_SOCKET ? keep.wsa() : 0,
             r == INVALID_SOCKET ? s : r);
  return r;
}

inline int connect_(SOCKET s, const sockaddr* addr, int len) {
  const int r = ::connect(s, addr, len);
  ErrorKeeper keep;
  const int error = r ? keep.wsa() : 0;
  // The lecture's non-blocking loop ends on WSAEISCONN: the socket is connected.
  setup_line(s, "connect", "connected", r == 0 || error == WSAEISCONN, error, s);
  return r;
}

}  // namespace iolab_probe

#define WSARecv iolab_probe::WSARecv_
#define WSASend iolab_probe::WSASend_
#define WSAWaitForMultipleEvents iolab_probe::WSAWaitForMultipleEvents_
#define WSAGetOverlappedResult iolab_probe::WSAGetOverlappedResult_
#define WSACreateEvent iolab_probe::WSACreateEvent_
#define WSAResetEvent iolab_probe::WSAResetEvent_
#define WSACloseEvent iolab_probe::WSACloseEvent_
#define closesocket iolab_probe::closesocket_
#define CancelIoEx iolab_probe::CancelIoEx_
#define accept iolab_probe::accept_
#define connect iolab_probe::connect_
#define SleepEx iolab_probe::SleepEx_
#define CreateIoCompletionPort iolab_probe::CreateIoCompletionPort_
#define PostQueuedCompletionStatus iolab_probe::PostQueuedCompletionStatus_
#define GetQueuedCompletionStatus iolab_probe::GetQueuedCompletionStatus_
