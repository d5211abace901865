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
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <list>

#include "../windows_models_io.hpp"

namespace netcore::windows_models_io {
namespace {
using namespace std::chrono;

constexpr uint64_t kPending = 0x103;  // STATUS_PENDING, as the backend shows it

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

constexpr uint64_t kCancelData = ~0ull;  // a cancel request's own CQE

// Asks the ring to cancel every request still in flight (its CQE then comes with -ECANCELED).
void cancel_all(io_uring& ring) {
  io_uring_sqe* sqe = io_uring_get_sqe(&ring);
  io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY);
  io_uring_sqe_set_data64(sqe, kCancelData);
  io_uring_submit(&ring);
}

// Never leave an SQE in flight on a buffer about to be freed: cancel it and reap until none.
void drain(io_uring& ring, int in_flight) {
  if (in_flight <= 0) return;
  cancel_all(ring);
  io_uring_cqe* cqe = nullptr;
  while (in_flight > 0 && wait_cqe(ring, cqe, milliseconds(2000)) == 0) {
    if (cqe->user_data != kCancelData) --in_flight;
    io_uring_cqe_seen(&ring, cqe);
  }
}

}  // namespace

// ---- WSAEventSelect --------------------------------------------------------------------------
// The poll carries user_data 1; a second poll on an eventfd (user_data 2) is wake()'s, so another
// thread can end a wait without touching the ring.
constexpr uint64_t kPollData = 1, kWakeData = 2;

struct EventSelect::Impl {
  Recorder& recorder;
  Ring ring;
  int fd = -1;
  int wake_fd = eventfd(0, EFD_CLOEXEC);
  int in_flight = 0;
  bool armed = false;
  int mask = 0;  // the signaled poll's result: WSAEnumNetworkEvents reads it
  explicit Impl(Recorder& r) : recorder(r) {}
  ~Impl() {
    if (!ring.error) drain(ring.ring, in_flight);
    if (wake_fd >= 0) close(wake_fd);
  }
  int32_t arm() {  // one shot: armed again after each recv, as Winsock re-enables FD_READ
    io_uring_sqe* sqe = io_uring_get_sqe(&ring.ring);
    io_uring_prep_poll_add(sqe, fd, POLLIN | POLLRDHUP);
    io_uring_sqe_set_data64(sqe, kPollData);
    const int32_t e = submit(ring.ring);
    if (!e) {
      ++in_flight;
      armed = true;
    }
    return e;
  }
};

EventSelect::EventSelect(Recorder& recorder) : impl_(std::make_unique<Impl>(recorder)) {}
EventSelect::~EventSelect() = default;

std::string EventSelect::select(models_io::Socket s) {
  Impl& d = *impl_;
  if (d.ring.error) return failed("io_uring_queue_init", d.ring.error);
  if (d.wake_fd < 0) return failed("eventfd", errno);
  d.fd = fd_of(s);
  io_uring_sqe* sqe = io_uring_get_sqe(&d.ring.ring);
  io_uring_prep_poll_add(sqe, d.wake_fd, POLLIN);
  io_uring_sqe_set_data64(sqe, kWakeData);
  int32_t error = submit(d.ring.ring);
  if (!error) ++d.in_flight;
  if (!error) error = d.arm();
  Transition selected = server(Api::WSAEventSelect, error ? Kind::failed : Kind::option_set,
                               error ? -1 : 0, error, 0, Api::recv);
  selected.op = 0;  // the socket's setting, no receive yet
  selected.ov_event = static_cast<uint64_t>(d.ring.ring.ring_fd);
  d.recorder.add(selected);
  return error ? failed("IORING_OP_POLL_ADD", error) : std::string();
}

EventSelect::Woke EventSelect::wait(milliseconds timeout, std::string& error) {
  Impl& d = *impl_;
  Transition t = server(Api::WSAWaitForMultipleEvents, Kind::blocked, 1, 0, 0, Api::recv);
  t.op = op;
  d.recorder.add(t);
  if (!d.armed) {  // re-armed here, after the recv that took the bytes
    if (const int32_t e = d.arm(); e != 0) {
      error = failed("IORING_OP_POLL_ADD", e);
      return Woke::failed;
    }
  }
  io_uring_cqe* cqe = nullptr;
  if (const int32_t e = wait_cqe(d.ring.ring, cqe, timeout); e != 0) {
    t.kind = Kind::failed;
    t.result = kWsaWaitTimeout;
    t.error = e;
    d.recorder.add(t);
    error = "no network event within the timeout (io_uring_wait_cqe_timeout)";
    return Woke::timeout;
  }
  if (cqe->user_data == kWakeData) {  // the wake-up's CQE stays, so every later wait returns
    return Woke::woken;
  }
  const int mask = d.mask = cqe->res;
  io_uring_cqe_seen(&d.ring.ring, cqe);
  --d.in_flight;
  d.armed = false;
  t.kind = mask < 0 ? Kind::failed : Kind::signaled;
  t.result = mask < 0 ? -1 : 0;
  t.error = mask < 0 ? -mask : 0;
  d.recorder.add(t);
  if (mask < 0) {
    error = failed("IORING_OP_POLL_ADD", -mask);
    return Woke::failed;
  }
  return Woke::event;
}

int32_t EventSelect::network_events(std::string& error) {
  Impl& d = *impl_;
  int waiting = 0;
  int32_t events = 0;
  if (ioctl(d.fd, FIONREAD, &waiting) != 0) {
    error = failed("ioctl(FIONREAD)", errno);
    return -1;
  }
  if (waiting > 0)
    events = kFdRead;
  else if (d.mask & (POLLRDHUP | POLLHUP))
    events = kFdClose;
  Transition t = server(Api::WSAEnumNetworkEvents, Kind::network_events, events, 0, 0, Api::recv);
  t.op = op;
  d.recorder.add(t);
  return events;
}

int32_t EventSelect::recv(char* buffer, uint32_t len, std::string& error) {
  const ssize_t n = ::recv(impl_->fd, buffer, len, MSG_DONTWAIT);
  Transition t = server(Api::recv,
                        n > 0    ? Kind::completed_immediately
                        : n == 0 ? Kind::peer_closed
                                 : Kind::failed,
                        static_cast<int32_t>(n), n < 0 ? errno : 0,
                        n > 0 ? static_cast<uint32_t>(n) : 0, Api::recv);
  t.op = op;
  if (n > 0) copy_data(t, buffer, static_cast<uint32_t>(n));
  impl_->recorder.add(t);
  if (n < 0) {
    error = failed("recv", t.error);
    return -1;
  }
  return static_cast<int32_t>(n);
}

void EventSelect::wake() {
  if (impl_->wake_fd >= 0) eventfd_write(impl_->wake_fd, 1);
}

// ---- Completion routines ----------------------------------------------------------------------
// The issuing thread's own ring: its CQEs wait in the CQ ("completion queued") until the thread's
// alertable wait calls their routines.
namespace {

// The completion routine's call: what WSARecv's lpCompletionRoutine gets, and where it ran.
struct RoutineCall {
  uint32_t op = kRecvOp;
  std::vector<char> buffer;
  bool queued = false;  // completion_queued was recorded
  bool ran = false;
};

}  // namespace

struct Routines::Impl {
  Recorder& recorder;
  Ring ring;
  std::list<RoutineCall> calls;  // stay put: the ring writes into their buffers
  size_t ran = 0;
  explicit Impl(Recorder& r) : recorder(r) {}
  ~Impl() {  // cancelled, and their routines run, as the thread's last alertable wait would
    if (ring.error || !in_flight()) return;
    cancel_all(ring.ring);
    io_uring_cqe* cqe = nullptr;
    while (in_flight() && wait_cqe(ring.ring, cqe, milliseconds(2000)) == 0) {
      if (cqe->user_data != kCancelData)
        routine(*reinterpret_cast<RoutineCall*>(io_uring_cqe_get_data(cqe)), cqe->res);
      io_uring_cqe_seen(&ring.ring, cqe);
    }
  }
  size_t in_flight() const {
    return static_cast<size_t>(
        std::count_if(calls.begin(), calls.end(), [](const RoutineCall& c) { return !c.ran; }));
  }
  void routine(RoutineCall& call, int res) {  // recv_routine(dwError, cbTransferred, lpOverlapped)
    call.ran = true;
    ++ran;
    const uint32_t bytes = res > 0 ? static_cast<uint32_t>(res) : 0;
    Transition t =
        server(Api::SleepEx, Kind::callback, res < 0 ? -1 : 0, res < 0 ? -res : 0, bytes);
    t.op = call.op;
    // The OVERLAPPED as the kernel left it when it queued the completion (as on Windows, where
    // the routine gets the struct back): reaped now, so 0 or the errno, and cqe->res.
    t.ov_internal = res < 0 ? static_cast<uint64_t>(-res) : 0;
    t.ov_internal_high = static_cast<uint64_t>(static_cast<uint32_t>(res));
    copy_data(t, call.buffer.data(), bytes);
    recorder.add(t);
  }
};

Routines::Routines(Recorder& recorder) : impl_(std::make_unique<Impl>(recorder)) {}
Routines::~Routines() = default;

std::string Routines::init() {
  return impl_->ring.error ? failed("io_uring_queue_init", impl_->ring.error) : std::string();
}

std::string Routines::post(models_io::Socket s, uint32_t op, uint32_t size) {
  Impl& d = *impl_;
  RoutineCall& call = d.calls.emplace_back();
  call.op = op;
  call.buffer.assign(std::max<uint32_t>(size, 1), '\0');
  d.recorder.add(posted_recv(op, size));
  io_uring_sqe* sqe = io_uring_get_sqe(&d.ring.ring);
  io_uring_prep_recv(sqe, fd_of(s), call.buffer.data(), size, 0);
  io_uring_sqe_set_data(sqe, &call);
  const int32_t error = submit(d.ring.ring);
  if (error) {
    Transition t = server(Api::WSARecv, Kind::failed, kSocketError, error);
    t.op = op;
    d.recorder.add(t);
    d.calls.pop_back();
    return failed("WSARecv (io_uring_submit)", error);
  }
  // Done at the submit (the bytes were there): the CQE is in the CQ already, so the routine is
  // queued from the start, as Winsock queues it when WSARecv returns 0.
  io_uring_cqe* cqe = nullptr;
  const bool at_once = io_uring_peek_cqe(&d.ring.ring, &cqe) == 0 && cqe->user_data != kCancelData;
  Transition p = server(Api::WSARecv, at_once ? Kind::completion_queued : Kind::pending,
                        at_once ? 0 : kSocketError, at_once ? 0 : kWsaIoPending);
  p.op = op;
  p.ov_internal = kPending;
  if (at_once) {
    p.ov_internal_high = static_cast<uint64_t>(static_cast<uint32_t>(cqe->res));
    p.cqe_ready = 1;
  }
  call.queued = at_once;
  d.recorder.add(p);
  return {};
}

bool Routines::look() {
  Impl& d = *impl_;
  bool newly = false;
  unsigned head = 0;
  io_uring_cqe* cqe = nullptr;
  io_uring_for_each_cqe(&d.ring.ring, head, cqe) {  // looked at, not reaped
    if (cqe->user_data == kCancelData) continue;
    auto& call = *reinterpret_cast<RoutineCall*>(io_uring_cqe_get_data(cqe));
    if (call.queued) continue;
    call.queued = newly = true;
    Transition queued = server(Api::WSARecv, Kind::completion_queued);
    queued.op = call.op;
    queued.ov_internal = kPending;  // not reaped: the program has not seen it yet
    queued.ov_internal_high = static_cast<uint64_t>(static_cast<uint32_t>(cqe->res));
    queued.cqe_ready = 1;
    d.recorder.add(queued);
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
  // SleepEx(timeout, TRUE) on this thread's ring: waits for a CQE, then calls the routine of each.
  int32_t woke = 0;
  io_uring_cqe* cqe = nullptr;
  if (wait_cqe(d.ring.ring, cqe, timeout) == 0) {
    unsigned head = 0, count = 0;
    io_uring_for_each_cqe(&d.ring.ring, head, cqe) {
      ++count;
      if (cqe->user_data == kCancelData) continue;
      d.routine(*reinterpret_cast<RoutineCall*>(io_uring_cqe_get_data(cqe)), cqe->res);
      woke = kWsaWaitIoCompletion;
    }
    io_uring_cq_advance(&d.ring.ring, count);
  }
  d.recorder.add(thread_state(Api::SleepEx, Kind::unblocked, woke));
  d.calls.remove_if([](const RoutineCall& c) { return c.ran; });
  return woke;
}

void Routines::before_close(models_io::Socket) {
  if (!impl_->ring.error && impl_->in_flight()) cancel_all(impl_->ring.ring);
}

// ---- IOCP: the completion port's calls --------------------------------------------------------
struct CompletionPort::Impl {
  Ring ring;
  std::mutex sq_lock, cq_lock;  // the threads share the ring
  explicit Impl(unsigned entries) : ring(entries) {}
};

CompletionPort::CompletionPort(uint32_t /*threads*/, uint32_t receives)
    : impl_(new Impl(std::max<uint32_t>(receives, 8))) {
  error_ = impl_->ring.error;
}

CompletionPort::~CompletionPort() {
  delete impl_;
}

int32_t CompletionPort::associate(models_io::Socket, uint64_t) {
  return 0;  // no association: the key rides in each receive
}

models_io::CallResult CompletionPort::post_recv(PortReceive& r) {
  int32_t error = EBUSY;
  {
    std::lock_guard lock(impl_->sq_lock);
    if (io_uring_sqe* sqe = io_uring_get_sqe(&impl_->ring.ring)) {
      io_uring_prep_recv(sqe, fd_of(r.socket), r.buffer, r.size, 0);
      io_uring_sqe_set_data(sqe, &r);
      error = submit(impl_->ring.ring);
    }
  }
  // io_uring does not say whether it completed inside the submit: its CQE is the packet.
  return {kSocketError, error ? error : kWsaIoPending};
}

Packet CompletionPort::dequeue(milliseconds timeout) {
  Packet p;
  std::lock_guard lock(impl_->cq_lock);
  const auto deadline = steady_clock::now() + timeout;
  for (;;) {
    io_uring_cqe* cqe = nullptr;
    const auto left =
        std::max(milliseconds(0), duration_cast<milliseconds>(deadline - steady_clock::now()));
    if (const int32_t e = wait_cqe(impl_->ring.ring, cqe, left); e != 0) {
      p.error = e;
      p.timed_out = e == ETIME;
      return p;
    }
    const uint64_t data = cqe->user_data;
    const int res = cqe->res;
    io_uring_cqe_seen(&impl_->ring.ring, cqe);
    if (data == kCancelData) continue;  // the cancel request's own answer: no packet
    // Its SQE went in under sq_lock: taking the lock once orders the poster's writes (the
    // receive's fields) before our reads, as the kernel does, in a way TSan can see.
    { std::lock_guard submitted(impl_->sq_lock); }
    p.dequeued = true;
    p.receive = reinterpret_cast<PortReceive*>(data);
    p.key = p.receive ? p.receive->key : 0;
    p.ok = res >= 0;
    p.error = res < 0 ? -res : 0;
    p.bytes = res > 0 ? static_cast<uint32_t>(res) : 0;
    return p;
  }
}

void CompletionPort::post_wake() {
  std::lock_guard lock(impl_->sq_lock);
  if (io_uring_sqe* sqe = io_uring_get_sqe(&impl_->ring.ring)) {
    io_uring_prep_nop(sqe);
    io_uring_sqe_set_data64(sqe, 0);
    submit(impl_->ring.ring);
  }
}

void CompletionPort::cancel(PortReceive& r) {
  std::lock_guard lock(impl_->sq_lock);
  if (io_uring_sqe* sqe = io_uring_get_sqe(&impl_->ring.ring)) {
    io_uring_prep_cancel64(sqe, reinterpret_cast<uint64_t>(&r), 0);
    io_uring_sqe_set_data64(sqe, kCancelData);
    submit(impl_->ring.ring);
  }
}

void CompletionPort::before_close(PortReceive& r) {
  cancel(r);
}

// io_uring has no OVERLAPPED: as the backend shows one, 0x103 (STATUS_PENDING) until the CQE is
// reaped, then 0 or the errno, and the bytes. What the CQE said is already in the transition.
void CompletionPort::show(Transition& t, const PortReceive&) const {
  if (t.kind == Kind::pending) {
    t.ov_internal = kPending;
  } else if (t.kind == Kind::dequeued) {
    t.ov_internal = static_cast<uint64_t>(t.error);
    t.ov_internal_high = t.bytes;
  }
}

}  // namespace netcore::windows_models_io
