// The built-in demos. Each waits on transitions (Driver::await), never on a timer, so what the
// student sees — pending or immediate — is decided by the kernel alone.
#include "netcore/scenarios.hpp"

#include <string>

namespace netcore {
namespace {

constexpr const char* kHello = "Hello World";  // the lecture's message, in a 100-byte buffer
constexpr uint32_t kLectureSize = 100;
constexpr uint32_t kRecvSize = 1024;

// Shortcuts that turn "the op did not end" into a message naming it.
struct Steps {
  Driver& d;
  std::string error;

  bool reached(uint32_t op, Kind kind, const char* what) {
    if (!error.empty()) return false;
    if (d.await_kind(op, kind)) return true;
    error = std::string("timed out waiting for ") + what;
    return false;
  }
  std::optional<Transition> ended(uint32_t op, const char* what) {
    if (!error.empty()) return std::nullopt;
    if (auto t = d.await_end(op)) return t;
    error = std::string("timed out waiting for ") + what + " to complete";
    return std::nullopt;
  }
};

std::string recv_pending(Driver& d) {
  Steps s{d, {}};
  // 1 -> 2: nothing has been sent yet, so the receive cannot complete now.
  const uint32_t recv = d.engine().submit(post_recv(kServerSession, kRecvSize));
  s.reached(recv, Kind::pending, "the WSARecv to go pending");
  // The client's data arrives: the kernel finishes the receive and signals its event (3, 4).
  const uint32_t send = d.engine().submit(post_send(kClientSession, kHello, kLectureSize));
  s.ended(send, "the WSASend");
  s.ended(recv, "the WSARecv");
  return s.error;
}

std::string recv_immediate(Driver& d) {
  Steps s{d, {}};
  const uint32_t send = d.engine().submit(post_send(kClientSession, kHello, kLectureSize));
  s.ended(send, "the WSASend");
  // The 100 bytes are already in the server's receive buffer: WSARecv returns 0 (1 -> 2).
  const uint32_t recv = d.engine().submit(post_recv(kServerSession, kRecvSize));
  s.ended(recv, "the WSARecv");
  return s.error;
}

std::string send_pending(Driver& d) {
  Steps s{d, {}};
  Engine& e = d.engine();
  // Small kernel buffers and a server that does not read: the send buffer fills up.
  e.submit(set_buffer(kClientSession, true, 4096));
  e.submit(set_buffer(kServerSession, false, 4096));
  uint32_t stuck = 0;
  for (int i = 0; i < 64 && !stuck && s.error.empty(); ++i) {
    const uint32_t send = e.submit(post_send_bytes(kClientSession, 64 * 1024));
    const auto t = d.await([&](const Transition& x) {
      return x.op == send && (x.kind == Kind::pending || ends_op(x.kind));
    });
    if (!t)
      s.error = "timed out waiting for a WSASend to return";
    else if (t->kind == Kind::pending)
      stuck = send;
    else if (t->kind == Kind::failed)
      s.error = "a WSASend failed before any went pending";
  }
  if (!stuck && s.error.empty()) s.error = "no WSASend went pending after 64 x 64 KiB";
  // The server starts reading: the kernel drains the buffers and completes the send whole.
  // (A roomy receive buffer again, or TCP trickles 4 KiB windows with 200 ms pauses.)
  e.submit(set_buffer(kServerSession, false, 256 * 1024));
  Command read = set_reading(kServerSession, true);
  read.size = 64 * 1024;
  e.submit(read);
  s.ended(stuck, "the pending WSASend");
  e.submit(set_reading(kServerSession, false));
  return s.error;
}

std::string scatter_gather(Driver& d) {
  Steps s{d, {}};
  // Two WSABUFs on each side: gathered into one stream, scattered into two buffers.
  const uint32_t recv = d.engine().submit(post_recv(kServerSession, 40, 2));
  s.reached(recv, Kind::pending, "the WSARecv to go pending");
  const uint32_t send = d.engine().submit(
      post_send(kClientSession, "Hello from WSABUF[0]..and from WSABUF[1]", 40, 2));
  s.ended(send, "the WSASend");
  s.ended(recv, "the WSARecv");
  return s.error;
}

std::string close_while_pending(Driver& d) {
  Steps s{d, {}};
  const uint32_t recv = d.engine().submit(post_recv(kServerSession, kRecvSize));
  s.reached(recv, Kind::pending, "the WSARecv to go pending");
  // closesocket with I/O pending: the kernel aborts the operation and signals its event.
  d.engine().submit(close_session(kServerSession));
  s.ended(recv, "the aborted WSARecv");
  return s.error;
}

std::string peer_close(Driver& d) {
  Steps s{d, {}};
  const uint32_t recv = d.engine().submit(post_recv(kServerSession, kRecvSize));
  s.reached(recv, Kind::pending, "the WSARecv to go pending");
  // The client closes: the pending receive completes with 0 bytes.
  d.engine().submit(close_session(kClientSession));
  s.ended(recv, "the WSARecv");
  return s.error;
}

std::string lecture(Driver& d, int count) {
  Steps s{d, {}};
  Engine& e = d.engine();
  // Server: a WSARecv always posted. Client: WSASend "Hello World" (100 bytes), wait, repeat.
  // The server's receives are counted as the run goes, each transition looked at once, so the
  // cost of a message does not grow with the messages before it.
  uint64_t sent = 0;
  uint64_t received = 0;
  d.pump();  // what came before the lecture is not its own
  Driver::Position counted = d.end();
  const uint64_t missed_before = d.missed();
  const auto count_received = [&](const Transition& t) {
    if (t.session == kServerSession && t.op_api == Api::WSARecv && ends_op(t.kind))
      received += t.bytes;
    return false;
  };
  e.submit(set_reading(kServerSession, true));
  for (int i = 0; i < count && s.error.empty(); ++i) {
    const uint32_t send = e.submit(post_send(kClientSession, kHello, kLectureSize));
    if (const auto t = s.ended(send, "the WSASend")) sent += t->bytes;
    d.await_from(counted, count_received, std::chrono::milliseconds(0));
  }
  // Done when the server has received every byte the client sent.
  const auto all_received = [&](const Transition& t) {
    count_received(t);
    return received >= sent;
  };
  if (received < sent && !d.await_from(counted, all_received, std::chrono::seconds(10)) &&
      s.error.empty())
    s.error = "the server did not receive every byte";
  if (d.missed() > missed_before && s.error.empty())
    s.error = std::to_string(d.missed() - missed_before) +
              " transitions left the driver's window before they were counted";
  e.submit(set_reading(kServerSession, false));
  return s.error;
}

}  // namespace

const std::vector<ScenarioInfo>& scenarios() {
  static const std::vector<ScenarioInfo> list = {
      {"recv-pending", "WSARecv posted before data: pending, signaled, fetched (1-2-3-4)"},
      {"recv-immediate", "data first, then WSARecv: it completes immediately (1-2)"},
      {"send-pending", "the server does not read: a WSASend goes pending, then completes whole"},
      {"scatter-gather", "send from 2 WSABUFs, receive into 2"},
      {"close-while-pending", "closesocket with a WSARecv pending: it fails with an abort code"},
      {"peer-close", "the client closes: the pending WSARecv completes with 0 bytes"},
      {"lecture", "the lecture's server and client loops for --count N messages"},
  };
  return list;
}

bool scenario_exists(std::string_view name) {
  for (const ScenarioInfo& s : scenarios())
    if (name == s.name) return true;
  return false;
}

std::string run_scenario(std::string_view name, Driver& d, const ScenarioOptions& options) {
  if (name == "recv-pending") return recv_pending(d);
  if (name == "recv-immediate") return recv_immediate(d);
  if (name == "send-pending") return send_pending(d);
  if (name == "scatter-gather") return scatter_gather(d);
  if (name == "close-while-pending") return close_while_pending(d);
  if (name == "peer-close") return peer_close(d);
  if (name == "lecture") return lecture(d, options.count);
  return "unknown scenario '" + std::string(name) + "'";
}

}  // namespace netcore
