#include "netcore/command.hpp"

#include <algorithm>
#include <cstring>

namespace netcore {
namespace {

void set_text(Command& c, const char* text) {
  if (!text) return;
  const size_t n = std::min(std::strlen(text), size_t(kCommandTextCapacity));
  std::memcpy(c.text, text, n);
  c.text_len = uint8_t(n);
}

Command make(CommandKind kind, uint32_t session) {
  Command c;
  c.kind = kind;
  c.session = session;
  return c;
}

}  // namespace

Command post_recv(uint32_t session, uint32_t size, uint32_t wsabufs) {
  Command c = make(CommandKind::post_recv, session);
  c.size = size;
  c.wsabufs = wsabufs;
  return c;
}

Command post_send(uint32_t session, const char* text, uint32_t size, uint32_t wsabufs) {
  Command c = make(CommandKind::post_send, session);
  set_text(c, text);
  c.size = std::max<uint32_t>(size, c.text_len);
  c.wsabufs = wsabufs;
  return c;
}

Command post_send_bytes(uint32_t session, uint32_t size, uint32_t wsabufs) {
  return post_send(session, nullptr, size, wsabufs);
}

Command set_reading(uint32_t session, bool on) {
  Command c = make(CommandKind::set_reading, session);
  c.value = on ? 1 : 0;
  return c;
}

Command set_buffer(uint32_t session, bool send_buffer, int32_t bytes) {
  Command c = make(send_buffer ? CommandKind::set_sndbuf : CommandKind::set_rcvbuf, session);
  c.value = bytes;
  return c;
}

Command shutdown_send(uint32_t session) {
  return make(CommandKind::shutdown_send, session);
}
Command close_session(uint32_t session) {
  return make(CommandKind::close, session);
}

Command cancel(uint32_t session, uint32_t op) {
  Command c = make(CommandKind::cancel, session);
  c.op = op;
  return c;
}

Command reset_lab() {
  return make(CommandKind::reset, kNoSession);
}

Command touch_buffer(uint32_t op, const char* text) {
  Command c = make(CommandKind::touch_buffer, kNoSession);
  c.op = op;
  set_text(c, text);
  return c;
}

Command set_model(uint8_t model) {
  Command c = make(CommandKind::set_model, kServerSession);
  c.value = model;
  return c;
}

Command alertable_wait(int32_t timeout_ms) {
  Command c = make(CommandKind::alertable, kServerSession);
  c.value = timeout_ms;
  return c;
}

}  // namespace netcore
