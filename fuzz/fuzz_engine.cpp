// Random Command bytes on a real engine (loopback lab): any command the UI, a lesson script or a
// replayed file could send must be handled without a crash, a hang or a broken promise (every op
// ends exactly once, seq is gap-free). Raw fields on purpose: sizes, WSABUF counts, text_len
// beyond the text, kinds and sessions that do not exist.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "netcore/command.hpp"
#include "netcore/driver.hpp"
#include "netcore/engine.hpp"

namespace {

using namespace netcore;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_engine: %s\n", what.c_str());
  std::abort();
}

Command next_command(FuzzedDataProvider& in, const std::vector<uint32_t>& ops) {
  Command c;
  c.kind = CommandKind(in.ConsumeIntegralInRange<uint8_t>(0, uint8_t(CommandKind::alertable) + 1));
  c.session = in.ConsumeIntegralInRange<uint32_t>(0, 3);
  const uint8_t shape = in.ConsumeIntegral<uint8_t>();
  // Mostly sizes a lesson would use; now and then anything at all.
  c.size = shape % 16 == 0 ? in.ConsumeIntegral<uint32_t>()
                           : in.ConsumeIntegralInRange<uint32_t>(0, 1 << 17);
  c.wsabufs = shape % 8 == 1 ? in.ConsumeIntegral<uint32_t>() : in.ConsumeIntegralInRange(0u, 5u);
  c.value = in.ConsumeIntegral<int32_t>();
  // set_model: any value (unknown ones mean the event model). alertable: the engine allows a
  // minute of SleepEx; a run of 24 commands keeps each one short.
  if (c.kind == CommandKind::alertable) c.value %= 200;
  c.op = ops.empty() || shape % 4 == 3 ? in.ConsumeIntegral<uint32_t>()
                                       : ops[in.ConsumeIntegralInRange<size_t>(0, ops.size() - 1)];
  c.text_len = in.ConsumeIntegral<uint8_t>();  // may claim more than the 128-byte text holds
  const std::vector<uint8_t> text = in.ConsumeBytes<uint8_t>(in.ConsumeIntegralInRange(0, 40));
  for (size_t i = 0; i < text.size(); ++i) c.text[i] = char(text[i]);
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  Engine engine;
  std::string error;
  if (!engine.start(error)) fail("engine did not start: " + error);
  // Every transition, for the whole-run checks below (the driver itself keeps a bounded window).
  std::vector<Transition> all;
  Driver driver(engine, [&](const Transition& t) { all.push_back(t); });

  std::vector<uint32_t> ops;
  for (int n = 0; n < 24 && in.remaining_bytes() > 0; ++n) {
    const uint32_t op = engine.submit(next_command(in, ops));
    if (op) ops.push_back(op);
  }
  // Commands run in order: when this marker has ended, every command above has run.
  const uint32_t marker = engine.submit(post_recv(kNoSession, 1));
  if (!driver.await_end(marker, std::chrono::seconds(30)))
    fail("the engine did not get through 25 commands in 30 s");
  engine.stop();
  driver.pump();

  std::map<uint32_t, int> ends;
  for (size_t i = 0; i < all.size(); ++i) {
    const Transition& t = all[i];
    if (t.seq != i) fail("seq gap at " + std::to_string(i));
    if (!t.op) continue;
    if (ends[t.op]) fail("op " + std::to_string(t.op) + " reported after its end");
    if (ends_op(t.kind)) ++ends[t.op];
  }
  for (uint32_t op : ops)
    if (ends[op] != 1)
      fail("op " + std::to_string(op) + " ended " + std::to_string(ends[op]) + " times");
  return 0;
}
