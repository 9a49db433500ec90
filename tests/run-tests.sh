#!/bin/sh
# Run every unit-test executable given, under $RUN_TEST (qemu for cross builds)
# when set, and print one total: "N passed, N failed, N skipped".
# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..." per binary.
passed=0; failed=0; skipped=0; broken=""
for t in "$@"; do
	out=$(mktemp)
	case $t in
	*.sh) sh "$t" >"$out" 2>&1 ;; # a script runs on the build machine, never under qemu
	*) $RUN_TEST "$t" >"$out" 2>&1 ;;
	esac
	rc=$?
	cat "$out"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
	k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$out" | tail -n 1)
	skipped=$((skipped + ${k:-0}))
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
	# A binary that crashed or exited non-zero without a cmocka summary is a failure too.
	if [ $rc -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); broken="$broken $t(rc=$rc)"; fi
	rm -f "$out"
done
[ -z "$broken" ] || echo "crashed or exited early:$broken"
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
