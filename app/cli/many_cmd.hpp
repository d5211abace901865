// `iolab-cli demo many-clients` and `iolab-cli serve --clients N`: one server, many real clients
// (netcore/many_clients.hpp).
#pragma once
#include <cstdint>
#include <string>

#include "netcore/many_clients.hpp"

namespace iolab {

// The lab's own N clients send `messages` each; prints the summary table (text) or every
// transition, a trace, with the summary as one {"summary":...} line on stderr (jsonl).
// 0 when every message was fetched.
int run_many_demo(netcore::ManyModel model, int clients, int messages, bool jsonl);

// Serves N outside clients at once; prints every transition; 0 once all N have closed.
int run_many_serve(const std::string& host, uint16_t port, netcore::ManyModel model, int clients,
                   bool jsonl);

}  // namespace iolab
