#!/usr/bin/env bash
# Whole-process benchmark of `render --stack prod --stdout`: the Native AOT binary, the JIT build and
# `kubectl kustomize` on the equivalent overlay (../shared/bench/kustomize/overlays/prod), paired: every round runs the
# three once each, in a rotating order, so a busy moment of the machine hits all of them. Wall time from the shell's
# EPOCHREALTIME (microseconds), peak memory as GNU time's maximum resident set size. Prints a Markdown table of medians
# and the median of the per-round ratios to kustomize.
#   bench/process-bench.sh [ROUNDS]           (default 30)
# Inputs (environment), defaults in brackets:
#   NATIVE   the Native AOT binary   [infra/NodeAgents.Cli/bin/Release/net10.0/linux-x64/publish/nodeagents,
#            from: dotnet publish infra/NodeAgents.Cli -c Release -r linux-x64 -p:PublishAot=true]
#   JIT      the JIT build's apphost [infra/NodeAgents.Cli/bin/Release/net10.0/nodeagents, from: dotnet build -c Release]
#   KUBECTL  kubectl with its built-in kustomize [kubectl]
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-30}
native=${NATIVE:-infra/NodeAgents.Cli/bin/Release/net10.0/linux-x64/publish/nodeagents}
jit=${JIT:-infra/NodeAgents.Cli/bin/Release/net10.0/nodeagents}
kubectl=${KUBECTL:-kubectl}
overlay=../shared/bench/kustomize/overlays/prod
names=(native jit kustomize)
commands=("$native render --stack prod --stdout" "$jit render --stack prod --stdout" "$kubectl kustomize $overlay")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One warm-up run each (page cache), checked to succeed.
for index in 0 1 2; do
  ${commands[$index]} >/dev/null 2>&1 || { echo "${names[$index]} failed: ${commands[$index]}"; exit 1; }
done

for ((round = 0; round < rounds; round++)); do
  for offset in 0 1 2; do
    index=$(((round + offset) % 3))
    start=$EPOCHREALTIME
    /usr/bin/time -f %M -o "$scratch/rss" ${commands[$index]} >/dev/null 2>&1
    end=$EPOCHREALTIME
    echo "$round ${names[$index]} $(echo "$start $end" | awk '{ printf "%.1f", ($2 - $1) * 1000 }') $(cat "$scratch/rss")" >>"$scratch/runs"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "| command | median wall time | median peak RSS | wall time / kustomize (median of paired rounds) |"
echo "|---|---:|---:|---:|"
for index in 0 1 2; do
  name=${names[$index]}
  wall=$(awk -v n="$name" '$2 == n { print $3 }' "$scratch/runs" | median)
  rss=$(awk -v n="$name" '$2 == n { print $4 }' "$scratch/runs" | median)
  ratio=$(awk -v n="$name" '$2 == n { mine[$1] = $3 } $2 == "kustomize" { base[$1] = $3 } END { for (r in mine) printf "%.3f\n", mine[r] / base[r] }' "$scratch/runs" | median)
  printf '| %s | %.0f ms | %.0f MiB | %.2f× |\n' "$name" "$wall" "$(echo "$rss" | awk '{ print $1 / 1024 }')" "$ratio"
done
echo "($rounds paired rounds; $(nproc) cores; $("$kubectl" version --client 2>/dev/null | tr '\n' ' '))"
