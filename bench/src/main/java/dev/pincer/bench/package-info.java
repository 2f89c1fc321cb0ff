/**
 * {@code bench/run}: the measures of issue 15's table (cold and warm start, reply delivery, the Bash
 * tool round trip, host and agent memory, web ingest, the scheduler) against real Pincer host
 * processes ({@code HostProcess}), real bwrap sandboxes and the testkit's fake model, each beside
 * its floor measured in the same run ({@code Floors}) and, optionally, the Claude Agent SDK
 * ({@code PeerSdk}). Prints a table, writes JSON ({@code Results}), compares with an earlier result
 * ({@code Table}). Nothing is asserted. May depend on {@code host}, {@code protocol} and
 * {@code testkit}; see docs/PERFORMANCE.md.
 */
package dev.pincer.bench;
