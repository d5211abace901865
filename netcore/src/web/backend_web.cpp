// The web edition's platform verbs: a browser page opens no sockets, so every one of them
// fails at once and says so. The page never starts the engine (it replays traces recorded by
// the real backends, app/platform/web_main.cpp); the 2x2 matrix replays its recorded runs
// (models_recorded.cpp).
#include <cerrno>
#include <string>

#include "backend.hpp"

namespace netcore {
namespace {

constexpr const char* kNoSockets =
    "a web page cannot open sockets: the live lab is the desktop app (this page replays "
    "recorded runs)";
constexpr int32_t kNoSocketsCode = ENOSYS;

}  // namespace

namespace backend {

struct Waker {};
struct Overlapped {};

// The traces this page plays were recorded on Linux by io_uring (and, when present, Winsock);
// the engine itself never runs here, so this names nothing the page shows.
Backend id() {
  return Backend::linux_io_uring;
}
bool startup(std::string& error) {
  error = kNoSockets;
  return false;
}
void cleanup() {}
Socket listen_tcp(const char*, uint16_t, int32_t& error) {
  error = kNoSocketsCode;
  return kInvalidSocket;
}
uint16_t local_port(Socket) {
  return 0;
}
std::string peer_address(Socket) {
  return {};
}
Socket accept_peer(Socket, int32_t& error) {
  error = kNoSocketsCode;
  return kInvalidSocket;
}
bool is_would_block(int32_t) {
  return false;
}
Socket connect_tcp(const char*, uint16_t, int32_t& error) {
  error = kNoSocketsCode;
  return kInvalidSocket;
}
bool set_buffer_size(Socket, bool, int32_t, int32_t& error) {
  error = kNoSocketsCode;
  return false;
}
bool shutdown_send(Socket, int32_t& error) {
  error = kNoSocketsCode;
  return false;
}
void close_socket(Socket) {}
Socket accept_wait(Socket, Waker*, int32_t& error) {
  error = kNoSocketsCode;
  return kInvalidSocket;
}
Waker* create_waker() {
  return new Waker;
}
void destroy_waker(Waker* w) {
  delete w;
}
void wake(Waker*) {}
void clear(Waker*) {}
Overlapped* create_overlapped(int32_t& error) {
  error = kNoSocketsCode;
  return nullptr;
}
void destroy_overlapped(Overlapped* ov) {
  delete ov;
}
PostResult post_recv(Socket, Overlapped*, const Buffers&) {
  return {Status::failed, -1, kNoSocketsCode, 0};
}
PostResult post_send(Socket, Overlapped*, const Buffers&) {
  return {Status::failed, -1, kNoSocketsCode, 0};
}
Snapshot snapshot(Overlapped*) {
  return {};
}
int wait_any(Overlapped* const*, int, Waker*, int, int32_t& error) {
  error = kNoSocketsCode;
  return -2;
}
FetchResult fetch_result(Socket, Overlapped*, bool) {
  return {false, 0, kNoSocketsCode, 0, 0};
}
bool consume_signal(Overlapped*) {
  return false;
}
bool cancel(Socket, Overlapped*, int32_t& error) {
  error = kNoSocketsCode;
  return false;
}
void before_close(Socket, Overlapped*) {}

}  // namespace backend

}  // namespace netcore
