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

Transition posted_recv(uint32_t op, uint32_t size) {
  Transition t = server(Api::WSARecv, Kind::posted, 0, 0, size);
  t.op = op;
  t.wsabuf_count = 1;
  t.wsabuf_len[0] = size;
  return t;
}

// WSARecv's answer as a transition: SOCKET_ERROR + WSA_IO_PENDING pending. 0, completed at once:
// with a routine or a port the completion is still delivered later (the routine runs in the
// alertable wait, the packet is dequeued), so it is queued from the start.
Transition recv_answer(int r, int32_t e, uint32_t op, const WSAOVERLAPPED& ov) {
  Transition t = server(
      Api::WSARecv,
      r == 0 ? Kind::completion_queued : (e == WSA_IO_PENDING ? Kind::pending : Kind::failed), r,
      e);
  t.op = op;
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

// ---- IOCP -------------------------------------------------------------------------------------
struct Port::Impl {
  Recorder& recorder;
  HANDLE port = nullptr;
  SOCKET s = INVALID_SOCKET;
  mutable std::mutex receives_lock;
  struct Receive {
    WSAOVERLAPPED ov{};
    uint32_t op = 0;
    std::vector<char> buffer;
  };
  std::list<Receive> receives;  // in flight; stay put: the kernel writes into them
  std::mutex answer_lock;       // held by post_recv until the answer is recorded (Port's comment)
  explicit Impl(Recorder& r) : recorder(r) {}
  ~Impl() {
    if (!port) return;
    for (Receive& r : receives) CancelIoEx(reinterpret_cast<HANDLE>(s), &r.ov);
    for (size_t left = receives.size(); left > 0; --left) {  // never leave the kernel a buffer
      DWORD bytes = 0;
      ULONG_PTR key = 0;
      LPOVERLAPPED got = nullptr;
      if (!GetQueuedCompletionStatus(port, &bytes, &key, &got, 2000) && !got) break;
    }
    CloseHandle(port);
  }
};

Port::Port(Recorder& recorder) : impl_(std::make_unique<Impl>(recorder)) {}
Port::~Port() = default;

std::string Port::create() {
  Impl& d = *impl_;
  d.port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
  const int32_t error = d.port ? 0 : static_cast<int32_t>(GetLastError());
  Transition created = server(Api::CreateIoCompletionPort, d.port ? Kind::option_set : Kind::failed,
                              d.port ? 1 : 0, error, 0, Api::CreateIoCompletionPort);
  created.op = 0;
  created.session = kNoSession;  // the port belongs to no session
  d.recorder.add(created);
  return d.port ? std::string() : failed("CreateIoCompletionPort", error);
}

std::string Port::associate(models_io::Socket socket, uint64_t key) {
  Impl& d = *impl_;
  d.s = sock(socket);
  HANDLE same =
      CreateIoCompletionPort(reinterpret_cast<HANDLE>(d.s), d.port, static_cast<ULONG_PTR>(key), 0);
  const int32_t error = same ? 0 : static_cast<int32_t>(GetLastError());
  Transition associated =
      server(Api::CreateIoCompletionPort, same ? Kind::option_set : Kind::failed,
             same ? static_cast<int32_t>(key) : 0, error, 0, Api::CreateIoCompletionPort);
  associated.op = 0;
  d.recorder.add(associated);
  return same ? std::string() : failed("CreateIoCompletionPort (associate)", error);
}

std::string Port::post_recv(models_io::Socket socket, uint32_t op, uint32_t size) {
  Impl& d = *impl_;
  std::lock_guard answer(d.answer_lock);
  Impl::Receive* receive = nullptr;
  {
    std::lock_guard lock(d.receives_lock);
    receive = &d.receives.emplace_back();
    receive->op = op;
    receive->buffer.assign(std::max<uint32_t>(size, 1), '\0');
  }
  WSABUF buf{size, receive->buffer.data()};
  DWORD flags = 0;
  d.recorder.add(posted_recv(op, size));
  // The packet comes through the port even when WSARecv completes at once.
  const int r = WSARecv(sock(socket), &buf, 1, nullptr, &flags, &receive->ov, nullptr);
  const int32_t e = r == SOCKET_ERROR ? WSAGetLastError() : 0;
  d.recorder.add(recv_answer(r, e, op, receive->ov));
  if (r == SOCKET_ERROR && e != WSA_IO_PENDING) {
    std::lock_guard lock(d.receives_lock);
    d.receives.remove_if([&](const Impl::Receive& x) { return &x == receive; });
    return failed("WSARecv", e);
  }
  return {};
}

std::string Port::work(milliseconds timeout, bool give_up, WorkerHandOff* hand_off) {
  Impl& d = *impl_;
  for (;;) {
    d.recorder.add(thread_state(Api::GetQueuedCompletionStatus, Kind::blocked));
    if (hand_off) hand_off->entering_wait();
    DWORD bytes = 0;
    ULONG_PTR key = 0;
    LPOVERLAPPED got = nullptr;
    BOOL ok = FALSE;
    int32_t error = 0;
    for (;;) {
      ok = GetQueuedCompletionStatus(d.port, &bytes, &key, &got, ms(timeout));
      error = ok ? 0 : static_cast<int32_t>(GetLastError());
      if (ok || got || give_up || error != WAIT_TIMEOUT) break;
    }
    if (!ok && !got) return failed("GetQueuedCompletionStatus", error);  // nothing dequeued
    std::lock_guard answer(d.answer_lock);
    Transition t = server(Api::GetQueuedCompletionStatus, Kind::dequeued, ok ? 1 : 0, error,
                          static_cast<uint32_t>(bytes));
    t.session = static_cast<uint32_t>(key);  // the key
    t.op = 0;
    t.op_api = Api::PostQueuedCompletionStatus;
    if (got) {
      std::lock_guard lock(d.receives_lock);
      auto it = std::find_if(d.receives.begin(), d.receives.end(),
                             [&](const Impl::Receive& x) { return &x.ov == got; });
      if (it != d.receives.end()) {
        t.op = it->op;
        t.op_api = Api::WSARecv;
        show(t, it->ov);
        copy_data(t, it->buffer.data(), static_cast<uint32_t>(bytes));
        d.receives.erase(it);
      }
    }
    d.recorder.add(t);
    if (key == 0) return {};  // the wake-up: this worker stops
    if (hand_off) hand_off->dequeued_receive();
  }
}

void Port::post_wakeup() {
  Transition wake = server(Api::PostQueuedCompletionStatus, Kind::posted, 1, 0, 0,
                           Api::PostQueuedCompletionStatus);
  wake.session = 0;  // the wake-up key
  wake.op = 0;
  impl_->recorder.add(wake);
  PostQueuedCompletionStatus(impl_->port, 0, 0, nullptr);
}

void Port::before_close(models_io::Socket) {}  // closesocket aborts them: through the port

size_t Port::in_flight() const {
  std::lock_guard lock(impl_->receives_lock);
  return impl_->receives.size();
}

}  // namespace netcore::windows_models_io
