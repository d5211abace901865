#include "netcore/pitfalls.hpp"

#include <cstring>

namespace netcore {

const char* pitfall_name(Pitfall p) {
  switch (p) {
#define NETCORE_NAME(name) \
  case Pitfall::name:      \
    return #name;
    NETCORE_PITFALLS(NETCORE_NAME)
#undef NETCORE_NAME
  }
  return "?";
}

const char* pitfall_text_en(Pitfall p) {
  switch (p) {
    case Pitfall::overlapped_reused:
      return "posted with a WSAOVERLAPPED that is still pending: each outstanding operation needs "
             "its own";
    case Pitfall::send_buffer_changed:
      return "the WSASend buffer changed while the send was pending: the kernel may send the "
             "changed bytes";
    case Pitfall::zero_byte_repost:
      return "the receive completed with 0 bytes again and again: the peer has closed, close the "
             "session instead of posting again";
    case Pitfall::event_without_op:
      return "waiting on an event that no pending operation uses: nothing will signal it";
    case Pitfall::incomplete_fetch:
      return "WSAGetOverlappedResult(fWait=FALSE) before completion: WSA_IO_INCOMPLETE (996), "
             "wait for the event first";
  }
  return "?";
}

const char* pitfall_text_ko(Pitfall p) {
  switch (p) {
    case Pitfall::overlapped_reused:
      return "펜딩 중인 WSAOVERLAPPED로 다시 요청했습니다: 동시에 걸린 작업마다 자기 "
             "WSAOVERLAPPED가 "
             "필요합니다";
    case Pitfall::send_buffer_changed:
      return "펜딩 중에 WSASend 버퍼가 바뀌었습니다: 커널이 바뀐 바이트를 보낼 수 있습니다";
    case Pitfall::zero_byte_repost:
      return "수신이 0바이트로 계속 완료됩니다: 상대가 연결을 끊었으니 다시 걸지 말고 세션을 "
             "닫아야 합니다";
    case Pitfall::event_without_op:
      return "펜딩 중인 작업이 쓰지 않는 이벤트를 기다립니다: 아무도 시그널하지 않습니다";
    case Pitfall::incomplete_fetch:
      return "완료 전에 WSAGetOverlappedResult(fWait=FALSE)로 결과 확인을 했습니다: "
             "WSA_IO_INCOMPLETE (996), 먼저 시그널을 기다려야 합니다";
  }
  return "?";
}

namespace {
constexpr int32_t kWsaIoIncomplete = 996;
}

std::optional<PitfallHit> PitfallChecker::feed(const Transition& t) {
  const auto key = std::make_pair(t.session, t.op);
  auto hit = [&](Pitfall p) { return PitfallHit{p, t.seq, t.session, t.op}; };
  const bool is_io = t.op_api == Api::WSARecv || t.op_api == Api::WSASend;

  if (t.kind == Kind::posted && is_io) {
    std::optional<PitfallHit> found;
    if (t.slot != 0)
      for (const auto& [other, open] : open_)
        if (other.first == t.session && open.slot == t.slot && open.pending) {
          found = hit(Pitfall::overlapped_reused);
          break;
        }
    Open& o = open_[key];
    o.slot = t.slot;
    o.api = t.op_api;
    o.posted_len = t.data_len < kDataCapacity ? t.data_len : kDataCapacity;
    std::memcpy(o.posted_data, t.data, o.posted_len);
    return found;
  }
  if (t.kind == Kind::pending) {
    if (auto it = open_.find(key); it != open_.end()) {
      it->second.pending = true;
      it->second.event = t.ov_event;
    }
    return std::nullopt;
  }
  if (t.kind == Kind::blocked && t.api == Api::WSAWaitForMultipleEvents && t.ov_event != 0) {
    for (const auto& [k, open] : open_)
      if (open.pending && open.event == t.ov_event) return std::nullopt;
    if (events_flagged_.insert(t.ov_event).second) return hit(Pitfall::event_without_op);
    return std::nullopt;
  }
  if (t.api == Api::WSAGetOverlappedResult && t.kind == Kind::failed &&
      t.error == kWsaIoIncomplete) {
    if (incomplete_flagged_.insert(key).second) return hit(Pitfall::incomplete_fetch);
    return std::nullopt;  // still pending: the op lives on
  }

  // The completion-routine and port models end an op with `callback` / `dequeued`.
  const bool delivered = t.kind == Kind::callback || t.kind == Kind::dequeued;
  const bool ends = t.kind == Kind::completed_immediately || t.kind == Kind::result_fetched ||
                    t.kind == Kind::peer_closed || t.kind == Kind::failed || delivered;
  if (!ends || !is_io) return std::nullopt;
  std::optional<PitfallHit> found;
  const auto it = open_.find(key);
  if (t.op_api == Api::WSASend && t.kind == Kind::result_fetched && it != open_.end() &&
      t.data_len > 0) {
    const Open& o = it->second;
    const int n = t.data_len < o.posted_len ? t.data_len : o.posted_len;
    if (t.data_len != o.posted_len || std::memcmp(t.data, o.posted_data, size_t(n)) != 0)
      found = hit(Pitfall::send_buffer_changed);
  }
  if (t.op_api == Api::WSARecv) {
    int& zeros = zero_receives_[t.session];
    const bool closed = t.kind == Kind::peer_closed || (delivered && t.bytes == 0 && t.error == 0);
    zeros = closed ? zeros + 1 : 0;
    // The first 0-byte receive is how the peer's close arrives; posting again and getting a
    // second one shows a loop that does not stop.
    if (zeros >= 2 && zero_flagged_.insert(t.session).second && !found)
      found = hit(Pitfall::zero_byte_repost);
  }
  if (it != open_.end()) open_.erase(it);
  return found;
}

}  // namespace netcore
