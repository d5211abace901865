#!/usr/bin/env bash
# The GUI's tests: the model's unit tests and the real app under Xvfb (tests/gui), driven
# through its real input path. Called by tools/test.sh; runs on its own too.
# Screenshots land in build/default/gui-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh cmake g++ make pkg-config liburing-dev libgtest-dev \
  libglfw3-dev python3-glad libstb-dev xvfb xauth xdotool fonts-dejavu-core fonts-nanum \
  libgl1-mesa-dri rapidjson-dev

cmake --preset default -DIOLAB_GUI=ON >/dev/null
cmake --build --preset default -j2 --target iolab iolab-cli model_tests
# Model tests (GoogleTest) and the GUI tests (label gui, RUN_SERIAL: one Xvfb at a time):
# tests/gui/*.drive, among them matrix.drive (M, Run all four, the four outcomes).
ctest --preset default -R '^gui_model\.'
ctest --preset default -L gui
echo "GUI tests passed; screenshots in build/default/gui-screenshots/"
