// What the UI (or the CLI, or a test) asks the engine to do. Plain data, like Transition.
#pragma once
#include <cstdint>

#include "netcore/transition.hpp"

namespace netcore {

enum class CommandKind : uint8_t {
  post_recv,      // WSARecv on `session`: `size` bytes split over `wsabufs` WSABUFs
  post_send,      // WSASend on `session`: `text` padded with zeros to `size` bytes (the
                  // lecture sends "Hello World" in a 100-byte buffer); no text: a pattern
  set_reading,    // value != 0: keep a WSARecv posted on `session` (the lecture's server loop)
  set_sndbuf,     // setsockopt(SO_SNDBUF, value)
  set_rcvbuf,     // setsockopt(SO_RCVBUF, value)
  shutdown_send,  // shutdown(SD_SEND): the peer's receive completes with 0 bytes
  close,          // closesocket(session), even with I/O pending
  cancel,         // CancelIoEx on `op` (0: every pending op of `session`)
  reset,          // close everything and build the lab again
  touch_buffer,   // pitfall demo: overwrite op `op`'s buffer with `text` while it is pending
  set_model,      // value = LabModel: close everything and build the lab again in that model
  alertable,      // completion-routine model: the server thread's SleepEx(value ms, TRUE)
};

inline constexpr int kCommandTextCapacity = 128;

struct Command {
  CommandKind kind = CommandKind::post_recv;
  uint32_t session = kServerSession;
  uint32_t op = 0;  // filled by Engine::submit for posts; the target for cancel/touch_buffer
  uint32_t size = 0;
  uint32_t wsabufs = 1;
  int32_t value = 0;
  uint8_t text_len = 0;
  char text[kCommandTextCapacity] = {};
};

// Small builders so call sites read like the lecture.
Command post_recv(uint32_t session, uint32_t size, uint32_t wsabufs = 1);
Command post_send(uint32_t session, const char* text, uint32_t size, uint32_t wsabufs = 1);
Command post_send_bytes(uint32_t session, uint32_t size, uint32_t wsabufs = 1);
Command set_reading(uint32_t session, bool on);
Command set_buffer(uint32_t session, bool send_buffer, int32_t bytes);
Command shutdown_send(uint32_t session);
Command close_session(uint32_t session);
Command cancel(uint32_t session, uint32_t op = 0);
Command reset_lab();
Command touch_buffer(uint32_t op, const char* text);
Command set_model(uint8_t model);  // a LabModel (engine.hpp)
Command alertable_wait(int32_t timeout_ms = 3000);

}  // namespace netcore
