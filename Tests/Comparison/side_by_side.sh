#!/bin/bash
# Triad's GEDI step against PyTorch's, side by side: ROUNDS rounds (default 4) of
#   triad bench (the unit chosen at run time), triad bench --isa avx2 (when the CPU has it), PyTorch,
# each the median of 200 steps, and the ratio PyTorch / Triad per round. A ratio is only meaningful
# within a round: on a shared machine the absolute times drift between rounds.
#
# Usage (from the repository root, after `pip install torch`):
#   swift build -c release && bash Tests/Comparison/side_by_side.sh [ROUNDS] [PYTHON]
set -euo pipefail
rounds=${1:-4}
python=${2:-python3}
triad=.build/release/triad
[ -x "$triad" ] || { echo "error: $triad not found: run 'swift build -c release' first" >&2; exit 2; }
"$python" -c "import torch" 2>/dev/null || { echo "error: $python cannot import torch: pip install torch" >&2; exit 2; }
field() { "$python" -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
echo "round | triad unit | triad ms | triad avx2 ms | pytorch ms | pytorch / triad"
for r in $(seq 1 "$rounds"); do
    json=$("$triad" bench --training-iterations 0 --json)
    isa=$(echo "$json" | field isa)
    ms=$(echo "$json" | field gedi_step_ms)
    avx2=$("$triad" bench --training-iterations 0 --isa avx2 --json 2>/dev/null | field gedi_step_ms \
        | xargs printf '%.3f' 2>/dev/null || echo "-")
    torch=$("$python" Tests/Comparison/pytorch_gedi_step.py --json 2>/dev/null | field pytorch_gedi_step_ms)
    ratio=$("$python" -c "print(f'{$torch / $ms:.2f}')")
    printf '%s | %s | %.3f | %s | %.3f | %s\n' "$r" "$isa" "$ms" "$avx2" "$torch" "$ratio"
done
