// `iolab-cli demo models`: the same exchange in the four I/O models, side by side.
#pragma once

namespace iolab {

// argv holds the arguments after "demo models": [--format text|jsonl] [--delay MS]
// [--peer send|close|reset] [--all].
// Returns the process exit code: 0 when all four received their 100 bytes, 1 when one failed,
// 2 on a usage error.
int run_models_demo(int argc, char** argv);

}  // namespace iolab
