// The three Windows I/O models with Winsock's real calls (windows_models.hpp).
// winsock2.h must come before windows.h (which would pull in the old winsock.h).
// clang-format off
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
// clang-format on

#include <chrono>
#include <cstddef>
#include <cstring>

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

// Never free an OVERLAPPED or buffer under a pending receive: cancel it, then wait (alertably,
// so a routine can run) until the kernel is done with it.
void cancel_and_wait(SOCKET s, WSAOVERLAPPED& ov) {
  if (completed(ov)) return;
  CancelIoEx(reinterpret_cast<HANDLE>(s), &ov);
  for (int i = 0; i < 200 && !completed(ov); ++i) SleepEx(10, TRUE);
}

}  // namespace

std::string event_select(Context& c) {
  const SOCKET s = sock(c.receiver);
  WSAEVENT ev = WSACreateEvent();
  if (ev == WSA_INVALID_EVENT) return failed("WSACreateEvent", WSAGetLastError());
  const int r = WSAEventSelect(s, ev, FD_READ | FD_CLOSE);
  const int32_t select_error = r == SOCKET_ERROR ? WSAGetLastError() : 0;
  Transition selected = server(Api::WSAEventSelect, r == 0 ? Kind::option_set : Kind::failed, r,
                               select_error, 0, Api::recv);
  selected.ov_event = reinterpret_cast<uintptr_t>(ev);
  c.recorder.add(selected);
  std::string error;
  if (r != 0) error = failed("WSAEventSelect", select_error);
  if (error.empty()) c.client.send();
  char buffer[kBytes] = {};
  uint32_t received = 0;
  while (error.empty()) {
    c.recorder.add(server(Api::WSAWaitForMultipleEvents, Kind::blocked, 1, 0, 0, Api::recv));
    const DWORD w = WSAWaitForMultipleEvents(1, &ev, FALSE, ms(c.timeout), FALSE);
    if (w != WSA_WAIT_EVENT_0) {
      const int32_t e = w == WSA_WAIT_FAILED ? WSAGetLastError() : 0;
      c.recorder.add(server(Api::WSAWaitForMultipleEvents, Kind::failed, static_cast<int32_t>(w), e,
                            0, Api::recv));
      error = w == WSA_WAIT_TIMEOUT ? "no network event within the timeout"
                                    : failed("WSAWaitForMultipleEvents", e);
      break;
    }
    c.recorder.add(server(Api::WSAWaitForMultipleEvents, Kind::signaled, 0, 0, 0, Api::recv));
    WSANETWORKEVENTS events{};
    const int e = WSAEnumNetworkEvents(s, ev, &events);  // also resets the event
    int32_t code = e == SOCKET_ERROR ? WSAGetLastError() : 0;
    if (!code && (events.lNetworkEvents & FD_READ)) code = events.iErrorCode[FD_READ_BIT];
    if (!code && (events.lNetworkEvents & FD_CLOSE)) code = events.iErrorCode[FD_CLOSE_BIT];
    c.recorder.add(server(Api::WSAEnumNetworkEvents, Kind::network_events,
                          e == SOCKET_ERROR ? e : static_cast<int32_t>(events.lNetworkEvents), code,
                          0, Api::recv));
    if (e == SOCKET_ERROR) {
      error = failed("WSAEnumNetworkEvents", code);
      break;
    }
    if (events.lNetworkEvents & FD_READ) {
      const int n = recv(s, buffer + received, static_cast<int>(kBytes - received), 0);
      Transition t =
          server(Api::recv, n > 0 ? Kind::completed_immediately : Kind::failed, n,
                 n < 0 ? WSAGetLastError() : 0, n > 0 ? static_cast<uint32_t>(n) : 0, Api::recv);
      if (n > 0) copy_data(t, buffer + received, static_cast<uint32_t>(n));
      c.recorder.add(t);
      if (n <= 0) {
        error = failed("recv", t.error);
        break;
      }
      received += static_cast<uint32_t>(n);
      if (received == kBytes) c.client.close();  // all 100 bytes: now the FIN, for FD_CLOSE
    }
    if (events.lNetworkEvents & FD_CLOSE) break;
  }
  WSAEventSelect(s, nullptr, 0);  // the socket is left as it was (still non-blocking)
  WSACloseEvent(ev);
  return error;
}

namespace {

// The routine's own record: the WSAOVERLAPPED first, so the pointer Winsock hands back is it.
struct RoutineCall {
  WSAOVERLAPPED ov{};
  char buffer[kBytes] = {};
  Recorder* recorder = nullptr;
  bool ran = false;
};

void CALLBACK recv_routine(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD /*flags*/) {
  auto* call = reinterpret_cast<RoutineCall*>(ov);
  call->ran = true;
  Transition t = server(Api::SleepEx, Kind::callback, 0, static_cast<int32_t>(error),
                        static_cast<uint32_t>(bytes));
  show(t, *ov);
  copy_data(t, call->buffer, static_cast<uint32_t>(bytes));
  call->recorder->add(t);
}

}  // namespace

std::string completion_routine(Context& c) {
  const SOCKET s = sock(c.receiver);
  RoutineCall call;  // hEvent is free for the program: the routine does not use it
  call.recorder = &c.recorder;
  WSABUF buf{kBytes, call.buffer};
  DWORD flags = 0;
  Transition posted = server(Api::WSARecv, Kind::posted, 0, 0, kBytes);
  posted.wsabuf_count = 1;
  posted.wsabuf_len[0] = kBytes;
  c.recorder.add(posted);
  const int r = WSARecv(s, &buf, 1, nullptr, &flags, &call.ov, recv_routine);
  const int32_t e = r == SOCKET_ERROR ? WSAGetLastError() : 0;
  // Even a receive that completes at once queues its routine for the alertable wait.
  Transition p = server(
      Api::WSARecv,
      r == 0 ? Kind::completed_immediately : (e == WSA_IO_PENDING ? Kind::pending : Kind::failed),
      r, e);
  show(p, call.ov);
  c.recorder.add(p);
  if (r == SOCKET_ERROR && e != WSA_IO_PENDING) return failed("WSARecv", e);
  c.client.send();
  // Busy: the thread never waits alertably here; it looks at Internal (HasOverlappedIoCompleted).
  const auto deadline = steady_clock::now() + c.timeout;
  while (!completed(call.ov)) {
    if (steady_clock::now() > deadline) {
      cancel_and_wait(s, call.ov);
      return "the receive did not complete within the timeout";
    }
  }
  Transition queued = server(Api::WSARecv, Kind::completion_queued);
  show(queued, call.ov);
  c.recorder.add(queued);
  work_unit(c.recorder, milliseconds(50));  // still busy; the routine still waits
  if (call.ran) return "the routine ran before the thread was alertable";
  c.recorder.add(server(Api::SleepEx, Kind::blocked));
  const DWORD woke = SleepEx(ms(c.timeout), TRUE);  // WAIT_IO_COMPLETION: routines ran
  c.recorder.add(server(Api::SleepEx, Kind::unblocked, static_cast<int32_t>(woke)));
  if (!call.ran) return "SleepEx returned without running the routine";
  return {};
}

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

struct Port::Impl {
  HANDLE port = nullptr;
};

Port::Port(uint32_t threads, uint32_t /*receives*/) : impl_(new Impl) {
  impl_->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, threads);
  error_ = impl_->port ? 0 : static_cast<int32_t>(GetLastError());
}

Port::~Port() {
  if (impl_->port) CloseHandle(impl_->port);
  delete impl_;
}

int32_t Port::associate(models_io::Socket s, uint64_t key) {
  HANDLE same = CreateIoCompletionPort(reinterpret_cast<HANDLE>(sock(s)), impl_->port,
                                       static_cast<ULONG_PTR>(key), 0);
  return same ? 0 : static_cast<int32_t>(GetLastError());
}

models_io::CallResult Port::post_recv(PortReceive& r) {
  WSAOVERLAPPED& ov = overlapped_of(r);
  ov = WSAOVERLAPPED{};
  WSABUF buf{kBytes, r.buffer};
  DWORD flags = 0;
  const int rc = WSARecv(sock(r.socket), &buf, 1, nullptr, &flags, &ov, nullptr);
  return {rc, rc == SOCKET_ERROR ? WSAGetLastError() : 0};
}

Packet Port::dequeue(milliseconds timeout) {
  Packet p;
  DWORD bytes = 0;
  ULONG_PTR key = 0;
  LPOVERLAPPED got = nullptr;
  const BOOL ok = GetQueuedCompletionStatus(impl_->port, &bytes, &key, &got, ms(timeout));
  p.ok = ok;
  p.error = ok ? 0 : static_cast<int32_t>(GetLastError());
  if (!ok && !got) return p;  // nothing dequeued: the wait itself failed or timed out
  p.dequeued = true;
  p.bytes = static_cast<uint32_t>(bytes);
  p.key = static_cast<uint64_t>(key);
  p.receive = reinterpret_cast<PortReceive*>(got);
  return p;
}

void Port::post_wake() {
  PostQueuedCompletionStatus(impl_->port, 0, 0, nullptr);
}

void Port::cancel(PortReceive& r) {
  CancelIoEx(reinterpret_cast<HANDLE>(sock(r.socket)), &overlapped_of(r));
}

void Port::show(Transition& t, const PortReceive& r) const {
  windows_models_io::show(t, overlapped_of(r));
}

std::string iocp(Context& c) {
  Port port(1, 1);
  Transition created =
      server(Api::CreateIoCompletionPort, port.error() ? Kind::failed : Kind::option_set,
             port.error() ? 0 : 1, port.error(), 0, Api::CreateIoCompletionPort);
  created.op = 0;
  created.session = kNoSession;  // the port belongs to no session
  c.recorder.add(created);
  if (port.error()) return failed("CreateIoCompletionPort", port.error());
  PortReceive receive;
  receive.key = kServerSession;
  receive.socket = c.receiver;
  const int32_t assoc_error = port.associate(c.receiver, receive.key);
  Transition associated =
      server(Api::CreateIoCompletionPort, assoc_error ? Kind::failed : Kind::option_set,
             assoc_error ? 0 : static_cast<int32_t>(receive.key), assoc_error, 0,
             Api::CreateIoCompletionPort);
  associated.op = 0;
  c.recorder.add(associated);
  if (assoc_error) return failed("CreateIoCompletionPort (associate)", assoc_error);

  Transition posted = server(Api::WSARecv, Kind::posted, 0, 0, kBytes);
  posted.wsabuf_count = 1;
  posted.wsabuf_len[0] = kBytes;
  c.recorder.add(posted);
  const models_io::CallResult r = port.post_recv(receive);
  Transition p = server(Api::WSARecv,
                        r.ret == 0 ? Kind::completed_immediately
                                   : (r.error == WSA_IO_PENDING ? Kind::pending : Kind::failed),
                        r.ret, r.error);
  port.show(p, receive);
  c.recorder.add(p);
  if (r.ret == SOCKET_ERROR && r.error != WSA_IO_PENDING) return failed("WSARecv", r.error);
  c.client.send();

  // The worker: GetQueuedCompletionStatus until the wake-up key 0.
  WorkerHandOff hand_off;
  std::string worker_error;
  std::thread worker([&] {
    for (;;) {
      hand_off.entering_wait(c.recorder);
      const Packet got = port.dequeue(c.timeout);
      if (!got.dequeued) {
        worker_error = failed("GetQueuedCompletionStatus", got.error);
        break;
      }
      Transition t = server(Api::GetQueuedCompletionStatus, Kind::dequeued, got.ok ? 1 : 0,
                            got.error, got.bytes);
      t.session = static_cast<uint32_t>(got.key);  // the key
      t.op = got.receive ? kRecvOp : 0;
      t.op_api = got.receive ? Api::WSARecv : Api::PostQueuedCompletionStatus;
      if (got.receive) {
        port.show(t, receive);
        copy_data(t, receive.buffer, got.bytes);
      }
      c.recorder.add(t);
      if (got.key == 0) break;  // the wake-up: this worker stops
      hand_off.dequeued_receive();
    }
    hand_off.worker_ended();
  });
  hand_off.wait_for_worker();
  if (worker_error.empty()) {
    Transition wake = server(Api::PostQueuedCompletionStatus, Kind::posted, 1, 0, 0,
                             Api::PostQueuedCompletionStatus);
    wake.session = 0;  // the wake-up key
    wake.op = 0;
    c.recorder.add(wake);
    port.post_wake();
  }
  worker.join();
  if (!completed(
          overlapped_of(receive))) {  // the worker gave up: never leave the kernel our buffer
    port.cancel(receive);
    port.dequeue(milliseconds(2000));
  }
  return worker_error;
}

}  // namespace netcore::windows_models_io
