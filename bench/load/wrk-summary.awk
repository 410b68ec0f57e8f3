# Reads the text output of `wrk --latency …` and prints one line of seven tab-separated fields:
#
#   requests/s  mean ms  p50 ms  p99 ms  requests  non-2xx/3xx responses  socket errors
#   51234.56    1.230    1.100   3.200   512345    0                      0
#
# Latencies are converted to milliseconds (wrk prints us, ms, s, m or h), and left empty when no
# request was answered within the run (wrk then prints zeros). Socket errors are the
# sum of wrk's connect/read/write/timeout counters. Exits non-zero when the output is not wrk's.
# Used by bench/load/lib.sh; run it as `awk -f wrk-summary.awk wrk-output.txt`.

# "1.23ms" -> 1.23, "456.00us" -> 0.456, "1.02s" -> 1020, "2.00m" -> 120000.
function to_ms(text,    value, unit) {
    value = text + 0
    unit = text
    sub(/^[0-9.]+/, "", unit)
    if (unit == "us") return value / 1000
    if (unit == "ms") return value
    if (unit == "s")  return value * 1000
    if (unit == "m")  return value * 60000
    if (unit == "h")  return value * 3600000
    printf "wrk-summary.awk: unknown time unit in '%s'\n", text > "/dev/stderr"
    failed = 1
    exit 2
}

BEGIN { rps = ""; mean = ""; p50 = ""; p99 = ""; requests = ""; non2xx = 0; socket_errors = 0 }

# "    Latency     1.23ms  456.00us  12.34ms   78.90%"  (the thread statistics: Avg first)
$1 == "Latency" && NF >= 4 { mean = to_ms($2) }

# The --latency distribution: "     50%    1.10ms"
$1 == "50%" { p50 = to_ms($2) }
$1 == "99%" { p99 = to_ms($2) }

# "  512345 requests in 10.00s, 100.00MB read"
$2 == "requests" && $3 == "in" { requests = $1 }

# "  Socket errors: connect 0, read 0, write 0, timeout 0"
/Socket errors:/ {
    for (i = 1; i <= NF; i++) {
        if ($i ~ /^(connect|read|write|timeout)$/) { n = $(i + 1); sub(/,$/, "", n); socket_errors += n }
    }
}

# "  Non-2xx or 3xx responses: 12"
/Non-2xx or 3xx responses:/ { non2xx = $NF }

# "Requests/sec:  51234.56"
$1 == "Requests/sec:" { rps = $2 }

END {
    if (failed) exit 2
    if (rps == "" || p50 == "" || p99 == "" || requests == "") {
        print "wrk-summary.awk: could not find Requests/sec and the latency distribution" > "/dev/stderr"
        exit 1
    }
    # No answer within the run: wrk prints zeros, but there is no latency to report.
    if (requests == 0) { mean = ""; p50 = ""; p99 = "" }
    else { mean = sprintf("%.3f", mean); p50 = sprintf("%.3f", p50); p99 = sprintf("%.3f", p99) }
    printf "%.2f\t%s\t%s\t%s\t%d\t%d\t%d\n", rps, mean, p50, p99, requests, non2xx, socket_errors
}
