#!/usr/bin/env bash
# Makes build/windows-mingw/iolab-win64.zip, one folder `iolab-win64` holding iolab.exe and
# iolab-cli.exe (static, stripped: they import only Windows' own DLLs), the lessons, the fonts
# iolab.exe looks for beside itself (app/platform/places_windows.cpp), README-windows.txt and the
# licenses of what is in the exe and the zip.
#   tools/package-windows.sh     (builds the windows-mingw preset's two programs first)
# Env: IOLAB_PACKAGE_NO_BUILD=1  package what build/windows-mingw holds, without building.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/deps.sh zip binutils-mingw-w64-x86-64 fonts-dejavu-core fonts-nanum mingw-w64-common
BUILD=build/windows-mingw
if [[ ${IOLAB_PACKAGE_NO_BUILD:-0} != 1 ]]; then
  [[ -f $BUILD/CMakeCache.txt ]] || cmake --preset windows-mingw >/dev/null
  cmake --build --preset windows-mingw -j2 --target iolab iolab-cli >/dev/null
fi
fail() {
  echo "package-windows: $*" >&2
  exit 1
}

STAGE=$BUILD/package/iolab-win64
rm -rf "$BUILD/package"
mkdir -p "$STAGE/lessons" "$STAGE/fonts" "$STAGE/licenses"

# The DLLs every 64-bit Windows has. Anything else (libstdc++-6.dll, libgcc_s_seh-1.dll,
# libwinpthread-1.dll, glfw3.dll) would have to travel beside the exe: the build is static.
system_dlls=" advapi32.dll comdlg32.dll gdi32.dll kernel32.dll msvcrt.dll ole32.dll \
opengl32.dll shell32.dll user32.dll ws2_32.dll "
for exe in iolab iolab-cli; do
  [[ -f $BUILD/app/$exe.exe ]] || fail "$BUILD/app/$exe.exe was not built"
  x86_64-w64-mingw32-strip -o "$STAGE/$exe.exe" "$BUILD/app/$exe.exe"
  while read -r dll; do
    [[ $system_dlls == *" ${dll,,} "* ]] || fail "$exe.exe imports $dll, not a system DLL"
  done < <(x86_64-w64-mingw32-objdump -p "$STAGE/$exe.exe" | sed -n 's/^\s*DLL Name: //p')
done

cp assets/scenarios/*.lesson "$STAGE/lessons/"
for f in dejavu/DejaVuSans.ttf dejavu/DejaVuSans-Bold.ttf dejavu/DejaVuSansMono.ttf \
  nanum/NanumGothic.ttf nanum/NanumGothicBold.ttf; do
  cp "/usr/share/fonts/truetype/$f" "$STAGE/fonts/"
done

# Text for Notepad: CRLF line ends, and a UTF-8 byte order mark where there is Hangul.
windows_text() { sed 's/\r*$/\r/' "$1" >"$2"; }
{
  printf '\xef\xbb\xbf'
  sed 's/\r*$/\r/' assets/windows/README-windows.txt
} >"$STAGE/README-windows.txt"
if [[ -f LICENSE ]]; then
  windows_text LICENSE "$STAGE/licenses/iolab.txt"
else
  echo "package-windows: WARNING: no LICENSE at the repository's root: the zip has no" \
    "license of iolab's own" >&2
fi
windows_text third_party/imgui/LICENSE.txt "$STAGE/licenses/dear-imgui.txt"
windows_text third_party/glfw/LICENSE.md "$STAGE/licenses/glfw.txt"
windows_text /usr/share/doc/fonts-nanum/copyright "$STAGE/licenses/fonts-nanum-OFL.txt"
windows_text /usr/share/doc/fonts-dejavu-core/copyright "$STAGE/licenses/fonts-dejavu.txt"
# In the exe: mingw-w64's start-up code and winpthreads (statically linked), each under a
# notice-keeping license; the file lists every part of mingw-w64 with its own.
windows_text /usr/share/doc/mingw-w64-common/copyright "$STAGE/licenses/mingw-w64.txt"

ZIP=$PWD/$BUILD/iolab-win64.zip
rm -f "$ZIP"
(cd "$BUILD/package" && zip -qr -X -9 "$ZIP" iolab-win64)
size() { stat -c %s "$1"; }
echo "package-windows: $BUILD/iolab-win64.zip ($(size "$ZIP") bytes; iolab.exe" \
  "$(size "$STAGE/iolab.exe") bytes, iolab-cli.exe $(size "$STAGE/iolab-cli.exe") bytes)"
