// Transitions as lines of text: the CLI's two formats, the GUI's log and saved traces.
#pragma once
#include <cstdint>
#include <string>

#include "netcore/transition.hpp"

namespace netcore {

// One JSON object, no newline: seq, t_ns, thread, session, op, slot, api, event, result, error,
// error_name, bytes, data (text when printable, else "0x..." hex), data_len, wsabufs, ov, backend.
std::string format_jsonl(const Transition& t, Backend backend);

// One line that reads like the lecture's console; times are shown relative to t0_ns.
std::string format_text(const Transition& t, Backend backend, uint64_t t0_ns);

// "server", "client", or "netcore" (the engine itself): who a session number is, in words.
const char* session_name(uint32_t session);

// The captured bytes as the JSON `data` field shows them (printable text, or 0x-hex).
std::string data_as_text(const Transition& t);

// Appends `s` as a JSON string literal, quotes included (", \, newline, CR and tab escaped).
void append_json_string(std::string& out, const std::string& s);

}  // namespace netcore
