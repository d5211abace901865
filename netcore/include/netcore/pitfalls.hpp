// The lecture's pitfalls, found in a stream of transitions (a probed program's, a trace's, or
// the engine's own). Feed transitions in seq order; each pitfall is reported once where it shows.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "netcore/transition.hpp"

namespace netcore {

#define NETCORE_PITFALLS(X)                                                            \
  X(overlapped_reused)   /* WSARecv/WSASend posted with an OVERLAPPED still pending */ \
  X(send_buffer_changed) /* a WSASend's first bytes differ at completion */            \
  X(zero_byte_repost)    /* a receive keeps completing with 0 bytes and is reposted */ \
  X(event_without_op)    /* an event waited on that no pending op uses */              \
  X(incomplete_fetch)    /* WSAGetOverlappedResult(fWait=FALSE) before completion */

enum class Pitfall : uint8_t {
#define NETCORE_ENUM(name) name,
  NETCORE_PITFALLS(NETCORE_ENUM)
#undef NETCORE_ENUM
};

const char* pitfall_name(Pitfall p);
// One line for a student: what went wrong, in the lecture's words.
const char* pitfall_text_en(Pitfall p);
const char* pitfall_text_ko(Pitfall p);

struct PitfallHit {
  Pitfall pitfall;
  uint64_t seq = 0;  // the transition that showed it
  uint32_t session = 0, op = 0;
};

class PitfallChecker {
 public:
  std::optional<PitfallHit> feed(const Transition& t);

 private:
  struct Open {  // a posted op not yet ended
    uint16_t slot = 0;
    Api api = Api::none;
    uint64_t event = 0;
    bool pending = false;
    uint8_t posted_len = 0;
    char posted_data[kDataCapacity] = {};
  };
  std::map<std::pair<uint32_t, uint32_t>, Open> open_;  // (session, op)
  std::map<uint32_t, int> zero_receives_;               // session -> 0-byte receives in a row
  std::set<uint32_t> zero_flagged_;                     // sessions already flagged
  std::set<uint64_t> events_flagged_;
  std::set<std::pair<uint32_t, uint32_t>> incomplete_flagged_;
};

}  // namespace netcore
