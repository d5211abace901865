// The three Windows I/O models' platform part (windows_models.hpp): one file per platform chosen
// by CMake, src/win/windows_models_win.cpp (Winsock) and src/linux/windows_models_uring.cpp
// (io_uring). The portable part (windows_models.cpp) gives them the pair, the recorder and the
// client thread.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "models_io.hpp"
#include "netcore/transition.hpp"

namespace netcore::windows_models_io {

using models_io::kRecvOp;
using models_io::kSendOp;
inline constexpr uint32_t kBytes = 100;               // the lecture's buffer
inline constexpr int32_t kFdRead = 1, kFdClose = 32;  // winsock2.h's FD_READ, FD_CLOSE

// Stamps seq, time and the calling thread's id under one lock, so seq order is time order and
// `thread` says which thread really saw it (a routine runs on its issuing thread).
// Bounded when asked (the many-clients server): at most `capacity` transitions wait for
// take()/drain(), at most `session_cap` of any one session 1..sessions; beyond either a
// transition is dropped and counted, and takes no seq, so seq stays gap-free.
// With `count_cpu` (the one-shot runs) it also reads each server-side thread's CPU clock at each
// of its transitions: cpu_ns() is what those threads used between their first and last
// transition (the client's thread is not counted).
class Recorder {
 public:
  Recorder() = default;
  Recorder(size_t capacity, size_t session_cap, uint32_t sessions);
  bool add(Transition t);  // false: dropped
  std::vector<Transition> take();
  size_t drain(std::vector<Transition>& out);    // appends; never blocks
  bool wait(std::chrono::milliseconds timeout);  // until something waits for drain()
  void notify();                                 // wakes wait() (the run ended)
  size_t queued(uint32_t session) const;         // this session's transitions waiting for drain()
  uint64_t dropped() const;
  // Called after each add that was kept, on the adding thread (the engine's wake-up); set
  // before any add.
  std::function<void()> on_add;
  bool count_cpu = false;  // set before any add
  uint64_t cpu_ns() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  uint64_t next_seq_ = 1;
  std::vector<Transition> transitions_;
  size_t capacity_ = SIZE_MAX, session_cap_ = SIZE_MAX;
  std::vector<uint32_t> queued_;  // per session, [0] unused
  uint64_t dropped_ = 0;
  bool notified_ = false;
  struct ThreadCpu {
    uint32_t thread = 0;
    uint64_t first = 0, last = 0;
  };
  std::vector<ThreadCpu> cpu_;
};

// A server-side transition of the receive (session 1, op 1, op_api WSARecv unless told).
Transition server(Api api, Kind kind, int32_t result = 0, int32_t error = 0, uint32_t bytes = 0,
                  Api op_api = Api::WSARecv);
void copy_data(Transition& t, const char* data, uint32_t len);
// WSARecv of `size` bytes in one WSABUF, called (op `op`).
Transition posted_recv(uint32_t op, uint32_t size);
// WSARecv's answer with a routine or a port: SOCKET_ERROR + WSA_IO_PENDING pending; 0,
// completed at once, but its routine or packet is still delivered later: queued.
Transition recv_answer(const models_io::CallResult& r, uint32_t op);
// The server thread itself (op 0): blocked in or woken from SleepEx, GetQueuedCompletionStatus.
Transition thread_state(Api api, Kind kind, int32_t result = 0);

// One unit of the thread's own work (hashing), recorded as `work`: the queued completion waits.
void work_unit(Recorder& recorder, std::chrono::milliseconds length);

// The client, on its own thread: on request it sends the 100 bytes `delay` later, or shuts its
// sending side down (the server then sees FD_CLOSE).
class Client {
 public:
  Client(models_io::Socket s, Recorder& recorder, std::chrono::milliseconds delay);
  ~Client();  // finishes what was requested, then joins
  void send();
  void close();
  std::string error() const;

 private:
  void run();
  models_io::Socket socket_;
  Recorder& recorder_;
  std::chrono::milliseconds delay_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<bool> requests_;  // true: send, false: close
  bool done_ = false;
  std::string error_;
  std::thread thread_;
};

// The IOCP worker's hand-off to the thread that posts the wake-up: the worker tells each
// GetQueuedCompletionStatus it enters; once it has dequeued the receive and waits again, the
// poster may go, so the wake-up reaches a waiting worker.
class WorkerHandOff {
 public:
  void entering_wait();  // on the worker, before each GetQueuedCompletionStatus
  void dequeued_receive() { got_packet_ = true; }  // on the worker
  void worker_ended();                             // on the worker, last: never leaves a waiter
  void wait_for_worker() { released_.get_future().wait(); }  // on the poster

 private:
  std::promise<void> released_;
  bool got_packet_ = false, told_ = false;  // the worker's own
};

// ---- The calls, one class per model. The one-shot runs below and the engine's live lab
// (engine_models.cpp) both make them through these, so each call is written once per platform.
// Every call records its own transitions (session 1, op `op`); errors are one line.

// WSAEventSelect(FD_READ | FD_CLOSE) on one socket, on the thread that calls wait().
class EventSelect {
 public:
  explicit EventSelect(Recorder& recorder);
  ~EventSelect();  // WSAEventSelect(s, NULL, 0) and the event closed / the ring freed
  EventSelect(const EventSelect&) = delete;
  EventSelect& operator=(const EventSelect&) = delete;

  std::string select(models_io::Socket s);  // records WSAEventSelect
  enum class Woke : uint8_t { event, timeout, woken, failed };
  // WSAWaitForMultipleEvents on the socket's event: records blocked, then signaled (event) or
  // failed (timeout, failed). `woken`: wake() was called, nothing more is recorded.
  Woke wait(std::chrono::milliseconds timeout, std::string& error);
  // WSAEnumNetworkEvents: records network_events; the FD_ bits, or -1 (then `error`).
  int32_t network_events(std::string& error);
  // The recv that completes at once: records completed_immediately; the bytes, or -1.
  int32_t recv(char* buffer, uint32_t len, std::string& error);
  void wake();  // any thread: the waiting wait() returns `woken`
  uint32_t op = kRecvOp;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// WSARecv with lpCompletionRoutine, issued by one thread: its routines run only on it, in its
// alertable wait. Every member is called on that thread.
class Routines {
 public:
  explicit Routines(Recorder& recorder);
  ~Routines();  // a receive still pending is cancelled and waited for, never left the buffer
  Routines(const Routines&) = delete;
  Routines& operator=(const Routines&) = delete;

  std::string init();  // Linux: the thread's own ring
  // Records posted, then pending or completed_immediately (the routine is queued either way).
  std::string post(models_io::Socket s, uint32_t op, uint32_t size);
  // HasOverlappedIoCompleted on each receive whose routine has not run: records
  // completion_queued once for each that has completed. True when one newly did.
  bool look();
  bool waiting_for_completion() const;  // a receive is posted and not yet completed
  size_t routines_ran() const;
  // SleepEx(timeout, TRUE): records blocked, each routine that runs (callback), then
  // unblocked with WSA_WAIT_IO_COMPLETION, or 0 when the timeout passed first.
  int32_t alertable_wait(std::chrono::milliseconds timeout);
  void before_close(models_io::Socket s);  // io_uring: a close does not abort, cancel here

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The completion port's own calls, written once per platform: CreateIoCompletionPort,
// a WSARecv whose packet goes to it, GetQueuedCompletionStatus, PostQueuedCompletionStatus,
// CancelIoEx. Linux: one ring shared by the threads (the SQ side behind one lock, the CQ side
// behind another; liburing's rings are single-producer, single-consumer); the receive's address
// rides in the SQE's user_data, its key in the receive (io_uring has no association), and a
// wake-up is an IORING_OP_NOP with user_data 0. Port (below) and the many-clients server
// (many_clients.cpp) make their calls through it.
struct PortReceive {
  // Windows: the WSAOVERLAPPED, first, so the pointer GetQueuedCompletionStatus hands back is
  // the receive itself. Unused on Linux.
  alignas(8) unsigned char overlapped[32] = {};
  uint64_t key = 0;  // the completion key
  models_io::Socket socket = models_io::kInvalidSocket;
  char* buffer = nullptr;  // stays put while the receive is in flight
  uint32_t size = 0;
};

struct Packet {
  bool dequeued = false;   // false: the wait itself failed or timed out
  bool timed_out = false;  // ... because its timeout passed
  bool ok = false;         // GetQueuedCompletionStatus returned TRUE
  int32_t error = 0;       // the operation's error (ECONNRESET...), or the wait's
  uint32_t bytes = 0;
  uint64_t key = 0;                // 0: a PostQueuedCompletionStatus wake-up
  PortReceive* receive = nullptr;  // null: a wake-up
};

class CompletionPort {
 public:
  // CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, threads); `receives`: how many
  // may be in flight at once (the ring's size on Linux).
  CompletionPort(uint32_t threads, uint32_t receives);
  ~CompletionPort();
  CompletionPort(const CompletionPort&) = delete;
  CompletionPort& operator=(const CompletionPort&) = delete;
  int32_t error() const { return error_; }  // the creation's error, 0 when the port exists
  // CreateIoCompletionPort(socket, port, key): 0 or the error. Linux: nothing to call.
  int32_t associate(models_io::Socket s, uint64_t key);
  // WSARecv(r.socket, r.buffer, r.size, &r.overlapped): ret 0 (done at once, its packet queued
  // all the same) or SOCKET_ERROR with WSA_IO_PENDING or the failure's code. Any thread.
  models_io::CallResult post_recv(PortReceive& r);
  Packet dequeue(std::chrono::milliseconds timeout);  // GetQueuedCompletionStatus
  void post_wake();                                   // PostQueuedCompletionStatus, key 0
  void cancel(PortReceive& r);  // CancelIoEx: its packet still comes, with the abort code
  // Before closing r.socket: Winsock's closesocket aborts the receive itself; io_uring's close
  // does not, so it is cancelled here. Either way its packet then comes.
  void before_close(PortReceive& r);
  void show(Transition& t, const PortReceive& r) const;  // the OVERLAPPED's fields (Windows)

 private:
  struct Impl;
  Impl* impl_ = nullptr;
  int32_t error_ = 0;
};

// Both platforms' routine records have `queued` (completion_queued recorded) and `ran`.
template <class Calls>
bool any_not_completed(const Calls& calls) {
  for (const auto& c : calls)
    if (!c.queued && !c.ran) return true;
  return false;
}

// An I/O completion port with one socket associated; a worker thread dequeues. A packet can
// reach the worker before WSARecv has even returned to its caller: the worker records it only
// after the caller has recorded WSARecv's answer (one lock), so the words keep their order.
class Port {
 public:
  explicit Port(Recorder& recorder);
  ~Port();  // receives still in flight are cancelled and reaped first
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;

  std::string create();  // CreateIoCompletionPort(INVALID_HANDLE_VALUE, ...): records it
  // CreateIoCompletionPort(s, port, key): records it, result = the key
  std::string associate(models_io::Socket s, uint64_t key);
  // WSARecv with an OVERLAPPED: records posted, then pending or completed_immediately. Any thread.
  std::string post_recv(models_io::Socket s, uint32_t op, uint32_t size);
  // The worker: GetQueuedCompletionStatus until the wake-up key 0. Records blocked before each
  // wait (then tells `hand_off`, if any) and dequeued (key, bytes, data) for each packet.
  // A wait that times out ends it with an error when `give_up` is set, else it waits again.
  std::string work(std::chrono::milliseconds timeout, bool give_up, WorkerHandOff* hand_off);
  void post_wakeup();  // PostQueuedCompletionStatus(port, 0, key 0): records it. Any thread.
  void before_close(models_io::Socket s);  // io_uring: a close does not abort, cancel here
  size_t in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Context {
  models_io::Socket receiver;  // the lecture's server session (accepted socket)
  Client& client;
  Recorder& recorder;
  std::chrono::milliseconds timeout;
};

// Each runs the model's server side; returns a one-line error, empty when it ran to its end.
std::string event_select(Context& c);
std::string completion_routine(Context& c);
std::string iocp(Context& c);

}  // namespace netcore::windows_models_io
