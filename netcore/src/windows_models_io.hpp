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
// `thread` says which thread really saw it (a routine runs on its issuing thread). It also reads
// each server-side thread's CPU clock at each of its transitions: cpu_ns() is what those
// threads used between their first and last transition (the client's thread is not counted).
class Recorder {
 public:
  void add(Transition t);
  std::vector<Transition> take();
  uint64_t cpu_ns() const;

 private:
  struct ThreadCpu {
    uint32_t thread = 0;
    uint64_t first = 0, last = 0;
  };
  mutable std::mutex mutex_;
  uint64_t next_seq_ = 1;
  std::vector<Transition> transitions_;
  std::vector<ThreadCpu> cpu_;
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
