# Sourced by the GUI test scripts after they set `iolab` (the app) and `out` (screenshots):
# makes OUT, gives `fail`, a private settings folder removed at exit (never the teacher's own:
# Ctrl+= and the theme write it), and `xvfb ARGS...`: the app under Xvfb in a 1920x1080 screen.
mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT
export XDG_CONFIG_HOME=$cfg
# The desk layout (every panel, as before the presets) unless a test asks for another.
xvfb() { xvfb-run -a -s "-screen 0 1920x1080x24" "$iolab" --layout desk "$@"; }
