// Export of what the model holds as a Chrome trace (the JSON "Trace Event Format" that
// chrome://tracing and ui.perfetto.dev open): one track (tid) per lane, a complete event ("X")
// for each pending span (pending .. signaled/fetched/failed), an instant event ("i") for each
// immediate completion and each failure, and the thread lanes' waits as complete events.
#pragma once
#include <string>

#include "model/model.hpp"

namespace iolab::model {

std::string chrome_trace_json(const Model& model, const char* backend_name);

// Writes chrome_trace_json to `path`. Returns "" or what went wrong.
std::string save_chrome_trace(const std::string& path, const Model& model,
                              const char* backend_name);

}  // namespace iolab::model
