#include "model/export.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "netcore/format.hpp"

namespace iolab::model {
namespace {

std::string json_escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string us(uint64_t t, uint64_t t0) {  // microseconds since the first transition
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(t - t0) / 1000.0);
  return buf;
}

std::string lane_name(const Lane& lane) {
  if (lane.type == Lane::Type::thread) return "netcore thread " + std::to_string(lane.thread);
  return std::string(netcore::session_name(lane.session)) + " " + netcore::api_name(lane.api) +
         " (WSAOVERLAPPED slot " + std::to_string(lane.slot) + ")";
}

}  // namespace

std::string chrome_trace_json(const Model& model, const char* backend_name) {
  const uint64_t t0 = model.t_first();
  std::string out = "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"backend\":\"" +
                    json_escape(backend_name) + "\"},\"traceEvents\":[\n";
  bool first = true;
  auto add = [&](const std::string& event) {
    if (!first) out += ",\n";
    first = false;
    out += event;
  };
  add("{\"ph\":\"M\",\"pid\":1,\"tid\":0,\"name\":\"process_name\",\"args\":{\"name\":\"iolab (" +
      json_escape(backend_name) + ")\"}}");
  const auto& lanes = model.lanes();
  for (size_t i = 0; i < lanes.size(); ++i) {
    const int tid = static_cast<int>(i) + 1;
    const std::string tids = std::to_string(tid);
    add("{\"ph\":\"M\",\"pid\":1,\"tid\":" + tids +
        ",\"name\":\"thread_name\",\"args\":{\"name\":\"" + json_escape(lane_name(lanes[i])) +
        "\"}}");
    add("{\"ph\":\"M\",\"pid\":1,\"tid\":" + tids +
        ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":" + tids + "}}");
    for (const Wait& w : lanes[i].waits) {
      const uint64_t end = w.t_end == kNever ? model.t_last() : w.t_end;
      add("{\"ph\":\"X\",\"pid\":1,\"tid\":" + tids + ",\"name\":\"" + netcore::api_name(w.api) +
          "\",\"cat\":\"wait\",\"ts\":" + us(w.t_begin, t0) + ",\"dur\":" + us(end, w.t_begin) +
          "}");
    }
    for (size_t index : lanes[i].ops) {
      const Op& op = model.ops()[index];
      const std::string name = std::string(netcore::api_name(op.api)) + " #" +
                               std::to_string(op.id);
      const std::string args = "\"args\":{\"op\":" + std::to_string(op.id) +
                               ",\"bytes_requested\":" + std::to_string(op.bytes_requested) +
                               ",\"bytes\":" + std::to_string(op.bytes_done) + ",\"last\":\"" +
                               netcore::kind_name(op.last_kind) + "\"}";
      if (op.path == Path::immediate && op.t_returned != kNever) {
        add("{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":" + tids + ",\"name\":\"" + name +
            " completed_immediately\",\"cat\":\"immediate\",\"ts\":" + us(op.t_returned, t0) +
            "," + args + "}");
      } else if (op.went_pending()) {
        uint64_t end = op.t_end();
        if (end == kNever) end = model.t_last();
        if (end < op.t_returned) end = op.t_returned;
        add("{\"ph\":\"X\",\"pid\":1,\"tid\":" + tids + ",\"name\":\"" + name +
            " pending\",\"cat\":\"pending\",\"ts\":" + us(op.t_returned, t0) + ",\"dur\":" +
            us(end, op.t_returned) + "," + args + "}");
        if (op.t_signaled != kNever)
          add("{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":" + tids + ",\"name\":\"" + name +
              " signaled\",\"cat\":\"signaled\",\"ts\":" + us(op.t_signaled, t0) + "}");
      }
      if (op.t_failed != kNever)
        add("{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":" + tids + ",\"name\":\"" + name +
            " failed\",\"cat\":\"failed\",\"ts\":" + us(op.t_failed, t0) + "," + args + "}");
    }
  }
  out += "\n]}\n";
  return out;
}

std::string save_chrome_trace(const std::string& path, const Model& model,
                              const char* backend_name) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return path + ": " + std::strerror(errno);
  out << chrome_trace_json(model, backend_name);
  out.flush();
  return out ? "" : path + ": write failed";
}

}  // namespace iolab::model
