/**
 * Benchmarks run by hand, not by the test suite: {@code LatencyBench} measures the round trip of a
 * message through a real sandbox against the in-repo fake model. May depend on {@code host} (its app,
 * config and sandbox runtimes), {@code protocol} and {@code testkit}.
 */
package dev.pincer.bench;
