// The three Windows I/O models with Winsock's real calls (windows_models.hpp).
// winsock2.h must come before windows.h (which would pull in the old winsock.h).
// clang-format off
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
// clang-format on

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <list>

#include "../windows_models_io.hpp"

namespace netcore::windows_models_io {
namespace {
using namespace std::chrono;

SOCKET sock(models_io::Socket s) {
  return static_cast<SOCKET>(s);
}

DWORD ms(milliseconds m) {
  return static_cast<DWORD>(m.count());
}

std::string failed(const char* call, int32_t error) {
  return std::string(call) + " failed: " + models_io::describe_error(error);
}

// HasOverlappedIoCompleted, read as the kernel writes it: from another context, so volatile.
bool completed(const WSAOVERLAPPED& ov) {
  return *static_cast<const volatile ULONG_PTR*>(&ov.Internal) != STATUS_PENDING;
}

void show(Transition& t, const WSAOVERLAPPED& ov) {
  t.ov_internal = *static_cast<const volatile ULONG_PTR*>(&ov.Internal);
  t.ov_internal_high = *static_cast<const volatile ULONG_PTR*>(&ov.InternalHigh);
  t.ov_event = reinterpret_cast<uintptr_t>(ov.hEvent);
}

// WSARecv's answer (recv_answer) with the OVERLAPPED as it stands.
Transition recv_answer(int r, int32_t e, uint32_t op, const WSAOVERLAPPED& ov) {
  Transition t = windows_models_io::recv_answer({r, e}, op);
  show(t, ov);
  return t;
}

}  // namespace

// ---- WSAEventSelect --------------------------------------------------------------------------
struct EventSelect::Impl {
  Recorder& recorder;
  SOCKET s = INVALID_SOCKET;
  WSAEVENT ev = WSACreateEvent();
  std::atomic<bool> woken{false};
  explicit Impl(Recorder& r) : recorder(r) {}
  ~Impl() {
    if (s != INVALID_SOCKET) WSAEventSelect(s, nullptr, 0);  // still non-blocking
    if (ev != WSA_INVALID_EVENT) WSACloseEvent(ev);
  }
};

EventSelect::EventSelect(Recorder& recorder) : impl_(std::make_unique<Impl>(recorder)) {}
EventSelect::~EventSelect() = default;

std::string EventSelect::select(models_io::Socket socket) {
  Impl& d = *impl_;
  if (d.ev == WSA_INVALID_EVENT) return failed("WSACreateEvent", WSAGetLastError());
  d.s = sock(socket);
  const int r = WSAEventSelect(d.s, d.ev, FD_READ | FD_CLOSE);
  const int32_t error = r == SOCKET_ERROR ? WSAGetLastError() : 0;
  Transition selected =
      server(Api::WSAEventSelect, r == 0 ? Kind::option_set : Kind::failed, r, error, 0, Api::recv);
  selected.op = 0;  // the socket's setting, no receive yet
  selected.ov_event = reinterpret_cast<uintptr_t>(d.ev);
  d.recorder.add(selected);
  return r == 0 ? std::string() : failed("WSAEventSelect", error);
}

EventSelect::Woke EventSelect::wait(milliseconds timeout, std::string& error) {
  Impl& d = *impl_;
  Transition t = server(Api::WSAWaitForMultipleEvents, Kind::blocked, 1, 0, 0, Api::recv);
  t.op = op;
  d.recorder.add(t);
  const DWORD w = WSAWaitForMultipleEvents(1, &d.ev, FALSE, ms(timeout), FALSE);
  if (d.woken.load()) return Woke::woken;  // wake() set the event: no network event to report
  if (w != WSA_WAIT_EVENT_0) {
    const int32_t e = w == WSA_WAIT_FAILED ? WSAGetLastError() : 0;
    t.kind = Kind::failed;
    t.result = static_cast<int32_t>(w);
    t.error = e;
    d.recorder.add(t);
    error = w == WSA_WAIT_TIMEOUT ? "no network event within the timeout"
                                  : failed("WSAWaitForMultipleEvents", e);
    return w == WSA_WAIT_TIMEOUT ? Woke::timeout : Woke::failed;
  }
  t.kind = Kind::signaled;
  t.result = 0;
  d.recorder.add(t);
  return Woke::event;
}

int32_t EventSelect::network_events(std::string& error) {
  Impl& d = *impl_;
  WSANETWORKEVENTS events{};
  const int e = WSAEnumNetworkEvents(d.s, d.ev, &events);  // also resets the event
  int32_t code = e == SOCKET_ERROR ? WSAGetLastError() : 0;
  if (!code && (events.lNetworkEvents & FD_READ)) code = events.iErrorCode[FD_READ_BIT];
  if (!code && (events.lNetworkEvents & FD_CLOSE)) code = events.iErrorCode[FD_CLOSE_BIT];
  Transition t = server(Api::WSAEnumNetworkEvents, Kind::network_events,
                        e == SOCKET_ERROR ? e : static_cast<int32_t>(events.lNetworkEvents), code,
                        0, Api::recv);
  t.op = op;
  d.recorder.add(t);
  if (e == SOCKET_ERROR) {
    error = failed("WSAEnumNetworkEvents", code);
    return -1;
  }
  return static_cast<int32_t>(events.lNetworkEvents);
}

int32_t EventSelect::recv(char* buffer, uint32_t len, std::string& error) {
  const int n = ::recv(impl_->s, buffer, static_cast<int>(len), 0);
  Transition t =
      server(Api::recv,
             n > 0    ? Kind::completed_immediately
             : n == 0 ? Kind::peer_closed
                      : Kind::failed,
             n, n < 0 ? WSAGetLastError() : 0, n > 0 ? static_cast<uint32_t>(n) : 0, Api::recv);
  t.op = op;
  if (n > 0) copy_data(t, buffer, static_cast<uint32_t>(n));
  impl_->recorder.add(t);
  if (n < 0) {
    error = failed("recv", t.error);
    return -1;
  }
  return n;
}

void EventSelect::wake() {
  impl_->woken = true;
  WSASetEvent(impl_->ev);
}

// ---- Completion routines ----------------------------------------------------------------------
namespace {

// The routine's own record: the WSAOVERLAPPED first, so the pointer Winsock hands back is it.
struct RoutineCall {
  WSAOVERLAPPED ov{};  // hEvent is free for the program: the routine does not use it
  std::vector<char> buffer;
  Recorder* recorder = nullptr;
  size_t* ran_count = nullptr;
  uint32_t op = kRecvOp;
  bool queued = false;  // completion_queued was recorded
  bool ran = false;
};

void CALLBACK recv_routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD /*flags*/) {
  auto* call = reinterpret_cast<RoutineCall*>(ov);
  call->ran = true;
  ++*call->ran_count;
  Transition t = server(Api::SleepEx, Kind::callback, 0, static_cast<int32_t>(error),
                        static_cast<uint32_t>(bytes));
  t.op = call->op;
  show(t, *ov);
  copy_data(t, call->buffer.data(), static_cast<uint32_t>(bytes));
  call->recorder->add(t);
}

}  // namespace

struct Routines::Impl {
  Recorder& recorder;
  std::list<RoutineCall> calls;  // stay put: the kernel writes into them
  size_t ran = 0;
  SOCKET s = INVALID_SOCKET;
  explicit Impl(Recorder& r) : recorder(r) {}
  ~Impl() {  // never free an OVERLAPPED under a pending receive
    for (RoutineCall& c : calls)
      if (!completed(c.ov)) CancelIoEx(reinterpret_cast<HANDLE>(s), &c.ov);
    for (int i = 0; i < 200 && std::any_of(calls.begin(), calls.end(),
                                           [](const RoutineCall& c) { return !c.ran; });
         ++i)
      SleepEx(10, TRUE);  // the aborted receives' routines run here
  }
};

Routines::Routines(Recorder& recorder) : impl_(std::make_unique<Impl>(recorder)) {}
Routines::~Routines() = default;

std::string Routines::init() {
  return {};
}

std::string Routines::post(models_io::Socket socket, uint32_t op, uint32_t size) {
  Impl& d = *impl_;
  d.s = sock(socket);
  RoutineCall& call = d.calls.emplace_back();
  call.recorder = &d.recorder;
  call.ran_count = &d.ran;
  call.op = op;
  call.buffer.assign(std::max<uint32_t>(size, 1), '\0');
  WSABUF buf{size, call.buffer.data()};
  DWORD flags = 0;
  d.recorder.add(posted_recv(op, size));
  const int r = WSARecv(d.s, &buf, 1, nullptr, &flags, &call.ov, recv_routine);
  const int32_t e = r == SOCKET_ERROR ? WSAGetLastError() : 0;
  // Even a receive that completes at once queues its routine for the alertable wait.
  d.recorder.add(recv_answer(r, e, op, call.ov));
  call.queued = r == 0;
  if (r == SOCKET_ERROR && e != WSA_IO_PENDING) {
    d.calls.pop_back();
    return failed("WSARecv", e);
  }
  return {};
}

bool Routines::look() {
  bool newly = false;
  for (RoutineCall& call : impl_->calls) {
    if (call.queued || call.ran || !completed(call.ov)) continue;
    call.queued = newly = true;
    Transition queued = server(Api::WSARecv, Kind::completion_queued);
    queued.op = call.op;
    show(queued, call.ov);
    impl_->recorder.add(queued);
  }
  return newly;
}

bool Routines::waiting_for_completion() const {
  return any_not_completed(impl_->calls);
}

size_t Routines::routines_ran() const {
  return impl_->ran;
}

int32_t Routines::alertable_wait(milliseconds timeout) {
  Impl& d = *impl_;
  d.recorder.add(thread_state(Api::SleepEx, Kind::blocked));
  const DWORD woke = SleepEx(ms(timeout), TRUE);  // WAIT_IO_COMPLETION: routines ran
  d.recorder.add(thread_state(Api::SleepEx, Kind::unblocked, static_cast<int32_t>(woke)));
  d.calls.remove_if([](const RoutineCall& c) { return c.ran; });
  return static_cast<int32_t>(woke);
}

void Routines::before_close(models_io::Socket) {}  // closesocket aborts them itself

// ---- IOCP: the completion port's calls --------------------------------------------------------
namespace {

WSAOVERLAPPED& overlapped_of(PortReceive& r) {
  static_assert(sizeof(WSAOVERLAPPED) <= sizeof r.overlapped);
  static_assert(offsetof(PortReceive, overlapped) == 0);
  return *reinterpret_cast<WSAOVERLAPPED*>(r.overlapped);
}

const WSAOVERLAPPED& overlapped_of(const PortReceive& r) {
  return *reinterpret_cast<const WSAOVERLAPPED*>(r.overlapped);
}

}  // namespace

struct CompletionPort::Impl {
  HANDLE port = nullptr;
};

CompletionPort::CompletionPort(uint32_t threads, uint32_t /*receives*/) : impl_(new Impl) {
  impl_->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, threads);
  error_ = impl_->port ? 0 : static_cast<int32_t>(GetLastError());
}

CompletionPort::~CompletionPort() {
  if (impl_->port) CloseHandle(impl_->port);
  delete impl_;
}

int32_t CompletionPort::associate(models_io::Socket s, uint64_t key) {
  HANDLE same = CreateIoCompletionPort(reinterpret_cast<HANDLE>(sock(s)), impl_->port,
                                       static_cast<ULONG_PTR>(key), 0);
  return same ? 0 : static_cast<int32_t>(GetLastError());
}

models_io::CallResult CompletionPort::post_recv(PortReceive& r) {
  WSAOVERLAPPED& ov = overlapped_of(r);
  ov = WSAOVERLAPPED{};
  WSABUF buf{r.size, r.buffer};
  DWORD flags = 0;
  const int rc = WSARecv(sock(r.socket), &buf, 1, nullptr, &flags, &ov, nullptr);
  return {rc, rc == SOCKET_ERROR ? WSAGetLastError() : 0};
}

Packet CompletionPort::dequeue(milliseconds timeout) {
  Packet p;
  DWORD bytes = 0;
  ULONG_PTR key = 0;
  LPOVERLAPPED got = nullptr;
  const BOOL ok = GetQueuedCompletionStatus(impl_->port, &bytes, &key, &got, ms(timeout));
  p.ok = ok;
  p.error = ok ? 0 : static_cast<int32_t>(GetLastError());
  if (!ok && !got) {  // nothing dequeued: the wait itself failed or timed out
    p.timed_out = p.error == WAIT_TIMEOUT;
    return p;
  }
  p.dequeued = true;
  p.bytes = static_cast<uint32_t>(bytes);
  p.key = static_cast<uint64_t>(key);
  p.receive = reinterpret_cast<PortReceive*>(got);
  return p;
}

void CompletionPort::post_wake() {
  PostQueuedCompletionStatus(impl_->port, 0, 0, nullptr);
}

void CompletionPort::cancel(PortReceive& r) {
  CancelIoEx(reinterpret_cast<HANDLE>(sock(r.socket)), &overlapped_of(r));
}

void CompletionPort::before_close(PortReceive&) {}  // closesocket aborts it: through the port

void CompletionPort::show(Transition& t, const PortReceive& r) const {
  windows_models_io::show(t, overlapped_of(r));
}

}  // namespace netcore::windows_models_io
