// The course's other I/O models (LECTURE.md: the lecture sits between WSAEventSelect and the two
// after it, completion routines and IOCP), each run once on a real loopback TCP pair with the
// lecture's exchange: the client sends "Hello World" in a 100-byte buffer, the server fetches
// 100 bytes. Winsock makes the real calls; Linux answers with io_uring's own shapes:
//
//   event_select        WSAEventSelect(FD_READ | FD_CLOSE), WSAWaitForMultipleEvents,
//                       WSAEnumNetworkEvents, then a recv that completes at once.
//                       Linux: IORING_OP_POLL_ADD armed on the socket; the poll mask is
//                       WSAEnumNetworkEvents; the recv after it is an ordinary synchronous one.
//   completion_routine  WSARecv with lpCompletionRoutine; the completion is queued
//                       (HasOverlappedIoCompleted) while the thread is busy; the routine runs
//                       only in the thread's alertable wait, SleepEx(..., TRUE), which returns
//                       WSA_WAIT_IO_COMPLETION. Linux: the issuing thread's own ring; its CQE
//                       waits in the CQ until that thread's alertable wait calls the routine.
//   iocp                CreateIoCompletionPort with a key, WSARecv with an OVERLAPPED, a worker
//                       thread in GetQueuedCompletionStatus getting (bytes, key, OVERLAPPED*),
//                       PostQueuedCompletionStatus to wake it. Linux: the ring's CQ is the port,
//                       a CQE's user_data carries key and op, io_uring_wait_cqe stands for
//                       GetQueuedCompletionStatus; threads sharing the ring take a lock.
//
// The completion key is the session number: a `dequeued` transition's session is the key that
// GetQueuedCompletionStatus returned (0: the PostQueuedCompletionStatus wake-up).
#pragma once
#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "netcore/transition.hpp"

namespace netcore {

enum class WindowsModel : uint8_t { event_select, completion_routine, iocp };

inline constexpr std::array<WindowsModel, 3> kWindowsModels = {
    WindowsModel::event_select, WindowsModel::completion_routine, WindowsModel::iocp};

const char* windows_model_demo(WindowsModel m);     // the demo's name: "event-select"
const char* windows_model_summary(WindowsModel m);  // one line: the calls it makes
bool windows_model_from_demo(std::string_view name, WindowsModel& out);

struct WindowsModelRun {
  WindowsModel model = WindowsModel::event_select;
  Backend backend = Backend::winsock;
  std::string error;                    // empty when the exchange ran to its end
  std::vector<Transition> transitions;  // seq gap-free from 1; session 1 server, 2 client
  // CPU time the server side's threads used, each from its first transition to its last
  // (measured: GetThreadTimes / CLOCK_THREAD_CPUTIME_ID on the thread itself).
  uint64_t cpu_ns = 0;
};

// Runs one model. The client sends `delay` after the server is ready to receive, so the server
// really waits; every wait is bounded by `timeout` (then `error` says which one ran out).
WindowsModelRun run_windows_model(WindowsModel m,
                                  std::chrono::milliseconds delay = std::chrono::milliseconds(200),
                                  std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace netcore
