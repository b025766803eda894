#!/usr/bin/env bash
# The main job on every example: read each record file, format it in APA and Vancouver,
# and convert it to every writable format (files go to demo-out/, gitignored).
set -euo pipefail
cd "$(dirname "$0")"
out=../demo-out
mkdir -p "$out"
shopt -s nullglob
status=0
# every format citeport can write (a "w" in the R/W column), plugins included
writable=$(citeport formats | awk 'NR > 1 && $2 ~ /w/ {print $1}')
pending=()
flush() {  # wait for the pending conversions, then show their messages and note any failure
  wait
  local g to
  for g in "${pending[@]}"; do
    for to in $writable; do
      cat "$out/$g.$to.log" >&2
      if [ -f "$out/$g.$to.rc" ]; then status=$(cat "$out/$g.$to.rc"); fi
      rm -f "$out/$g.$to.log" "$out/$g.$to.rc"
    done
  done
  pending=()
}
for f in *.txt *.nbib *.xml *.xml.gz *.ris *.bib *.json *.yaml; do
  echo "== $f"
  # the conversions run beside the formatting (one process each: most of their time is Python starting up);
  # their messages are kept and shown after the file's citations, in order
  for to in $writable; do
    { citeport convert "$f" --to "$to" -o "$out/$f.$to" 2>"$out/$f.$to.log" || echo $? >"$out/$f.$to.rc"; } &
  done
  pending+=("$f")
  for style in apa vancouver; do
    echo "-- $style"
    citeport format "$f" --style "$style" || status=$?
  done
  flush
done
echo "== the user's own record (../shared/seed), if present"
seed=../../shared/seed/pubmed-legacy-abstract-page.txt
if [ -f "$seed" ]; then
  citeport format "$seed" --style apa || true
  citeport format "$seed" --style vancouver || true
  citeport convert "$seed" --to ris || true
fi
echo "converted files are in demo-out/"
exit $status
