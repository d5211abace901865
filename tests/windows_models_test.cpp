// The three Windows I/O models (netcore/windows_models.hpp) on the platform's backend: Winsock
// (this test runs under Wine in the windows-mingw preset) and io_uring. Both must give the same
// words for the server's side; the client's send may fall before or after a server line.
// Planted bugs, each seen failing on io_uring: FD_CLOSE reported with FD_READ (mask 33); the
// alertable wait called before the completion_queued check (the routine ran early); the socket's
// key changed to 2 (the dequeued packet carried the wrong key).
#include "netcore/windows_models.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace netcore;

std::vector<Transition> server_side(const WindowsModelRun& r) {
  std::vector<Transition> out;
  for (const Transition& t : r.transitions)
    if (t.session != kClientSession) out.push_back(t);
  return out;
}

std::string words(const std::vector<Transition>& ts) {
  std::string s;
  for (const Transition& t : ts) s += std::string(s.empty() ? "" : " ") + kind_name(t.kind);
  return s;
}

std::string data(const Transition& t) {
  return std::string(t.data, t.data_len).c_str();  // "Hello World", without the zero padding
}

const Transition* find(const std::vector<Transition>& ts, Kind kind, size_t from = 0) {
  for (size_t i = from; i < ts.size(); ++i)
    if (ts[i].kind == kind) return &ts[i];
  return nullptr;
}

TEST(WindowsModels, EventSelectReportsFdReadThenFdCloseAndRecvCompletesAtOnce) {
  const WindowsModelRun r = run_windows_model(WindowsModel::event_select);
  ASSERT_EQ(r.error, "");
  const auto ts = server_side(r);
  EXPECT_EQ(words(ts),
            "option_set blocked signaled network_events completed_immediately blocked signaled "
            "network_events");
  ASSERT_EQ(ts.size(), 8u);
  EXPECT_EQ(ts[0].api, Api::WSAEventSelect);
  EXPECT_EQ(ts[3].result, 1) << "FD_READ alone";
  EXPECT_EQ(ts[4].api, Api::recv);
  EXPECT_EQ(ts[4].bytes, 100u);
  EXPECT_EQ(data(ts[4]), "Hello World");
  EXPECT_EQ(ts[7].result, 32) << "FD_CLOSE alone";
}

TEST(WindowsModels, CompletionRoutineWaitsQueuedUntilItsThreadIsAlertable) {
  const WindowsModelRun r = run_windows_model(WindowsModel::completion_routine);
  ASSERT_EQ(r.error, "");
  const auto ts = server_side(r);
  EXPECT_EQ(words(ts), "posted pending completion_queued work blocked callback unblocked");
  ASSERT_EQ(ts.size(), 7u);
  const Transition& callback = ts[5];
  EXPECT_EQ(callback.bytes, 100u);
  EXPECT_EQ(callback.error, 0);
  EXPECT_EQ(data(callback), "Hello World");
  EXPECT_EQ(callback.thread, ts[0].thread) << "the routine runs on the thread that issued WSARecv";
  // The OVERLAPPED the routine gets back: Internal 0 (STATUS_SUCCESS), InternalHigh the bytes.
  // Planted on io_uring: the fields left unset (InternalHigh 0) -> failed.
  EXPECT_EQ(callback.ov_internal, 0u);
  EXPECT_EQ(callback.ov_internal_high, 100u);
  EXPECT_EQ(ts[4].api, Api::SleepEx);
  EXPECT_EQ(ts[6].result, kWsaWaitIoCompletion);
}

TEST(WindowsModels, IocpWorkerDequeuesTheKeyThenTheWakeUp) {
  const WindowsModelRun r = run_windows_model(WindowsModel::iocp);
  ASSERT_EQ(r.error, "");
  const auto ts = server_side(r);
  EXPECT_EQ(words(ts),
            "option_set option_set posted pending blocked dequeued blocked posted dequeued");
  const Transition* packet = find(ts, Kind::dequeued);
  ASSERT_NE(packet, nullptr);
  EXPECT_EQ(packet->session, kServerSession) << "the key the socket was associated with";
  EXPECT_EQ(packet->op, 1u) << "the WSARecv's OVERLAPPED";
  EXPECT_EQ(packet->bytes, 100u);
  EXPECT_EQ(data(*packet), "Hello World");
  EXPECT_NE(packet->thread, ts[2].thread) << "a worker thread dequeues it";
  // The OVERLAPPED as the inspector shows it: STATUS_PENDING while pending, then status 0 and
  // the bytes. Planted on io_uring: show() left empty (Internal 0 while pending) -> failed.
  EXPECT_EQ(ts[3].ov_internal, 0x103u) << "WSARecv pending: Internal is STATUS_PENDING";
  EXPECT_EQ(packet->ov_internal, 0u);
  EXPECT_EQ(packet->ov_internal_high, 100u) << "InternalHigh: the bytes";
  const Transition* wake = find(ts, Kind::dequeued, static_cast<size_t>(packet - ts.data()) + 1);
  ASSERT_NE(wake, nullptr);
  EXPECT_EQ(wake->session, 0u) << "PostQueuedCompletionStatus's key";
  EXPECT_EQ(wake->api, Api::GetQueuedCompletionStatus);
}

TEST(WindowsModels, DemoNamesRoundTrip) {
  for (WindowsModel m : kWindowsModels) {
    WindowsModel back{};
    ASSERT_TRUE(windows_model_from_demo(windows_model_demo(m), back));
    EXPECT_EQ(back, m);
  }
  WindowsModel none{};
  EXPECT_FALSE(windows_model_from_demo("iocp2", none));
}

}  // namespace
