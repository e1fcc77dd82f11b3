#!/bin/bash
# The five speed goals of the real-size portfolios, two builds run alternately:
#   bench/compare-goals.sh BEFORE_CHECKOUT AFTER_CHECKOUT [RUNS] [WORK_DIR]
# Each checkout must be built (npm run build). Inputs come from bench/.data (npm run bench makes
# them). Every --out is a new empty folder under WORK_DIR and nothing is deleted during the series:
# on a disk mounted with `discard`, mass deletions slow the file creations that follow.
set -euo pipefail
before=$(cd "$1" && pwd) after=$(cd "$2" && pwd) runs=${3:-5}
work=$(mktemp -d "${4:-${TMPDIR:-/tmp}}/tierplan-goals-XXXX")
data="$after/bench/.data" asof=(--as-of 2026-11-24) log="$work/times.txt"
node "$after/bin/tierplan.js" gateway --inventory "$data/inventory-1k.yaml" "${asof[@]}" --out "$work/gw" >/dev/null 2>&1
# Exit 1 (findings) is a normal run; 2 and above is a broken one and stops the summary.
t() { /usr/bin/time -a -o "$log" -f "$1 $2 %e %U %S %x" "${@:3}" >/dev/null 2>&1 || true; }
for _ in $(seq "$runs"); do
  for build in "$before" "$after"; do
    name=$([ "$build" = "$before" ] && echo before || echo after)
    t plan-out "$name" node "$build/bin/tierplan.js" plan --inventory "$data/inventory-10k.yaml" --out "$(mktemp -d "$work/p.XXXX")" "${asof[@]}"
    t plan-5k "$name" node "$build/bin/tierplan.js" plan --inventory "$data/inventory-5k.yaml" --no-interactive --width 80 "${asof[@]}"
    t gateway "$name" node "$build/bin/tierplan.js" gateway --inventory "$data/inventory-1k.yaml" "${asof[@]}" --out "$(mktemp -d "$work/g.XXXX")"
    t verify "$name" node "$build/bin/tierplan.js" verify "$work/gw" --inventory "$data/inventory-1k.yaml" "${asof[@]}"
    t import "$name" node "$build/bin/tierplan.js" import "$data/register-10k.csv" --mapping "$after/examples/import/import-mapping.yaml" --output-file "$work/inventory-$name.yaml" --force "${asof[@]}"
  done
done
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter((l) => !l.startsWith("Command")).map((l) => l.split(" "));
const by = new Map();
for (const [goal, build, wall, user, sys, exit] of rows) {
  if (+exit >= 2) throw new Error(`${goal} (${build}) exited ${exit}`);
  const k = `${goal} ${build}`;
  if (!by.has(k)) by.set(k, []);
  by.get(k).push([+wall, +user + +sys]);
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
for (const [k, v] of [...by].sort()) {
  const w = v.map((x) => x[0]).sort((a, b) => a - b);
  console.log(`${k.padEnd(16)} wall ${w[0].toFixed(2)}–${w[w.length - 1].toFixed(2)} s (median ${med(w).toFixed(2)}), CPU median ${med(v.map((x) => x[1])).toFixed(2)} s`);
}' "$log"
echo "outputs left in $work (delete them when the disk is otherwise idle)"
