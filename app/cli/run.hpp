// `iolab-cli run FILE [--format text|jsonl] [--speed X] [--captions FILE]`: a scripted lesson
// (docs/lessons.md).
#pragma once
#include <string>

// Exit code: 0 the lesson ran to the end, 1 a step failed (await timed out...), 2 the script is
// malformed (every error printed as FILE:LINE: ..., nothing run).
// captions_path: "" or where to write the captions as JSON lines {"after":N,"text":..,"ko":..}.
int run_lesson(const std::string& path, bool jsonl, double speed,
               const std::string& captions_path = "");
