/** Fake servers for tests of every module: {@link dev.pincer.testkit.FakeAnthropic} (Messages API, JSON and SSE). */
package dev.pincer.testkit;
