#!/bin/sh
# Regenerates the .out files of the golden cases from the oracle, python3.
#   tests/golden/regen_out.sh            every case that has an .out (not # gtp-only),
#                                        and the examples' .out in examples/
#   tests/golden/regen_out.sh a.gtp ...  these cases (creates their .out)
# Review the diff before committing: a changed .out means python3 changed or
# the case did.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-/usr/bin/python3}
if [ $# -eq 0 ]; then
  set --
  for out in "$dir"/*.out; do
    stem=${out%.out}
    if [ -f "$stem.gtp" ]; then set -- "$@" "$stem.gtp"
    elif [ -f "$stem.gen" ]; then set -- "$@" "$stem.gen"
    fi
  done
  examples=
  for out in "$dir"/examples/*.out; do
    name=$(basename "$out" .out)
    examples="$examples $dir/../../examples/$name.gtp"
  done
  # shellcheck disable=SC2086
  "$python" "$dir/run_case.py" --python "$python" --regen-out --expect "$dir/examples" $examples
fi
exec "$python" "$dir/run_case.py" --python "$python" --regen-out "$@"
