/**
 * Pincer's settings: {@link dev.pincer.host.config.Config} read from the environment and
 * {@code .env}, grouped by what uses them; the {@link dev.pincer.host.config.Layout} of
 * {@code PINCER_HOME}; which group folder names are valid. May depend on {@code sandbox} for the
 * value types of its settings (limits, the agent's uid and gid) and on nothing else in the host.
 */
package dev.pincer.host.config;
