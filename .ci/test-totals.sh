# Sourced by ./test.sh: test_totals DIR prints one line, "N passed, N failed", summed over the TRX files that
# `dotnet test --logger trx --results-directory DIR` wrote there (one per test project). STATUS, dotnet test's exit
# status, counts as one failure when it failed without a counted failed test (a crash, or a test host that aborted).
test_totals() { # DIR STATUS
  local passed=0 failed=0 trx counters p f
  for trx in "$1"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  done
  if [ "$2" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
  fi
  echo "$passed passed, $failed failed"
}
