// The lab's server session in one of the Windows I/O models (engine.hpp: LabModel), made of the
// same calls as the one-shot runs (windows_models_io.hpp). The engine owns one while its model is
// not the event model, creates it on its thread once the server session is accepted, and hands
// R (post_recv) and A (alertable) to it. Its transitions go into `recorder`, whose on_add wakes
// the engine, which emits them through its normal queue (gap-free seq).
//
//   completion_routine  WSARecv with a routine, issued by the engine thread, which stays busy
//                       (its wait is not alertable) and looks at each receive between rounds
//                       (HasOverlappedIoCompleted: completion_queued); `alertable` is its
//                       SleepEx(..., TRUE), in which the routines run (callback) on it.
//   iocp                the socket associated with a port (key 1); WSARecv with an OVERLAPPED;
//                       a worker thread in GetQueuedCompletionStatus (dequeued, key and bytes);
//                       PostQueuedCompletionStatus wakes it at the end.
//   event_select        WSAEventSelect(FD_READ | FD_CLOSE); each R is one round on the model's
//                       own thread: WSAWaitForMultipleEvents, WSAEnumNetworkEvents, and the
//                       recv that completes at once.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "netcore/engine.hpp"
#include "windows_models_io.hpp"

namespace netcore {

class LabModelServer {
 public:
  // Made on the engine thread, which is then the issuing thread of the routines.
  LabModelServer(LabModel model, models_io::Socket s, windows_models_io::Recorder& recorder);
  ~LabModelServer();  // on the engine thread; stops the model's thread; never frees a buffer
                      // the kernel still owns
  LabModelServer(const LabModelServer&) = delete;
  LabModelServer& operator=(const LabModelServer&) = delete;

  std::string start();                                // the model's setup calls; a one-line error
  std::string post_recv(uint32_t op, uint32_t size);  // R
  // A: SleepEx(timeout, TRUE) on this (the engine's) thread. False when the model has none.
  bool alertable(std::chrono::milliseconds timeout);
  // The busy thread's look between rounds: true while a receive with a routine is posted and
  // not yet seen completed (the engine then waits at most kLookInterval).
  bool looking() const;
  void look();
  // Around closesocket on the server session: before (io_uring cancels what the close would
  // not), after (IOCP: the aborted receives come through the port, then the worker is woken).
  void before_close();
  void after_close();

  static constexpr std::chrono::milliseconds kLookInterval{10};

 private:
  void event_select_thread();
  void give_up(uint32_t op);  // LAB_GAVE_UP_WAITING: the round's wait ended with the lab

  LabModel model_;
  models_io::Socket socket_;
  windows_models_io::Recorder& recorder_;
  std::unique_ptr<windows_models_io::Routines> routines_;
  std::unique_ptr<windows_models_io::Port> port_;
  std::unique_ptr<windows_models_io::EventSelect> event_select_;
  std::thread thread_;  // the IOCP worker, or the WSAEventSelect thread

  // WSAEventSelect rounds asked for by R (op, size), done in order by the model's thread.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::pair<uint32_t, uint32_t>> rounds_;
  bool stopping_ = false;
};

}  // namespace netcore
