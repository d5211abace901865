// The three Windows I/O models with io_uring's own answers (windows_models.hpp):
//   WSAEventSelect             IORING_OP_POLL_ADD(POLLIN | POLLRDHUP) armed on the socket; one
//                              shot, so it is armed again after each recv, as Winsock's recv
//                              re-enables FD_READ
//   WSAWaitForMultipleEvents   io_uring_wait_cqe_timeout for the poll's CQE
//   WSAEnumNetworkEvents       the poll's result mask: FD_READ while bytes are waiting
//                              (FIONREAD), FD_CLOSE once the peer's FIN is all that is left, as
//                              Winsock posts FD_CLOSE only after the data is read
//   completion routine         the issuing thread's own ring; the CQE waits in its CQ
//                              (io_uring_peek_cqe: "completion queued") until the thread's
//                              alertable wait, which calls the routine for each CQE
//   SleepEx(..., TRUE)         io_uring_wait_cqe_timeout on that ring, then the routines; it
//                              answers WSA_WAIT_IO_COMPLETION when one ran
//   CreateIoCompletionPort     a ring (the port) and a key chosen for the socket: io_uring has no
//                              association, each SQE's user_data carries key << 32 | op
//   GetQueuedCompletionStatus  io_uring_wait_cqe on the shared ring. Workers share the ring: the
//                              CQ side behind one lock, the SQ side behind another (liburing's
//                              rings are single-producer, single-consumer)
//   PostQueuedCompletionStatus an IORING_OP_NOP whose user_data is the wake-up key 0
#include <liburing.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "../windows_models_io.hpp"

namespace netcore::windows_models_io {
namespace {
using namespace std::chrono;

constexpr int32_t kFdRead = 1, kFdClose = 32;  // winsock2.h's FD_READ, FD_CLOSE
constexpr uint64_t kPending = 0x103;           // STATUS_PENDING, as the backend shows it

int fd_of(models_io::Socket s) {
  return static_cast<int>(s);
}

__kernel_timespec timespec_of(milliseconds ms) {
  __kernel_timespec ts{};
  ts.tv_sec = ms.count() / 1000;
  ts.tv_nsec = (ms.count() % 1000) * 1'000'000;
  return ts;
}

// A ring for one model run, freed with it.
struct Ring {
  io_uring ring{};
  int error = 0;
  explicit Ring(unsigned entries = 8) { error = -io_uring_queue_init(entries, &ring, 0); }
  ~Ring() {
    if (!error) io_uring_queue_exit(&ring);
  }
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;
};

std::string failed(const char* call, int32_t error) {
  return std::string(call) + " failed: " + models_io::describe_error(error);
}

// Submits one prepared SQE; 0 or the errno.
int32_t submit(io_uring& ring) {
  const int n = io_uring_submit(&ring);
  return n == 1 ? 0 : (n < 0 ? -n : EIO);
}

// Waits up to `timeout` for a CQE; 0 or the errno (ETIME when none came).
int32_t wait_cqe(io_uring& ring, io_uring_cqe*& cqe, milliseconds timeout) {
  __kernel_timespec ts = timespec_of(timeout);
  return -io_uring_wait_cqe_timeout(&ring, &cqe, &ts);
}

// Never leave an SQE in flight on a buffer about to be freed: cancel it and reap until none.
void drain(io_uring& ring, int in_flight) {
  if (in_flight <= 0) return;
  io_uring_sqe* sqe = io_uring_get_sqe(&ring);
  io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY);
  io_uring_sqe_set_data64(sqe, ~0ull);
  io_uring_submit(&ring);
  io_uring_cqe* cqe = nullptr;
  while (in_flight > 0 && wait_cqe(ring, cqe, milliseconds(2000)) == 0) {
    if (cqe->user_data != ~0ull) --in_flight;
    io_uring_cqe_seen(&ring, cqe);
  }
}

}  // namespace

std::string event_select(Context& c) {
  Ring r;
  if (r.error) return failed("io_uring_queue_init", r.error);
  const int fd = fd_of(c.receiver);
  auto arm = [&] {
    io_uring_sqe* sqe = io_uring_get_sqe(&r.ring);
    io_uring_prep_poll_add(sqe, fd, POLLIN | POLLRDHUP);
    return submit(r.ring);
  };
  int32_t error = arm();
  Transition selected = server(Api::WSAEventSelect, error ? Kind::failed : Kind::option_set,
                               error ? -1 : 0, error, 0, Api::recv);
  selected.ov_event = static_cast<uint64_t>(r.ring.ring_fd);
  c.recorder.add(selected);
  if (error) return failed("IORING_OP_POLL_ADD", error);
  c.client.send();
  int in_flight = 1;
  char buffer[kBytes] = {};
  uint32_t received = 0;
  for (;;) {
    c.recorder.add(server(Api::WSAWaitForMultipleEvents, Kind::blocked, 1, 0, 0, Api::recv));
    io_uring_cqe* cqe = nullptr;
    error = wait_cqe(r.ring, cqe, c.timeout);
    if (error) {
      c.recorder.add(server(Api::WSAWaitForMultipleEvents, Kind::failed, kWsaWaitTimeout, error, 0,
                            Api::recv));
      drain(r.ring, in_flight);
      return "no network event within the timeout (io_uring_wait_cqe_timeout)";
    }
    const int mask = cqe->res;
    io_uring_cqe_seen(&r.ring, cqe);
    --in_flight;
    c.recorder.add(server(Api::WSAWaitForMultipleEvents, Kind::signaled, 0, 0, 0, Api::recv));
    int waiting = 0;
    int32_t events = 0;
    if (mask < 0) {
      error = -mask;
    } else if (ioctl(fd, FIONREAD, &waiting) == 0 && waiting > 0) {
      events = kFdRead;
    } else if (mask & (POLLRDHUP | POLLHUP)) {
      events = kFdClose;
    }
    c.recorder.add(
        server(Api::WSAEnumNetworkEvents, Kind::network_events, events, error, 0, Api::recv));
    if (error) return failed("IORING_OP_POLL_ADD", error);
    if (events & kFdClose) return {};
    if (events & kFdRead) {
      const ssize_t n = recv(fd, buffer + received, kBytes - received, MSG_DONTWAIT);
      Transition t = server(Api::recv, n > 0 ? Kind::completed_immediately : Kind::failed,
                            static_cast<int32_t>(n), n < 0 ? errno : 0,
                            n > 0 ? static_cast<uint32_t>(n) : 0, Api::recv);
      if (n > 0) copy_data(t, buffer + received, static_cast<uint32_t>(n));
      c.recorder.add(t);
      if (n <= 0) return failed("recv", t.error);
      received += static_cast<uint32_t>(n);
      if (received == kBytes) c.client.close();  // all 100 bytes: now the FIN, for FD_CLOSE
    }
    // One shot: armed again for the next round (with no FD_ bit to report too).
    if ((error = arm()) != 0) return failed("IORING_OP_POLL_ADD", error);
    ++in_flight;
  }
}

namespace {

// The completion routine's call: what WSARecv's lpCompletionRoutine gets, and where it ran.
struct RoutineCall {
  char buffer[kBytes] = {};
  Recorder* recorder = nullptr;
  bool ran = false;
};

void recv_routine(RoutineCall& call, int res) {
  call.ran = true;
  const uint32_t bytes = res > 0 ? static_cast<uint32_t>(res) : 0;
  Transition t = server(Api::SleepEx, Kind::callback, res < 0 ? -1 : 0, res < 0 ? -res : 0, bytes);
  copy_data(t, call.buffer, bytes);
  call.recorder->add(t);
}

// SleepEx(timeout, TRUE) on this thread's ring: waits for a CQE, then calls the routine of each.
// WSA_WAIT_IO_COMPLETION when a routine ran, WSA_WAIT_TIMEOUT when none came.
int32_t alertable_wait(io_uring& ring, milliseconds timeout) {
  io_uring_cqe* cqe = nullptr;
  if (wait_cqe(ring, cqe, timeout) != 0) return kWsaWaitTimeout;
  unsigned head = 0, count = 0;
  io_uring_for_each_cqe(&ring, head, cqe) {
    recv_routine(*reinterpret_cast<RoutineCall*>(io_uring_cqe_get_data(cqe)), cqe->res);
    ++count;
  }
  io_uring_cq_advance(&ring, count);
  return kWsaWaitIoCompletion;
}

}  // namespace

std::string completion_routine(Context& c) {
  Ring r;  // this thread's own: its routines run only here
  if (r.error) return failed("io_uring_queue_init", r.error);
  RoutineCall call;
  call.recorder = &c.recorder;
  Transition posted = server(Api::WSARecv, Kind::posted, 0, 0, kBytes);
  posted.wsabuf_count = 1;
  posted.wsabuf_len[0] = kBytes;
  c.recorder.add(posted);
  io_uring_sqe* sqe = io_uring_get_sqe(&r.ring);
  io_uring_prep_recv(sqe, fd_of(c.receiver), call.buffer, kBytes, 0);
  io_uring_sqe_set_data(sqe, &call);
  int32_t error = submit(r.ring);
  if (error) {
    c.recorder.add(server(Api::WSARecv, Kind::failed, kSocketError, error));
    return failed("WSARecv (io_uring_submit)", error);
  }
  io_uring_cqe* cqe = nullptr;
  const bool at_once = io_uring_peek_cqe(&r.ring, &cqe) == 0;
  Transition p = server(Api::WSARecv, at_once ? Kind::completed_immediately : Kind::pending,
                        at_once ? 0 : kSocketError, at_once ? 0 : kWsaIoPending);
  p.ov_internal = kPending;
  c.recorder.add(p);
  c.client.send();
  // Busy: the thread never waits alertably here, it looks at its CQ (HasOverlappedIoCompleted).
  const auto deadline = steady_clock::now() + c.timeout;
  while (io_uring_peek_cqe(&r.ring, &cqe) != 0) {
    if (steady_clock::now() > deadline) {
      drain(r.ring, 1);
      return "the receive did not complete within the timeout";
    }
  }
  Transition queued = server(Api::WSARecv, Kind::completion_queued);
  queued.ov_internal = kPending;  // not reaped: the program has not seen it yet
  queued.ov_internal_high = static_cast<uint64_t>(static_cast<uint32_t>(cqe->res));
  queued.cqe_ready = 1;
  c.recorder.add(queued);
  work_unit(c.recorder, milliseconds(50));  // still busy; the routine still waits
  if (call.ran) return "the routine ran before the thread was alertable";
  c.recorder.add(server(Api::SleepEx, Kind::blocked));
  const int32_t woke = alertable_wait(r.ring, c.timeout);
  c.recorder.add(server(Api::SleepEx, Kind::unblocked, woke));
  if (!call.ran) return "SleepEx returned without running the routine";
  return {};
}

struct Port::Impl {
  Ring ring;
  std::mutex sq_lock, cq_lock;  // the threads share the ring
  explicit Impl(uint32_t entries) : ring(entries) {}
};

constexpr uint64_t kCancelData = ~0ull;  // a cancel request's own CQE, never a packet

Port::Port(uint32_t /*threads*/, uint32_t receives) : impl_(new Impl(receives < 8 ? 8 : receives)) {
  error_ = impl_->ring.error;
}

Port::~Port() {
  delete impl_;
}

int32_t Port::associate(models_io::Socket, uint64_t) {
  return 0;  // no association: the key rides in each receive
}

models_io::CallResult Port::post_recv(PortReceive& r) {
  int32_t error = 0;
  {
    std::lock_guard lock(impl_->sq_lock);
    io_uring_sqe* sqe = io_uring_get_sqe(&impl_->ring.ring);
    if (!sqe) return {kSocketError, EBUSY};
    io_uring_prep_recv(sqe, fd_of(r.socket), r.buffer, kBytes, 0);
    io_uring_sqe_set_data(sqe, &r);
    error = submit(impl_->ring.ring);
  }
  // io_uring does not say whether it completed inside the submit: its CQE is the packet.
  return {kSocketError, error ? error : kWsaIoPending};
}

Packet Port::dequeue(milliseconds timeout) {
  Packet p;
  std::lock_guard lock(impl_->cq_lock);
  const auto deadline = steady_clock::now() + timeout;
  for (;;) {
    io_uring_cqe* cqe = nullptr;
    const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
    if (const int32_t e =
            wait_cqe(impl_->ring.ring, cqe, left.count() > 0 ? left : milliseconds(0));
        e != 0) {
      p.error = e;
      return p;
    }
    const uint64_t data = cqe->user_data;
    const int res = cqe->res;
    io_uring_cqe_seen(&impl_->ring.ring, cqe);
    if (data == kCancelData) continue;
    p.dequeued = true;
    p.receive = reinterpret_cast<PortReceive*>(data);
    p.key = p.receive ? p.receive->key : 0;
    p.ok = res >= 0;
    p.error = res < 0 ? -res : 0;
    p.bytes = res > 0 ? static_cast<uint32_t>(res) : 0;
    return p;
  }
}

void Port::post_wake() {
  std::lock_guard lock(impl_->sq_lock);
  io_uring_sqe* sqe = io_uring_get_sqe(&impl_->ring.ring);
  if (!sqe) return;
  io_uring_prep_nop(sqe);
  io_uring_sqe_set_data64(sqe, 0);
  submit(impl_->ring.ring);
}

void Port::cancel(PortReceive& r) {
  std::lock_guard lock(impl_->sq_lock);
  io_uring_sqe* sqe = io_uring_get_sqe(&impl_->ring.ring);
  if (!sqe) return;
  io_uring_prep_cancel64(sqe, reinterpret_cast<uint64_t>(&r), 0);
  io_uring_sqe_set_data64(sqe, kCancelData);
  submit(impl_->ring.ring);
}

void Port::show(Transition&, const PortReceive&) const {}

std::string iocp(Context& c) {
  Port port(1, 8);  // CreateIoCompletionPort(INVALID_HANDLE_VALUE, ...): the ring is the port
  Transition created =
      server(Api::CreateIoCompletionPort, port.error() ? Kind::failed : Kind::option_set,
             port.error() ? 0 : 1, port.error(), 0, Api::CreateIoCompletionPort);
  created.op = 0;
  created.session = kNoSession;  // the port belongs to no session
  c.recorder.add(created);
  if (port.error()) return failed("io_uring_queue_init", port.error());
  PortReceive receive;
  receive.key = kServerSession;
  receive.socket = c.receiver;
  port.associate(c.receiver, receive.key);
  Transition associated =
      server(Api::CreateIoCompletionPort, Kind::option_set, static_cast<int32_t>(receive.key), 0, 0,
             Api::CreateIoCompletionPort);
  associated.op = 0;
  c.recorder.add(associated);

  Transition posted = server(Api::WSARecv, Kind::posted, 0, 0, kBytes);
  posted.wsabuf_count = 1;
  posted.wsabuf_len[0] = kBytes;
  c.recorder.add(posted);
  const models_io::CallResult r = port.post_recv(receive);
  if (r.error != kWsaIoPending) {
    c.recorder.add(server(Api::WSARecv, Kind::failed, kSocketError, r.error));
    return failed("WSARecv (io_uring_submit)", r.error);
  }
  c.recorder.add(server(Api::WSARecv, Kind::pending, kSocketError, kWsaIoPending));
  c.client.send();

  // The worker: GetQueuedCompletionStatus until the wake-up key 0.
  WorkerHandOff hand_off;
  std::string worker_error;
  bool in_flight = true;
  std::thread worker([&] {
    for (;;) {
      hand_off.entering_wait(c.recorder);
      const Packet p = port.dequeue(c.timeout);
      if (!p.dequeued) {
        worker_error = "GetQueuedCompletionStatus (io_uring_wait_cqe) timed out";
        break;
      }
      Transition t =
          server(Api::GetQueuedCompletionStatus, Kind::dequeued, p.ok ? 1 : 0, p.error, p.bytes);
      t.session = static_cast<uint32_t>(p.key);
      t.op = p.receive ? kRecvOp : 0;
      t.op_api = p.receive ? Api::WSARecv : Api::PostQueuedCompletionStatus;
      if (p.receive) {
        in_flight = false;
        copy_data(t, receive.buffer, t.bytes);
      }
      c.recorder.add(t);
      if (!p.receive) break;  // the wake-up: this worker stops
      hand_off.dequeued_receive();
    }
    hand_off.worker_ended();
  });
  hand_off.wait_for_worker();
  Transition wake = server(Api::PostQueuedCompletionStatus, Kind::posted, 1, 0, 0,
                           Api::PostQueuedCompletionStatus);
  wake.session = 0;  // the wake-up key
  wake.op = 0;
  if (worker_error.empty()) {
    c.recorder.add(wake);
    port.post_wake();
  }
  worker.join();
  if (in_flight) {  // never leave the kernel our buffer
    port.cancel(receive);
    for (Packet p; !p.receive;)
      if (!(p = port.dequeue(milliseconds(2000))).dequeued) break;
  }
  return worker_error;
}

}  // namespace netcore::windows_models_io
