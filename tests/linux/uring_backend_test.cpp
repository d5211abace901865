// The io_uring backend's OVERLAPPED snapshot against the kernel itself. The backend answers
// "is the event signaled?" from what the kernel last told it (a read or poll of the eventfd, the
// CQ ring's tail), to spare a system call per transition. These tests ask the eventfd directly
// (poll) at every step of both lecture paths and require the same answer.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "backend.hpp"

namespace be = netcore::backend;

namespace {

bool eventfd_readable(const be::Snapshot& snap) {
  pollfd p{int(snap.event), POLLIN, 0};
  return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

// A connected loopback pair: `server` is the engine's side, `client` the plain peer.
struct Pair {
  be::Socket listener = be::kInvalidSocket, server = be::kInvalidSocket,
             client = be::kInvalidSocket;
  Pair() {
    int32_t error = 0;
    listener = be::listen_tcp("127.0.0.1", 0, error);
    client = be::connect_tcp("127.0.0.1", be::local_port(listener), error);
    pollfd p{int(listener), POLLIN, 0};
    ::poll(&p, 1, 10000);
    server = be::accept_peer(listener, error);
  }
  ~Pair() {
    for (be::Socket s : {client, server, listener}) be::close_socket(s);
  }
  void send_hello() const { ASSERT_EQ(::send(int(client), "Hello World", 11, 0), 11); }
};

struct Op {
  char memory[100] = {};
  be::Buffers buffers;
  be::Overlapped* ov = nullptr;
  Op() {
    int32_t error = 0;
    ov = be::create_overlapped(error);
    buffers.buf[0] = memory;
    buffers.len[0] = sizeof memory;
    buffers.count = 1;
  }
  ~Op() { be::destroy_overlapped(ov); }
  // The snapshot's answer, checked against the eventfd's own.
  bool signaled() const {
    const be::Snapshot snap = be::snapshot(ov);
    EXPECT_EQ(snap.signaled, eventfd_readable(snap)) << "the snapshot disagrees with the kernel";
    return snap.signaled;
  }
};

// WSAWaitForMultipleEvents on one event, bounded so a broken backend fails instead of hanging.
int wait_one(be::Overlapped* ov, be::Waker* waker) {
  int32_t error = 0;
  return be::wait_any(&ov, 1, waker, 10000, error);
}

}  // namespace

TEST(UringSnapshot, PendingPathAgreesWithTheEventfdAtEveryStep) {
  Pair pair;
  ASSERT_NE(pair.server, be::kInvalidSocket);
  Op op;
  be::Waker* waker = be::create_waker();
  EXPECT_FALSE(op.signaled()) << "a new event is not signaled";
  const be::PostResult r = be::post_recv(pair.server, op.ov, op.buffers);
  ASSERT_EQ(r.status, be::Status::pending);
  EXPECT_FALSE(op.signaled()) << "pending: nothing arrived yet";
  pair.send_hello();
  ASSERT_EQ(wait_one(op.ov, waker), 0);
  EXPECT_TRUE(op.signaled()) << "the wait woke for it";
  const be::FetchResult f = be::fetch_result(pair.server, op.ov);
  EXPECT_TRUE(f.ok);
  EXPECT_EQ(f.bytes, 11u);
  EXPECT_FALSE(op.signaled()) << "fetching the result resets the event";
  be::destroy_waker(waker);
}

TEST(UringSnapshot, ImmediatePathSignalsAndConsumingResetsIt) {
  Pair pair;
  ASSERT_NE(pair.server, be::kInvalidSocket);
  Op op;
  pair.send_hello();
  pollfd p{int(pair.server), POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 10000), 1);  // the data is there before the post
  const be::PostResult r = be::post_recv(pair.server, op.ov, op.buffers);
  ASSERT_EQ(r.status, be::Status::immediate);
  EXPECT_EQ(r.bytes, 11u);
  // The kernel posted the CQE during the submit and signaled the eventfd: the tail moved, so the
  // snapshot must ask again rather than repeat the "not signaled" it knew before the post.
  EXPECT_TRUE(op.signaled());
  EXPECT_TRUE(op.signaled()) << "asked twice, same answer";
  EXPECT_TRUE(be::consume_signal(op.ov)) << "the read found the signal";
  EXPECT_FALSE(op.signaled());
  EXPECT_FALSE(be::consume_signal(op.ov)) << "nothing left to consume";
}

TEST(UringSnapshot, CancelSignalsTheEventWithAnAbort) {
  Pair pair;
  ASSERT_NE(pair.server, be::kInvalidSocket);
  Op op;
  be::Waker* waker = be::create_waker();
  ASSERT_EQ(be::post_recv(pair.server, op.ov, op.buffers).status, be::Status::pending);
  EXPECT_FALSE(op.signaled());
  int32_t error = 0;
  ASSERT_TRUE(be::cancel(pair.server, op.ov, error)) << error;
  ASSERT_EQ(wait_one(op.ov, waker), 0);
  EXPECT_TRUE(op.signaled());
  const be::FetchResult f = be::fetch_result(pair.server, op.ov);
  EXPECT_FALSE(f.ok);
  EXPECT_EQ(f.error, ECANCELED);
  EXPECT_FALSE(op.signaled());
  be::destroy_waker(waker);
}

// A second op on the same socket waits in line (Winsock's order) and is cancelled there, without
// the kernel: the backend signals the event itself, and the snapshot must see that too.
TEST(UringSnapshot, CancelWhileWaitingInLineSignals) {
  Pair pair;
  ASSERT_NE(pair.server, be::kInvalidSocket);
  Op first, second;
  ASSERT_EQ(be::post_recv(pair.server, first.ov, first.buffers).status, be::Status::pending);
  ASSERT_EQ(be::post_recv(pair.server, second.ov, second.buffers).status, be::Status::pending);
  EXPECT_FALSE(second.signaled());
  int32_t error = 0;
  ASSERT_TRUE(be::cancel(pair.server, second.ov, error));
  EXPECT_TRUE(second.signaled());
  EXPECT_FALSE(first.signaled());
  be::before_close(pair.server, first.ov);
  be::Waker* waker = be::create_waker();
  ASSERT_EQ(wait_one(first.ov, waker), 0);
  EXPECT_TRUE(first.signaled());
  EXPECT_FALSE(be::fetch_result(pair.server, first.ov).ok);
  be::destroy_waker(waker);
}

// An op the engine gave up on (still in the kernel after its socket was closed and the drain
// timed out) must not hold up the next socket that gets the same descriptor number: Winsock's
// per-socket order is per socket, not per number.
TEST(UringLines, AClosedSocketsAbandonedOpDoesNotBlockTheNextSocketWithItsNumber) {
  Pair old_pair;
  ASSERT_NE(old_pair.server, be::kInvalidSocket);
  Op abandoned;
  ASSERT_EQ(be::post_recv(old_pair.server, abandoned.ov, abandoned.buffers).status,
            be::Status::pending);
  const int number = int(old_pair.server);
  be::close_socket(old_pair.server);  // no cancel: as if the engine had abandoned it
  old_pair.server = be::kInvalidSocket;

  Pair pair;
  ASSERT_NE(pair.server, be::kInvalidSocket);
  ASSERT_EQ(::dup2(int(pair.server), number), number);  // the new socket under the old number
  Op op;
  pair.send_hello();
  const be::PostResult r = be::post_recv(number, op.ov, op.buffers);
  if (r.status == be::Status::pending) {
    be::Waker* waker = be::create_waker();
    int32_t error = 0;
    be::Overlapped* ov = op.ov;
    EXPECT_EQ(be::wait_any(&ov, 1, waker, 3000, error), 0) << "queued behind the abandoned op";
    be::destroy_waker(waker);
    EXPECT_TRUE(be::fetch_result(number, op.ov).ok);
  } else {
    EXPECT_EQ(r.status, be::Status::immediate);
  }
  ::close(number);
}

TEST(UringSnapshot, AFreshOverlappedHoldsNoOperation) {
  Op op;
  const be::Snapshot snap = be::snapshot(op.ov);
  EXPECT_EQ(snap.internal, 0u) << "Windows: Internal is 0 until the first post, not STATUS_PENDING";
  EXPECT_FALSE(snap.signaled);
}
