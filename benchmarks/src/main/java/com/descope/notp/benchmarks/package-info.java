/**
 * The benchmarks behind {@code BENCHMARKS.md}: token validation (JMH), HTTP throughput
 * and latency of a secured endpoint, many pending login flows, and application start-up,
 * each against what a Spring developer would use instead. {@link BenchmarkRunner} runs
 * them and prints the table.
 */
package com.descope.notp.benchmarks;
