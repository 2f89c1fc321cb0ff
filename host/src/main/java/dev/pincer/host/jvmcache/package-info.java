/**
 * The agent JVM's start-up cache (docs/DESIGN.md section "JVM start-up cache"): {@link AgentJvmCache}
 * keeps one cache file per agent jar and JVM in {@code PINCER_HOME/data/jvm-cache}, made by a
 * {@link Training} run of the real agent jar against the scripted {@link TrainingModel}, and hands
 * each sandbox the file to mount read-only with the flags that use it ({@link JvmKind}: a JDK 25 AOT
 * cache, a JDK 24 two-step AOT cache, or a CDS archive on JDK 21 to 23). {@link AgentFlags} are the
 * agent JVM's fixed flags. A missing, stale or broken cache only costs speed. May depend on
 * {@code config}, {@code sandbox} (the {@code Mount}) and {@code protocol}.
 */
package dev.pincer.host.jvmcache;
