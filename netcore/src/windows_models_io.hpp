// The three Windows I/O models' platform part (windows_models.hpp): one file per platform chosen
// by CMake, src/win/windows_models_win.cpp (Winsock) and src/linux/windows_models_uring.cpp
// (io_uring). The portable part (windows_models.cpp) gives them the pair, the recorder and the
// client thread.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "models_io.hpp"
#include "netcore/transition.hpp"

namespace netcore::windows_models_io {

inline constexpr uint32_t kRecvOp = 1, kSendOp = 2;
inline constexpr uint32_t kBytes = 100;  // the lecture's buffer

// Stamps seq, time and the calling thread's id under one lock, so seq order is time order and
// `thread` says which thread really saw it (a routine runs on its issuing thread).
// Bounded when asked (the many-clients server): at most `capacity` transitions wait for
// take()/drain(), at most `session_cap` of any one session 1..sessions; beyond either a
// transition is dropped and counted, and takes no seq, so seq stays gap-free.
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

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  uint64_t next_seq_ = 1;
  std::vector<Transition> transitions_;
  size_t capacity_ = SIZE_MAX, session_cap_ = SIZE_MAX;
  std::vector<uint32_t> queued_;  // per session, [0] unused
  uint64_t dropped_ = 0;
  bool notified_ = false;
};

// A server-side transition of the receive (session 1, op 1, op_api WSARecv unless told).
Transition server(Api api, Kind kind, int32_t result = 0, int32_t error = 0, uint32_t bytes = 0,
                  Api op_api = Api::WSARecv);
void copy_data(Transition& t, const char* data, uint32_t len);

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

// The IOCP worker's hand-off to the thread that posts the wake-up: the worker records each
// GetQueuedCompletionStatus it enters; once it has dequeued the receive and waits again, the
// poster may go, so the wake-up reaches a waiting worker.
class WorkerHandOff {
 public:
  void entering_wait(Recorder& recorder);  // on the worker, before each GetQueuedCompletionStatus
  void dequeued_receive() { got_packet_ = true; }  // on the worker
  void worker_ended();                             // on the worker, last: never leaves a waiter
  void wait_for_worker() { released_.get_future().wait(); }  // on the poster

 private:
  std::promise<void> released_;
  bool got_packet_ = false, told_ = false;  // the worker's own
};

// The completion port, the IOCP model's own object: CreateIoCompletionPort, a WSARecv whose
// completion is queued to it, GetQueuedCompletionStatus, PostQueuedCompletionStatus, CancelIoEx.
// Linux: a ring shared by the threads (the SQ side behind one lock, the CQ side behind another);
// the receive's address rides in the SQE's user_data and its key in the receive itself, since
// io_uring has no association. Used by the iocp demo and by the many-clients server.
struct PortReceive {
  // The WSAOVERLAPPED (Windows), first, so the pointer GetQueuedCompletionStatus hands back is
  // the receive itself. Unused on Linux.
  alignas(8) unsigned char overlapped[32] = {};
  uint64_t key = 0;  // the completion key: the session number
  models_io::Socket socket = models_io::kInvalidSocket;
  char buffer[kBytes] = {};
};

struct Packet {
  bool dequeued = false;  // false: the wait itself failed or timed out (`error`: its code)
  bool ok = false;        // GetQueuedCompletionStatus returned TRUE
  int32_t error = 0;      // the operation's error (ECONNRESET...), or the wait's
  uint32_t bytes = 0;
  uint64_t key = 0;                // 0: a PostQueuedCompletionStatus wake-up
  PortReceive* receive = nullptr;  // null: a wake-up
};

class Port {
 public:
  // CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, threads); `receives`: how many
  // receives may be in flight at once (the ring's size on Linux).
  Port(uint32_t threads, uint32_t receives);
  ~Port();
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;
  int32_t error() const { return error_; }  // the creation's error, 0 when the port exists
  // CreateIoCompletionPort(socket, port, key): 0 or the error. Linux: nothing to call.
  int32_t associate(models_io::Socket s, uint64_t key);
  // WSARecv(r.socket, r.buffer, kBytes, &r.overlapped): ret 0 (completed, its packet queued
  // all the same) or SOCKET_ERROR with WSA_IO_PENDING or the failure's code.
  models_io::CallResult post_recv(PortReceive& r);
  Packet dequeue(std::chrono::milliseconds timeout);  // GetQueuedCompletionStatus
  void post_wake();                                   // PostQueuedCompletionStatus(key 0)
  void cancel(PortReceive& r);  // CancelIoEx: its packet still comes, with the abort code
  // What the OVERLAPPED shows (Internal, InternalHigh): Windows only, zeros on Linux.
  void show(Transition& t, const PortReceive& r) const;

 private:
  struct Impl;
  Impl* impl_ = nullptr;
  int32_t error_ = 0;
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
